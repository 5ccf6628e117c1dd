package dev.lark.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskSummaryTest {
    private static final String CLEAN_LOG = String.join("\n",
            "[INFO] 2026-11-22 03:07:27.714 +0000 - cleaning 'x': kafka a -> clickhouse b",
            "[INFO] 2026-11-22 03:07:28.061 +0000 - ",
            "========================================",
            "  LARK_CLEAN summary",
            "========================================",
            "  inputs                : 3000",
            "  failed (dead letters) : 9",
            "  output records        : 2991",
            "  errors NO_MATCH       : 9",
            "  status                : SUCCESS",
            "  duration              : 6.713 s",
            "========================================",
            "[INFO] 2026-11-22 03:07:28.068 +0000 - lineage: [kafka] -> [clickhouse]", "");

    @Test
    void readsTheLastSummaryBlock() {
        Map<String, String> s = TaskSummary.parse(CLEAN_LOG);
        assertThat(s).containsEntry("inputs", "3000").containsEntry("failed (dead letters)", "9")
                .containsEntry("errors NO_MATCH", "9").containsEntry("duration", "6.713 s");
        assertThat(TaskSummary.seconds(s, 1.0)).isEqualTo(6.713);
        assertThat(TaskSummary.result("LARK_CLEAN", s))
                .isEqualTo("3,000 records in, 2,991 cleaned, 9 to the dead-letter topic (NO_MATCH 9)");
    }

    @Test
    void readsCrLfLogsAsDsLogApiSendsThem() {
        assertThat(TaskSummary.parse(CLEAN_LOG.replace("\n", "\r\n"))).isEqualTo(TaskSummary.parse(CLEAN_LOG))
                .hasSize(6);
    }

    @Test
    void withoutASummaryFallsBackToDsTimes() {
        Map<String, String> s = TaskSummary.parse("[INFO] task started\n");
        assertThat(s).isEmpty();
        assertThat(TaskSummary.seconds(s, 2.0)).isEqualTo(2.0);
        assertThat(TaskSummary.result("LARK_INGEST", s)).isEmpty();
    }
}
