package dev.lark.task.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.engine.common.LineageReport;
import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.model.DatasetKind;
import dev.lark.lineage.model.RunEvent;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.junit.jupiter.api.Test;

class LarkLineageTest {

    @Test
    void taskReportBecomesARunEventNamedByCodesAndAliases() {
        TaskExecutionContext r = new TaskExecutionContext();
        r.setTaskInstanceId(42);
        r.setProcessInstanceId(7);
        r.setProjectCode(1001L);
        r.setProcessDefineCode(2002L);
        r.setProcessDefineVersion(3);
        r.setTaskName("load_orders");
        r.setTaskType("LARK_INGEST");
        r.setStartTime(new Date(1000));
        r.setTaskJson("{\"taskCode\":3003,\"taskDefinitionVersion\":2,\"processInstanceName\":\"orders-1\"}");
        LineageReport.Dataset src = LineageReport.Dataset.of("mariadb", "127.0.0.1:3306", "shop.orders");
        LineageReport.Dataset dst = LineageReport.Dataset.of("clickhouse", "127.0.0.1:8123", "dwd.orders");
        LineageReport.Dataset gen = LineageReport.Dataset.of("stream", "", "generated");
        LineageReport report = LineageReport.of(List.of(src, gen), List.of(dst), List.of(
                new LineageReport.ColumnMapping(src, List.of("id"), dst, "id", "copy"),
                new LineageReport.ColumnMapping(src, List.of("amount"), dst, "amount", "CAST(amount AS Decimal)")));

        RunEvent e = LarkLineage.toEvent(r, report, Map.of("lark.lineage.alias.127.0.0.1:8123", "ch-prod"), "primary");

        assertThat(e.getJob().getTaskCode()).isEqualTo(3003);
        assertThat(e.getJob().getTaskVersion()).isEqualTo(2);
        assertThat(e.getJob().getProjectCode()).isEqualTo(1001);
        assertThat(e.getRun().getTaskInstanceId()).isEqualTo(42);
        assertThat(e.getInputs()).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(DatasetKind.JDBC_TABLE);
            assertThat(d.qualifiedName()).isEqualTo("shop.orders@127.0.0.1-3306");
        });
        assertThat(e.getOutputs()).singleElement().satisfies(d -> {
            assertThat(d.getKind()).isEqualTo(DatasetKind.CLICKHOUSE_TABLE);
            assertThat(d.qualifiedName()).isEqualTo("dwd.orders@ch-prod");
        });
        assertThat(e.getColumnLineage()).hasSize(2);
        assertThat(e.getColumnLineage().get(0).getTransformation()).isEqualTo(ColumnLineage.IDENTITY);
        assertThat(e.getColumnLineage().get(1).getTransformation()).isEqualTo("CAST(amount AS Decimal)");
    }

    @Test
    void withoutATaskCodeFromDsTheStandInIsStablePerWorkflowAndTaskName() {
        TaskExecutionContext r = new TaskExecutionContext();
        r.setTaskInstanceId(1);
        r.setProcessInstanceId(1);
        r.setProjectCode(1L);
        r.setProcessDefineCode(2002L);
        r.setTaskName("load_orders");
        r.setTaskType("LARK_INGEST");
        LineageReport report = LineageReport.of(List.of(LineageReport.Dataset.of("kafka", "127.0.0.1:9092", "events")),
                List.of(), List.of());
        long first = LarkLineage.toEvent(r, report, Map.of(), "primary").getJob().getTaskCode();
        r.setTaskInstanceId(2);
        assertThat(LarkLineage.toEvent(r, report, Map.of(), "primary").getJob().getTaskCode()).isEqualTo(first)
                .isPositive();
        r.setTaskName("other_task");
        assertThat(LarkLineage.toEvent(r, report, Map.of(), "primary").getJob().getTaskCode()).isNotEqualTo(first);
    }

    @Test
    void aChangedConfigFileIsToldFromTheOneLoaded(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path file = dir.resolve("lark-lineage.properties");
        assertThat(LarkLineage.sourceStamp(file)).contains("unreadable");
        java.nio.file.Files.writeString(file, "lark.lineage.atlas.url=http://127.0.0.1:21000\n");
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        String loaded = LarkLineage.sourceStamp(file);
        assertThat(LarkLineage.sourceStamp(file)).isEqualTo(loaded);

        java.nio.file.Files.writeString(file, "lark.lineage.atlas.url=http://127.0.0.1:21001\n");
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(1_000_000L));
        assertThat(LarkLineage.sourceStamp(file)).as("same mtime, same size, rewritten").isEqualTo(loaded);
        java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(2_000_000L));
        assertThat(LarkLineage.sourceStamp(file)).isNotEqualTo(loaded);
        assertThat(LarkLineage.sourceStamp(null)).isNull();
    }
}
