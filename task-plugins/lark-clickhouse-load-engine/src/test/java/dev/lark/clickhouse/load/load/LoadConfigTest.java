package dev.lark.clickhouse.load.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.client.ClickHouseTarget;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.FileSource;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class LoadConfigTest {
    @Test
    void dedupTokenIsStablePerTaskScheduleAndBatch() {
        DedupToken a = new DedupToken("12345", "2026-11-21 00:00:00");
        DedupToken b = new DedupToken("12345", "2026-11-21 00:00:00");
        assertThat(a.forBatch(0)).isEqualTo("lark:12345:2026-11-21 00:00:00:0");
        assertThat(a.forBatch(7)).isEqualTo(b.forBatch(7)).isNotEqualTo(a.forBatch(6));
        assertThat(a.shortHash("d.t")).isEqualTo(b.shortHash("d.t")).hasSize(12)
                .isNotEqualTo(new DedupToken("12345", "2026-11-22 00:00:00").shortHash("d.t"))
                .isNotEqualTo(a.shortHash("d.u"));
        assertThatThrownBy(() -> new DedupToken("1", " ")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("scheduleTime");
    }

    @Test
    void stagingNameIsDerivedFromTheToken() {
        assertThat(ClickHouseLoader.stagingName("orders", "abc")).isEqualTo("orders__lark_stg_abc");
    }

    @Test
    void modesParse() {
        assertThat(LoadMode.parse("mode", "overwrite-partitions")).isEqualTo(LoadMode.OVERWRITE_PARTITIONS);
        assertThat(LoadMode.parse("mode", "UPSERT").staged()).isTrue();
        assertThat(LoadMode.APPEND.staged()).isFalse();
        assertThatThrownBy(() -> LoadMode.parse("mode", "merge")).hasMessageContaining("'mode' = \"merge\"")
                .hasMessageContaining("append, overwrite_partitions, overwrite_table, upsert");
    }

    @Test
    void batchAndBudgetValidation() {
        assertThatThrownBy(() -> new BatchPolicy(0, 1 << 20)).hasMessageContaining("'batch.maxRows' = 0");
        assertThatThrownBy(() -> new BatchPolicy(10, 10)).hasMessageContaining("'batch.maxBytes' = 10");
        assertThatThrownBy(() -> new ErrorBudget(5, 0, null)).hasMessageContaining("errors.deadLetterPath")
                .hasMessageContaining("dead-letter");
        ErrorBudget b = new ErrorBudget(2, 0.1, Paths.get("/tmp/dl.jsonl"));
        assertThat(b.within(2, 5)).isTrue();
        assertThat(b.within(3, 100)).isTrue();
        assertThat(b.within(30, 100)).isFalse();
        assertThat(ErrorBudget.NONE.within(1, 1000)).isFalse();
    }

    @Test
    void sourceAndTargetValidation() {
        assertThatThrownBy(() -> FileSource.local("/no/such/file.csv", FileFormat.CSV))
                .hasMessageContaining("'source.path' = \"/no/such/file.csv\"").hasMessageContaining("location=server");
        assertThatThrownBy(() -> FileFormat.parse("source.format", "xlsx")).hasMessageContaining("'source.format' = \"xlsx\"");
        assertThat(FileFormat.parse("f", "jsonl")).isEqualTo(FileFormat.JSON_EACH_ROW);
        assertThatThrownBy(() -> ClickHouseTarget.builder().endpoint("127.0.0.1:8123").build())
                .hasMessageContaining("'clickhouse.endpoints' = \"127.0.0.1:8123\"");
        ClickHouseTarget t = ClickHouseTarget.builder().endpoint("http://a:8123, http://b:8123/").user("u")
                .password("s3cret").build();
        assertThat(t.endpoints()).containsExactly("http://a:8123", "http://b:8123");
        assertThat(t.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> LoadRequest.builder().source(FileSource.server("/x.csv", FileFormat.CSV))
                .token(new DedupToken("1", "t")).build()).hasMessageContaining("target.database");
    }

    @Test
    void errorBudgetTakesADeadLetterFileOrTable() {
        ErrorBudget t = new ErrorBudget(10, 0, null, "ods.orders_rejected");
        assertThat(t.deadLetterTable()).contains("ods.orders_rejected");
        assertThat(t.deadLetter()).isEmpty();
        assertThat(new ErrorBudget(10, 0, Paths.get("/tmp/x.jsonl"), " ").deadLetterTable()).isEmpty();
        assertThatThrownBy(() -> new ErrorBudget(10, 0, null, null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("deadLetterPath or deadLetterTable");
        assertThatThrownBy(() -> new ErrorBudget(10, 0, null, "a.b.c")).hasMessageContaining("errors.deadLetterTable")
                .hasMessageContaining("database.table");
        assertThatThrownBy(() -> new ErrorBudget(10, 0, null, "x; DROP TABLE y")).isInstanceOf(ConfigException.class);
    }

    @Test
    void deadLetterTableNameDefaultsToTheTargetDatabase() {
        LoadRequest.Builder b = LoadRequest.builder().target("dwd", "orders").source(new dev.lark.clickhouse.load
                .source.ClickHouseQuerySource("SELECT 1")).token(new DedupToken("1", "t"));
        assertThat(DeadLetters.tableName(b.errors(new ErrorBudget(1, 0, null, "rejected")).build()))
                .containsExactly("dwd", "rejected");
        assertThat(DeadLetters.tableName(b.errors(new ErrorBudget(1, 0, null, "dq.rejected")).build()))
                .containsExactly("dq", "rejected");
        assertThat(DeadLetters.createTable("dq", "rejected")).startsWith("CREATE TABLE IF NOT EXISTS `dq`.`rejected`")
                .contains("`raw_row` String").contains("`position` String").contains("`task_code` String")
                .contains("non_replicated_deduplication_window");
    }

    @Test
    void compressionIsAutomaticallyOffOnLoopbackOnly() {
        ClickHouseTarget auto = ClickHouseTarget.builder().endpoint("http://127.0.0.1:8123").build();
        assertThat(auto.compresses("http://127.0.0.1:8123")).isFalse();
        assertThat(auto.compresses("http://localhost:8123")).isFalse();
        assertThat(auto.compresses("http://[::1]:8123")).isFalse();
        assertThat(auto.compresses("https://ch-prod.example:8443")).isTrue();
        assertThat(auto.compresses("http://10.1.2.3:8123")).isTrue();
        ClickHouseTarget on = ClickHouseTarget.builder().endpoint("http://127.0.0.1:8123").compression(true).build();
        assertThat(on.compresses("http://127.0.0.1:8123")).isTrue();
        ClickHouseTarget off = ClickHouseTarget.builder().endpoint("http://ch:8123").compression(false).build();
        assertThat(off.compresses("http://ch:8123")).isFalse();
    }

    @Test
    void wholeFileInsertsAreTheDefault() {
        LoadRequest r = LoadRequest.builder().target("d", "t").source(new dev.lark.clickhouse.load.source
                .ClickHouseQuerySource("SELECT 1")).token(new DedupToken("1", "t")).build();
        assertThat(r.wholeFileInserts()).isTrue();
        assertThat(r.dateTimeInputFormat()).isEqualTo("auto");
        LoadRequest.Builder b = LoadRequest.builder().target("d", "t").source(new dev.lark.clickhouse.load.source
                .ClickHouseQuerySource("SELECT 1")).token(new DedupToken("1", "t"));
        assertThat(b.dateTimeInputFormat("Best-Effort").build().dateTimeInputFormat()).isEqualTo("best_effort");
        assertThatThrownBy(() -> b.dateTimeInputFormat("iso").build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'dateTimeInputFormat' = \"iso\"").hasMessageContaining("best_effort");
    }
}
