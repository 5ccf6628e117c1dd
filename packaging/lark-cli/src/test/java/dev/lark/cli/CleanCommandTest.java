package dev.lark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CleanCommandTest {
    static final Path EXAMPLES = Path.of("../../task-plugins/lark-clean-engine/examples");

    @TempDir
    Path dir;

    private static int run(ByteArrayOutputStream out, String... args) {
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new LarkCli()).execute(args);
        } finally {
            System.setOut(old);
        }
    }

    @Test
    void debugJsonShowsStepsRecordsAndErrors() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = run(out, "clean", "debug", "--config", EXAMPLES.resolve("nginx.json").toString(),
                "--input", EXAMPLES.resolve("nginx-sample.txt").toString(), "--hint", "--json");
        assertThat(rc).isZero();
        JsonNode r = new ObjectMapper().readTree(out.toByteArray());
        assertThat(r.get("samples")).hasSize(4);
        assertThat(r.get("samples").get(0).get("steps").get(0).get("hints")).isNotEmpty();
        assertThat(r.get("samples").get(1).get("outcome").asText()).isEqualTo("FILTERED");
        assertThat(r.get("samples").get(3).get("error").get("kind").asText()).isEqualTo("NO_MATCH");
    }

    @Test
    void validateAndRun() throws Exception {
        assertThat(run(new ByteArrayOutputStream(), "clean", "validate", "--config", EXAMPLES.resolve("events.yaml").toString())).isZero();
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"steps\":[{\"label\":\"p\",\"op\":\"jsn\"}],\"schema\":{\"fields\":[{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true}],\"time\":{\"formats\":[\"iso8601\"]}}}");
        assertThat(run(new ByteArrayOutputStream(), "clean", "validate", "--config", bad.toString())).isEqualTo(2);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = run(out, "clean", "run", "--config", EXAMPLES.resolve("events.yaml").toString(), "--input",
                EXAMPLES.resolve("events-sample.txt").toString(), "--output", dir.resolve("o.jsonl").toString(),
                "--dead-letter", dir.resolve("d.jsonl").toString());
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("inputs +: 5\n").containsPattern("failed \\(dead letters\\) +: 3\n")
                .contains("SUCCESS");
        assertThat(Files.readAllLines(dir.resolve("o.jsonl"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("d.jsonl"))).hasSize(3);
    }

    @Test
    void runUsesTheJobRunnerAndNamesTheOptionOfABadField() throws Exception {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            // a Kafka source without its topic: the job spec rejects it before anything connects
            rc = run(new ByteArrayOutputStream(), "clean", "run", "--config", EXAMPLES.resolve("events.yaml").toString(),
                    "--source-type", "kafka", "--kafka-bootstrap-servers", "127.0.0.1:1", "--output", dir.resolve("o.jsonl").toString());
        } finally {
            System.setErr(oldErr);
        }
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("'sourceTopic' (--source-topic) is required");
        assertThat(dir.resolve("o.jsonl")).doesNotExist();
    }

    @Test
    void overTheErrorBudgetTheOutputFileIsNotPublished() throws Exception {
        Path strict = dir.resolve("strict.yaml");
        String events = Files.readString(EXAMPLES.resolve("events.yaml"));
        assertThat(events).contains("error_budget: {max_records: 100}");
        Files.writeString(strict, events.replace("error_budget: {max_records: 100}", "error_budget: {max_records: 0}"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = run(out, "clean", "run", "--config", strict.toString(), "--input", EXAMPLES.resolve("events-sample.txt").toString(),
                "--output", dir.resolve("o.jsonl").toString(), "--dead-letter", dir.resolve("d.jsonl").toString());
        assertThat(rc).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED");
        assertThat(dir.resolve("o.jsonl")).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("d.jsonl"))).hasSize(3);
    }
}
