package dev.lark.clean.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on files (no network): counters, publishing, error budget, and spec validation naming the field. */
class CleanJobTest {
    static final ObjectMapper M = new ObjectMapper();
    static final Path SAMPLE = Path.of("../lark-clean-engine/examples/nginx-sample.txt");

    @TempDir
    Path dir;

    private CleanPlan plan(String budgetKey, int budget) throws Exception {
        ObjectNode cfg = (ObjectNode) M.readTree(Files.readString(Path.of("src/test/resources/it-nginx.json")));
        cfg.putObject("error_budget").put(budgetKey, budget);
        return CleanPlan.compile(CleanConfig.parse(cfg.toString()));
    }

    private CleanJobSpec fileSpec() {
        return CleanJobSpec.builder().sourceType("file").inputPath(SAMPLE.toString())
                .sinkType("FILE").outputPath(dir.resolve("out/records.jsonl").toString())
                .deadLetterType("FILE").deadLetterPath(dir.resolve("out/dead.jsonl").toString())
                .batchSize(2).build();
    }

    @Test
    void cleansAFileIntoJsonLinesWithDeadLettersAndASummary() throws Exception {
        RunSummary summary = new RunSummary("clean");
        CleanJob.Result r = CleanJobs.run(plan("max_percent", 50), fileSpec(), RunContext.slf4j("t"), summary, h -> { });
        assertThat(r.withinBudget()).isTrue();
        assertThat(r.counters().inputs()).isEqualTo(4);
        assertThat(r.counters().succeeded() + r.counters().filtered() + r.counters().failed()).isEqualTo(4);
        List<String> records = Files.readAllLines(dir.resolve("out/records.jsonl"));
        assertThat(records).hasSize(2);
        assertThat(M.readTree(records.get(1)).get("path").asText()).isEqualTo("/api/v1/items?id=7");
        List<String> dead = Files.readAllLines(dir.resolve("out/dead.jsonl"));
        assertThat(dead).hasSize(1);
        assertThat(M.readTree(dead.get(0)).get("kind").asText()).isEqualTo("NO_MATCH");
        assertThat(summary.outputs()).containsEntry("cleanInputs", "4").containsEntry("cleanFailed", "1");
        // file datasets are named by absolute path (how the lineage hook names fs_path entities)
        assertThat(summary.lineage().inputs().get(0).name()).isEqualTo(SAMPLE.toAbsolutePath().toString());
        assertThat(summary.lineage().outputs().get(0).name()).isEqualTo(dir.resolve("out/records.jsonl").toAbsolutePath().toString());
    }

    @Test
    void overTheErrorBudgetNothingIsPublishedButTheDeadLettersAreKept() throws Exception {
        CleanJob.Result r = CleanJobs.run(plan("max_records", 0), fileSpec(), RunContext.slf4j("t"), null, h -> { });
        assertThat(r.withinBudget()).isFalse();
        assertThat(dir.resolve("out/records.jsonl")).doesNotExist();
        assertThat(dir.resolve("out/records.jsonl.inprogress")).doesNotExist();
        assertThat(Files.readAllLines(dir.resolve("out/dead.jsonl"))).hasSize(1);
    }

    @Test
    void aCancelledRunPublishesNothing() throws Exception {
        RunContext ctx = RunContext.slf4j("t");
        ctx.cancellation().cancel("test");
        assertThatThrownBy(() -> CleanJobs.run(plan("max_percent", 50), fileSpec(), ctx, null, h -> { }))
                .isInstanceOf(dev.lark.engine.common.Cancellation.CancelledException.class);
        assertThat(dir.resolve("out/records.jsonl")).doesNotExist();
        assertThat(dir.resolve("out/records.jsonl.inprogress")).doesNotExist();
    }

    @Test
    void specValidationNamesTheFieldAndTheFix() {
        assertThatThrownBy(() -> CleanJobSpec.builder().sinkType("FILE").outputPath("o").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sourceType'").hasMessageContaining("KAFKA");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("s3").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sourceType' = \"s3\"").hasMessageContaining("FILE, JDBC, KAFKA");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("KAFKA").kafkaBootstrapServers("h:9092").sinkType("FILE").outputPath("o").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'sourceTopic'");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("KAFKA").kafkaBootstrapServers("h:9092").sourceTopic("t")
                .startOffsets("committed").sinkType("FILE").outputPath("o").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'startOffsets'").hasMessageContaining("consumerGroup");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("FILE").inputPath("i").startOffsets("0=5")
                .sinkType("FILE").outputPath("o").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'startOffsets'");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("FILE").inputPath("i").sinkType("CLICKHOUSE").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'clickhouseTable'");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("FILE").inputPath("i").sinkType("FILE").outputPath("o")
                .deadLetterType("KAFKA").kafkaBootstrapServers("h:9092").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'deadLetterTopic'");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("FILE").inputPath("i").sinkType("FILE").outputPath("o").batchSize(0).build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'batchSize'");
        assertThatThrownBy(() -> CleanJobSpec.builder().sourceType("FILE").inputPath("i").sinkType("FILE").outputPath("o")
                .writeMode("REPLACE_PARTITIONS").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'writeMode'").hasMessageContaining("CLICKHOUSE");
        CleanJobSpec ok = CleanJobSpec.builder().sourceType("jdbc").jdbcQuery("SELECT 1").sinkType("clickhouse").clickhouseTable("d.t").build();
        assertThat(ok.deadLetterType()).isEqualTo(CleanJobSpec.DeadLetterType.NONE);
        assertThat(ok.startOffsets()).isEqualTo("earliest");
        assertThat(ok.writeMode()).isEqualTo(CleanJobSpec.WriteMode.APPEND);
        // endpoints resolved late are checked when the run opens them
        assertThatThrownBy(() -> CleanJobs.source(ok, h -> { })).isInstanceOf(ConfigException.class).hasMessageContaining("'jdbcUrl'");
        assertThatThrownBy(() -> CleanJobs.sink(ok)).isInstanceOf(ConfigException.class).hasMessageContaining("'clickhouseUrl'");
    }

    @Test
    void theClickHousePasswordIsASecret() {
        String pw = "pw-" + System.nanoTime();
        CleanJobSpec s = CleanJobSpec.builder().sourceType("FILE").inputPath("i").sinkType("CLICKHOUSE").clickhouseTable("d.t")
                .clickhouseUrl("http://127.0.0.1:8123").clickhouseUser("u").clickhousePassword(pw).build();
        assertThat(s.toString()).doesNotContain(pw);
        assertThat(dev.lark.engine.common.Secrets.redact("login " + pw)).doesNotContain(pw);
    }
}
