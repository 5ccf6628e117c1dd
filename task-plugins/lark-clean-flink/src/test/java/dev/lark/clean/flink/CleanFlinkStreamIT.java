package dev.lark.clean.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.kafka.TestTopics;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stream mode on the sandbox's real Flink 1.20.3 session cluster: the job jar of this module, submitted over REST
 * with flink-clients, cleans nginx access logs from a Kafka topic (2 partitions, parallelism 2) into a topic of
 * cleaned records and a dead-letter topic, while more logs keep arriving. Counts add up exactly, in the topics and
 * in the job's accumulators; then the job is cancelled. Both delivery guarantees: at-least-once, and exactly-once
 * (Kafka transactions committed on checkpoints; the topics are read with read_committed).
 */
@Sandboxed({"flink", "kafka"})
class CleanFlinkStreamIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CONFIG = Path.of("../lark-clean-engine/examples/nginx.json");
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @ParameterizedTest(name = "delivery {0}")
    @ValueSource(strings = {"at-least-once", "exactly-once"})
    void kafkaToCleanToKafkaWithDeadLettersCountsAddUp(String delivery, SandboxEndpoints endpoints) throws Exception {
        String run = this.run + "-" + delivery;
        String bootstrap = endpoints.get("kafka", "bootstrapServers");
        String raw = "flink-raw-" + run;
        String clean = "flink-clean-" + run;
        String dead = "flink-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(raw, 2, (short) 1), new NewTopic(clean, 1, (short) 1),
                    new NewTopic(dead, 1, (short) 1))).all().get();
        }
        // wave 1 before the job starts: 300 requests, 30 health checks (filtered), 30 garbage lines (dead letters)
        TestTopics.produceKeyed(bootstrap, raw, lines(0, 300, 30, 30));

        Path jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().endsWith("-job.jar")).findFirst()
                .orElseThrow(() -> new AssertionError("target/*-job.jar missing: run the package phase first"));
        URI rest = URI.create(endpoints.get("flink", "restUrl"));
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, rest.getHost());
        conf.set(RestOptions.PORT, rest.getPort());
        // only for building the graph in this JVM, whose classpath already holds the connector and kafka-clients: load
        // the job's classes parent-first so both sides see one copy (the cluster loads everything from the job jar)
        conf.set(CoreOptions.CLASSLOADER_RESOLVE_ORDER, "parent-first");
        PackagedProgram program = PackagedProgram.newBuilder().setJarFile(new File(jar.toString()))
                .setEntryPointClassName(CleanStreamJob.class.getName())
                .setArguments("--config-file", CONFIG.toAbsolutePath().toString(), "--bootstrap-servers", bootstrap,
                        "--source-topic", raw, "--sink-topic", clean, "--dead-letter-topic", dead, "--group-id", "flink-it-" + run,
                        "--checkpoint-interval-ms", "1000", "--delivery", delivery)
                .setConfiguration(conf).build();
        try (RestClusterClient<StandaloneClusterId> client = new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
            JobGraph graph = PackagedProgramUtils.createJobGraph(program, conf, 2, false);
            JobID job = client.submitJob(graph).get();
            try {
                await("wave 1 cleaned").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> committed(bootstrap, clean) >= 300 && committed(bootstrap, dead) >= 30);
                assertThat(client.getJobStatus(job).get()).isEqualTo(JobStatus.RUNNING);

                // wave 2 while the job runs
                TestTopics.produceKeyed(bootstrap, raw, lines(300, 100, 10, 20));
                await("wave 2 cleaned").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> committed(bootstrap, clean) >= 400 && committed(bootstrap, dead) >= 50);

                // the accumulators reach the JobManager with the TaskManager's heartbeats
                await("accumulators").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> longAcc(client.getAccumulators(job).get(), CleanFunction.INPUTS) == 490);
                Map<String, Object> acc = client.getAccumulators(job).get();
                assertThat(longAcc(acc, CleanFunction.SUCCEEDED)).isEqualTo(400);
                assertThat(longAcc(acc, CleanFunction.FILTERED)).isEqualTo(40);
                assertThat(longAcc(acc, CleanFunction.FAILED)).isEqualTo(50);
                assertThat(longAcc(acc, CleanFunction.OUTPUT_RECORDS)).isEqualTo(400);
                assertThat(longAcc(acc, CleanFunction.SUCCEEDED) + longAcc(acc, CleanFunction.FILTERED)
                        + longAcc(acc, CleanFunction.FAILED)).isEqualTo(longAcc(acc, CleanFunction.INPUTS));
            } finally {
                client.cancel(job).get();
                await("job cancelled").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> client.getJobStatus(job).get().isGloballyTerminalState());
                program.close();
            }
        }

        // exactly what went in, nothing twice: every request once, with its typed fields; every garbage line once
        List<JsonNode> cleaned = TestTopics.readAllJson(bootstrap, clean);
        assertThat(cleaned).hasSize(400);
        assertThat(cleaned.stream().map(r -> r.get("path").asText()).distinct().count()).isEqualTo(400);
        assertThat(cleaned.stream().mapToLong(r -> r.get("bytes").asLong()).sum()).isEqualTo(sumOfBytes(400));
        assertThat(cleaned.get(0).get("status").isInt()).isTrue();
        List<JsonNode> deadLetters = TestTopics.readAllJson(bootstrap, dead);
        assertThat(deadLetters).hasSize(50).allSatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("NO_MATCH");
            assertThat(d.get("step").asText()).isEqualTo("parse_line");
        });
        assertThat(deadLetters.stream().map(d -> d.get("raw").asText()).collect(Collectors.toSet())).hasSize(50);
    }

    /** {@code good} requests numbered from {@code from}, then health checks, then garbage lines (unique texts). */
    private static List<String> lines(int from, int good, int health, int garbage) {
        List<String> l = new ArrayList<>();
        for (int i = from; i < from + good; i++) {
            l.add(String.format("10.2.%d.%d - - [03/May/2024:09:%02d:%02d +0000] \"GET /stream/%d HTTP/1.1\" 200 %d \"-\" \"flink-it\"",
                    i % 250, i % 200, (i / 60) % 60, i % 60, i, 10 + i));
        }
        for (int i = 0; i < health; i++) {
            l.add("10.0.0.9 - - [03/May/2024:09:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\"");
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

    private static long longAcc(Map<String, Object> acc, String name) {
        Object v = acc.get(name);
        return v == null ? -1 : ((Number) v).longValue();
    }

    /** Records a read_committed consumer sees (with exactly-once, only those of committed transactions). */
    private static long committed(String bootstrap, String topic) throws Exception {
        return TestTopics.readAllJson(bootstrap, topic).size();
    }

}
