package dev.lark.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The one DolphinScheduler 3.1.1 REST call the demo needs beyond the test kit's client: task-instance timings
 * ({@code GET /projects/{p}/process-instances/{id}/tasks}: {@code startTime}, {@code endTime}). Its own session
 * ({@code POST /login}); the password goes only into the request body.
 */
final class DsTaskTimings {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String sessionId;

    DsTaskTimings(Map<String, String> endpoints) {
        this.baseUrl = SourceSeeder.require(endpoints, "dolphinscheduler", "restUrl");
        String body = "userName=" + enc(SourceSeeder.require(endpoints, "dolphinscheduler", "user"))
                + "&userPassword=" + enc(endpoints.getOrDefault("password", ""));
        JsonNode data = send(HttpRequest.newBuilder(URI.create(baseUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "log in to DolphinScheduler", null);
        this.sessionId = data.path("sessionId").asText();
    }

    /** Seconds each task instance of a workflow instance ran, by task name (end - start as DS recorded them). */
    Map<String, Double> taskSeconds(long projectCode, int instanceId) {
        Map<String, Double> out = new HashMap<>();
        JsonNode tasks = get("/projects/" + projectCode + "/process-instances/" + instanceId + "/tasks",
                "read task instances").path("taskList");
        java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        for (JsonNode t : tasks) {
            String start = t.path("startTime").asText("");
            String end = t.path("endTime").asText("");
            if (start.length() >= 19 && end.length() >= 19) {
                java.time.LocalDateTime s = java.time.LocalDateTime.parse(start.substring(0, 19).replace('T', ' '), f);
                java.time.LocalDateTime e = java.time.LocalDateTime.parse(end.substring(0, 19).replace('T', ' '), f);
                out.put(t.path("name").asText(), Duration.between(s, e).toMillis() / 1000.0);
            }
        }
        return out;
    }

    private JsonNode get(String path, String what) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), what, sessionId);
    }

    private JsonNode send(HttpRequest.Builder b, String what, String session) {
        b.timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (session != null) {
            b.header("Cookie", "sessionId=" + session);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode body = JSON.readTree(r.body());
            if (body == null || body.path("code").asInt(-1) != 0) {
                throw new IllegalStateException(what + ": DS answered code " + (body == null ? r.statusCode()
                        : body.path("code").asInt() + " " + body.path("msg").asText()));
            }
            return body.path("data");
        } catch (IOException e) {
            throw new IllegalStateException(what + ": cannot reach DS at " + baseUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
