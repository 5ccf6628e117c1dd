package dev.lark.clean.flink.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The few calls of Flink's REST API (1.20) that stream mode needs, over plain HTTP (JDK client + Jackson), so a
 * DolphinScheduler worker controls jobs without flink-clients: upload and run a jar, read a job's state and
 * accumulators, take a savepoint, stop with a savepoint, cancel. Errors carry Flink's own message.
 */
public final class FlinkRestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public FlinkRestClient(String restUrl, Duration timeout) {
        String u = restUrl.endsWith("/") ? restUrl.substring(0, restUrl.length() - 1) : restUrl;
        this.base = URI.create(u);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI baseUrl() {
        return base;
    }

    /** The web UI page of a job. */
    public String jobLink(String jobId) {
        return base + "/#/job/running/" + jobId + "/overview";
    }

    /** {@code GET /jars}: uploaded jar ids by their file name. */
    public Map<String, String> uploadedJars() throws IOException, InterruptedException {
        Map<String, String> byName = new LinkedHashMap<>();
        for (JsonNode f : call("GET", "/jars", null).path("files")) {
            byName.putIfAbsent(f.path("name").asText(), f.path("id").asText());
        }
        return byName;
    }

    /** {@code POST /jars/upload}: uploads {@code jar} under {@code fileName}; returns the jar id. */
    public String uploadJar(Path jar, String fileName) throws IOException, InterruptedException {
        String boundary = "lark-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest req = HttpRequest.newBuilder(base.resolve(base.getPath() + "/jars/upload")).timeout(timeout.multipliedBy(4))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        String filename = send(req, "POST /jars/upload").path("filename").asText();
        return filename.substring(filename.lastIndexOf('/') + 1);
    }

    /** {@code POST /jars/:id/run}; returns the job id. {@code savepointPath} null starts without state. */
    public String runJar(String jarId, String entryClass, List<String> args, int parallelism, String savepointPath)
            throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        body.set("programArgsList", JSON.valueToTree(args));
        body.put("parallelism", parallelism);
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
            body.put("allowNonRestoredState", false);
        }
        return call("POST", "/jars/" + jarId + "/run", body).path("jobid").asText();
    }

    /** {@code GET /jobs/:id}: the job's state and its vertices' states. */
    public JobState job(String jobId) throws IOException, InterruptedException {
        JsonNode j = call("GET", "/jobs/" + jobId, null);
        boolean allRunning = j.path("vertices").size() > 0;
        for (JsonNode v : j.path("vertices")) {
            allRunning &= "RUNNING".equals(v.path("status").asText());
        }
        return new JobState(j.path("state").asText(), allRunning);
    }

    /** {@code GET /jobs/:id/accumulators}: the user accumulators (numbers only). */
    public Map<String, Long> accumulators(String jobId) throws IOException, InterruptedException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (JsonNode a : call("GET", "/jobs/" + jobId + "/accumulators", null).path("user-task-accumulators")) {
            try {
                m.put(a.path("name").asText(), Long.parseLong(a.path("value").asText()));
            } catch (NumberFormatException e) {
                // not a counter
            }
        }
        return m;
    }

    /** {@code GET /jobmanager/config} value of {@code key}. */
    public Optional<String> clusterConfig(String key) throws IOException, InterruptedException {
        for (JsonNode e : call("GET", "/jobmanager/config", null)) {
            if (key.equals(e.path("key").asText())) {
                return Optional.of(e.path("value").asText());
            }
        }
        return Optional.empty();
    }

    /** {@code POST /jobs/:id/stop} (stop with a savepoint, no drain); waits for the savepoint, returns its path. */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration wait) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("targetDirectory", targetDirectory);
        body.put("drain", false);
        String trigger = call("POST", "/jobs/" + jobId + "/stop", body).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, wait);
    }

    /** {@code POST /jobs/:id/savepoints} (the job keeps running); waits for the savepoint, returns its path. */
    public String triggerSavepoint(String jobId, String targetDirectory, Duration wait) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("target-directory", targetDirectory);
        body.put("cancel-job", false);
        String trigger = call("POST", "/jobs/" + jobId + "/savepoints", body).path("request-id").asText();
        return awaitSavepoint(jobId, trigger, wait);
    }

    private String awaitSavepoint(String jobId, String trigger, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            JsonNode s = call("GET", "/jobs/" + jobId + "/savepoints/" + trigger, null);
            if ("COMPLETED".equals(s.path("status").path("id").asText())) {
                JsonNode op = s.path("operation");
                if (op.hasNonNull("location")) {
                    return op.path("location").asText();
                }
                throw new IOException("savepoint of Flink job " + jobId + " failed: "
                        + op.path("failure-cause").path("stack-trace").asText("(no cause given)").split("\n", 2)[0]);
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("savepoint of Flink job " + jobId + " not completed within " + wait.getSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }

    /** {@code PATCH /jobs/:id?mode=cancel}. */
    public void cancel(String jobId) throws IOException, InterruptedException {
        call("PATCH", "/jobs/" + jobId + "?mode=cancel", null);
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return send(b.build(), method + " " + path);
    }

    private JsonNode send(HttpRequest req, String what) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        JsonNode j = r.body() == null || r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() >= 300) {
            StringBuilder m = new StringBuilder();
            for (JsonNode e : j.path("errors")) {
                // Flink puts the whole server-side stack trace in here; the first lines hold the reason
                String[] lines = e.asText().split("\n");
                for (int i = 0; i < Math.min(lines.length, 3); i++) {
                    m.append(i == 0 ? "" : " | ").append(lines[i].trim());
                }
                m.append("; ");
            }
            throw new HttpStatusException(r.statusCode(), "Flink REST " + what + " at " + base + " answered HTTP "
                    + r.statusCode() + ": " + m);
        }
        return j;
    }

    /** A REST call answered with an error status. */
    public static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        private final int status;

        HttpStatusException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** A job's state ({@code RUNNING}, {@code FINISHED}, ...) and whether every vertex runs (savepoints need that). */
    public static final class JobState {
        private final String state;
        private final boolean allVerticesRunning;

        JobState(String state, boolean allVerticesRunning) {
            this.state = state;
            this.allVerticesRunning = allVerticesRunning;
        }

        public String state() { return state; }
        public boolean allVerticesRunning() { return allVerticesRunning; }

        public boolean terminal() {
            return "FINISHED".equals(state) || "CANCELED".equals(state) || "FAILED".equals(state) || "SUSPENDED".equals(state);
        }
    }
}
