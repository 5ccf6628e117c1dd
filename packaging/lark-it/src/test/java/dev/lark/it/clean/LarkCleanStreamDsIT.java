package dev.lark.it.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.DolphinSchedulerClient;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowSpec;
import dev.lark.testkit.kafka.TestTopics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * LARK_CLEAN stream mode in the real DolphinScheduler with the sandbox's Flink 1.20.3 session cluster: DS starts the
 * STREAM task definition, which submits the lark-clean-flink job (the sandbox cluster has no REST jar upload, so with
 * the sandbox's {@code bin/flink run -d}) and controls it over Flink's REST API (exactly-once, parallelism 2 over a
 * 2-partition topic). Nginx logs flow Kafka -> cleaned topic + dead-letter topic; a DS savepoint is taken while
 * it runs; DS stop ends the Flink job with a savepoint; logs produced while it is stopped are cleaned after a DS
 * restart, which resumes from that savepoint. Each request and each garbage line ends up exactly once.
 */
@Sandboxed({"dolphinscheduler", "kafka", "flink"})
class LarkCleanStreamDsIT {
    static final Duration TIMEOUT = Duration.ofMinutes(4);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path JOB_JAR_DIR = Path.of("../../task-plugins/lark-clean-flink/target");
    static final Pattern JOB_ID = Pattern.compile("Flink job id: ([0-9a-f]{32})");
    static final Pattern STOP_SAVEPOINT = Pattern.compile("stopped with savepoint (\\S+)");

    final HttpClient http = HttpClient.newHttpClient();

    final List<String> flinkJobs = new ArrayList<>();
    String flinkRest;

    /** A failed run must not leave its job holding the sandbox's task slots. */
    @org.junit.jupiter.api.AfterEach
    void cancelLeftOverJobs() throws Exception {
        for (String job : flinkJobs) {
            if ("RUNNING".equals(flinkJobState(flinkRest, job))) {
                http.send(HttpRequest.newBuilder(URI.create(flinkRest + "/jobs/" + job + "?mode=cancel"))
                        .method("PATCH", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            }
        }
    }

    @Test
    void dsStartsStopsAndRestartsTheFlinkCleaningJobWithoutLossOrDuplicates(SandboxEndpoints endpoints) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = endpoints.get("kafka", "bootstrapServers");
        flinkRest = endpoints.get("flink", "restUrl");
        String raw = "ds-stream-raw-" + run;
        String clean = "ds-stream-clean-" + run;
        String dead = "ds-stream-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(raw, 2, (short) 1), new NewTopic(clean, 1, (short) 1),
                    new NewTopic(dead, 1, (short) 1))).all().get();
        }
        // wave 1 before the start: 300 requests, 30 health checks (filtered), 30 garbage lines (dead letters)
        TestTopics.produceKeyed(bootstrap, raw, lines(0, 300, 30, 30));

        Path jobJar = Files.list(JOB_JAR_DIR).filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
                .orElseThrow(() -> new AssertionError(JOB_JAR_DIR + "/*-job.jar missing: build task-plugins/lark-clean-flink"));
        ObjectNode params = JSON.createObjectNode();
        params.put("mode", "STREAM");
        params.put("config", Files.readString(Path.of("../../task-plugins/lark-clean-engine/examples/nginx.json")));
        params.put("sourceType", "KAFKA").put("kafkaBootstrapServers", bootstrap).put("sourceTopic", raw)
                .put("consumerGroup", "ds-stream-" + run);
        params.put("sinkType", "KAFKA").put("sinkTopic", clean);
        params.put("deadLetterType", "KAFKA").put("deadLetterTopic", dead);
        params.put("flinkRestUrl", flinkRest).put("flinkJobJar", jobJar.toAbsolutePath().normalize().toString())
                .put("flinkHome", endpoints.get("flink", "flinkHome")).put("parallelism", 2).put("delivery", "exactly-once").put("checkpointIntervalMs", 1000);
        params.putArray("localParams");

        DolphinSchedulerClient ds = DolphinSchedulerClient.login(endpoints);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("clean-stream-" + run)
                .task(TaskDefinitionSpec.builder("clean", "LARK_CLEAN").taskParams(params).stream()).build());

        // 1st start: no savepoint yet
        TaskRun first = ds.startStreamTask(wf, "clean", Map.of(), TIMEOUT);
        String firstJob = awaitJobRunning(ds, first.id());
        assertThat(ds.taskLog(first.id())).contains("starting without state").contains("Flink job link: " + flinkRest);
        await("wave 1 cleaned").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> TestTopics.readAllJson(bootstrap, clean).size() >= 300 && TestTopics.readAllJson(bootstrap, dead).size() >= 30);

        // DS savepoint while it runs: the job keeps running
        ds.savepoint(project, first.id());
        await("DS savepoint").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> ds.taskLog(first.id()).contains("savepoint taken: "));
        assertThat(flinkJobState(flinkRest, firstJob)).isEqualTo("RUNNING");

        // wave 2 while it runs
        TestTopics.produceKeyed(bootstrap, raw, lines(300, 100, 10, 20));
        await("wave 2 cleaned").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> TestTopics.readAllJson(bootstrap, clean).size() >= 400 && TestTopics.readAllJson(bootstrap, dead).size() >= 50);

        // DS stop: stop-with-savepoint ends the Flink job (FINISHED), the task instance ends as killed
        ds.stopTask(project, first.id());
        TaskRun stopped = ds.awaitStreamTaskEnd(project, "clean", first.id(), TIMEOUT);
        assertThat(stopped.state()).as(stopped.log()).isEqualTo("KILL");
        Matcher sp = STOP_SAVEPOINT.matcher(stopped.log());
        assertThat(sp.find()).as(stopped.log()).isTrue();
        String savepoint = sp.group(1);
        assertThat(Path.of(URI.create(savepoint)).resolve("_metadata")).exists();
        await("Flink job stopped").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> "FINISHED".equals(flinkJobState(flinkRest, firstJob)));

        // wave 3 while nothing runs
        TestTopics.produceKeyed(bootstrap, raw, lines(400, 50, 5, 10));

        // 2nd start resumes from the stop's savepoint and cleans exactly wave 3
        TaskRun second = ds.startStreamTask(wf, "clean", Map.of(), TIMEOUT);
        String secondJob = awaitJobRunning(ds, second.id());
        assertThat(secondJob).isNotEqualTo(firstJob);
        assertThat(ds.taskLog(second.id())).contains("restoring from savepoint " + savepoint);
        await("wave 3 cleaned").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> TestTopics.readAllJson(bootstrap, clean).size() >= 450 && TestTopics.readAllJson(bootstrap, dead).size() >= 60);
        ds.stopTask(project, second.id());
        TaskRun secondEnd = ds.awaitStreamTaskEnd(project, "clean", second.id(), TIMEOUT);
        assertThat(secondEnd.state()).as(secondEnd.log()).isEqualTo("KILL");
        assertThat(secondEnd.log()).contains("LARK_CLEAN summary").contains("stopped with savepoint")
                .containsPattern("inputs +: 65\\b"); // counters are per run: wave 3 only (50 + 5 + 10)

        // nothing lost, nothing twice (read_committed: only committed transactions)
        List<JsonNode> cleaned = TestTopics.readAllJson(bootstrap, clean);
        assertThat(cleaned).hasSize(450);
        assertThat(cleaned.stream().map(r -> r.get("path").asText()).distinct().count()).isEqualTo(450);
        assertThat(cleaned.stream().mapToLong(r -> r.get("bytes").asLong()).sum()).isEqualTo(sumOfBytes(450));
        List<JsonNode> deadLetters = TestTopics.readAllJson(bootstrap, dead);
        assertThat(deadLetters).hasSize(60).allSatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("NO_MATCH");
            assertThat(d.get("step").asText()).isEqualTo("parse_line");
        });
        assertThat(deadLetters.stream().map(d -> d.get("raw").asText()).collect(Collectors.toSet())).hasSize(60);
    }

    private String awaitJobRunning(DolphinSchedulerClient ds, int taskInstanceId) {
        // the log is readable once DS has dispatched the instance to a worker
        await("Flink job running").atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> ds.taskLog(taskInstanceId).contains("(all tasks deployed)"));
        Matcher m = JOB_ID.matcher(ds.taskLog(taskInstanceId));
        assertThat(m.find()).isTrue();
        flinkJobs.add(m.group(1));
        return m.group(1);
    }

    private String flinkJobState(String rest, String jobId) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rest + "/jobs/" + jobId)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).path("state").asText();
    }

    /** {@code good} requests numbered from {@code from}, then health checks, then garbage lines (unique texts). */
    private static List<String> lines(int from, int good, int health, int garbage) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < from + good; i++) {
            l.add(String.format("10.3.%d.%d - - [04/May/2024:10:%02d:%02d +0000] \"GET /ds-stream/%d HTTP/1.1\" 200 %d \"-\" \"ds-it\"",
                    i % 250, i % 200, (i / 60) % 60, i % 60, i, 10 + i));
        }
        for (int i = 0; i < health; i++) {
            l.add("10.0.0.9 - - [04/May/2024:10:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\"");
        }
        for (int i = 0; i < garbage; i++) {
            l.add("garbage " + from + "-" + i);
        }
        return l;
    }

    private static long sumOfBytes(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += 10 + i;
        }
        return s;
    }

}
