package dev.lark.lineage;

import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.model.ColumnRef;
import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.EventType;
import dev.lark.lineage.model.Job;
import dev.lark.lineage.model.QualityCheck;
import dev.lark.lineage.model.QualityFacet;
import dev.lark.lineage.model.Run;
import dev.lark.lineage.model.RunEvent;
import dev.lark.lineage.model.RunState;
import dev.lark.lineage.naming.Datasets;
import java.time.Instant;
import java.util.Arrays;

/** Realistic events for tests. */
public final class SampleEvents {
    private SampleEvents() {
    }

    public static RunEvent ingest(long taskInstanceId) {
        Dataset src = Datasets.jdbcTable("mariadb", "mariadb-main", "shop", null, "Orders")
                .field("id", "bigint").field("amount", "decimal(10,2)").build();
        Dataset dst = Datasets.clickhouseTable("ch-prod", "dwd", "orders")
                .field("id", "Int64").field("amount", "Decimal(10,2)")
                .quality(QualityFacet.of(
                        QualityCheck.builder().ruleCode("orders_not_empty").ruleType("row_count").passed(true)
                                .observed("1000").expected("> 0").build(),
                        QualityCheck.builder().ruleCode("amount_not_null").ruleType("null_ratio").column("amount")
                                .passed(false).observed("0.02").expected("0").message("20 nulls").build()))
                .build();
        return RunEvent.builder()
                .eventType(EventType.COMPLETE)
                .eventTime(Instant.parse("2026-11-22T01:02:03Z"))
                .job(Job.builder().projectCode(1001).projectName("shop").workflowCode(2002).workflowVersion(3)
                        .workflowName("orders_daily").taskCode(3003).taskVersion(2).taskName("load_orders")
                        .taskType("LARK_INGEST").build())
                .run(Run.builder().taskInstanceId(taskInstanceId).workflowInstanceId(500).state(RunState.SUCCESS)
                        .startTime(Instant.parse("2026-11-22T01:00:00Z")).endTime(Instant.parse("2026-11-22T01:02:03Z"))
                        .scheduleTime(Instant.parse("2026-11-22T00:00:00Z")).externalId(Run.FLINK_JOB_ID, "abc123")
                        .build())
                .input(src).output(dst)
                .addColumnLineage(ColumnLineage.identity(ColumnRef.of(src, "id"), ColumnRef.of(dst, "id")))
                .addColumnLineage(new ColumnLineage(ColumnRef.of(dst, "amount"),
                        Arrays.asList(ColumnRef.of(src, "amount")), "CAST(amount AS Decimal(10,2))"))
                .runFacet("rowsWritten", "1000")
                .build();
    }
}
