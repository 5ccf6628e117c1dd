package dev.lark.it.lineage;

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
import java.util.List;

/**
 * A two-task DS workflow as Lark tasks report it: LARK_INGEST copies a MariaDB table into a ClickHouse ODS table,
 * LARK_CLICKHOUSE_LOAD builds a DWD table from it and checks its quality. Codes are unique per test so tests do not
 * see each other's entities in the shared sandbox Atlas.
 */
final class LineageEvents {
    final long projectCode;
    final String alias;
    final Dataset source;
    final Dataset ods;
    final Dataset dwd;

    LineageEvents(long projectCode) {
        this.projectCode = projectCode;
        this.alias = "ch-" + projectCode;
        this.source = Datasets.jdbcTable("mariadb", "maria-" + projectCode, "shop", null, "orders")
                .field("id", "bigint").field("amount", "decimal(10,2)").field("created", "datetime").build();
        this.ods = Datasets.clickhouseTable(alias, "ods", "orders").field("id", "Int64")
                .field("amount", "Decimal(10,2)").field("created", "DateTime").property("engine", "MergeTree").build();
        this.dwd = Datasets.clickhouseTable(alias, "dwd", "orders_daily").field("day", "Date")
                .field("total", "Decimal(18,2)").property("engine", "SummingMergeTree").build();
    }

    RunEvent ingest(long taskInstanceId, long workflowInstanceId) {
        return RunEvent.builder().eventType(EventType.COMPLETE)
                .job(job(1, "ingest_orders", "LARK_INGEST"))
                .run(run(taskInstanceId, workflowInstanceId))
                .input(source).output(ods)
                .addColumnLineage(ColumnLineage.identity(ColumnRef.of(source, "id"), ColumnRef.of(ods, "id")))
                .addColumnLineage(ColumnLineage.identity(ColumnRef.of(source, "amount"), ColumnRef.of(ods, "amount")))
                .addColumnLineage(ColumnLineage.identity(ColumnRef.of(source, "created"), ColumnRef.of(ods, "created")))
                .runFacet("rowsRead", "1000").runFacet("rowsWritten", "1000")
                .build();
    }

    RunEvent load(long taskInstanceId, long workflowInstanceId, boolean qualityPasses) {
        Dataset checked = dwd.toBuilder().quality(QualityFacet.of(
                QualityCheck.builder().ruleCode("dwd_not_empty").ruleType("row_count").passed(true)
                        .observed("31").expected("> 0").build(),
                QualityCheck.builder().ruleCode("total_positive").ruleType("range").column("total")
                        .passed(qualityPasses).observed(qualityPasses ? "0" : "2").expected("0 rows <= 0")
                        .message(qualityPasses ? null : "2 days with total <= 0").build())).build();
        return RunEvent.builder().eventType(EventType.COMPLETE)
                .job(job(2, "build_daily", "LARK_CLICKHOUSE_LOAD"))
                .run(run(taskInstanceId, workflowInstanceId).toBuilder().externalId(Run.CLICKHOUSE_QUERY_ID, "q-" + taskInstanceId).build())
                .input(ods).output(checked)
                .addColumnLineage(new ColumnLineage(ColumnRef.of(checked, "day"), List.of(ColumnRef.of(ods, "created")),
                        "toDate(created)"))
                .addColumnLineage(new ColumnLineage(ColumnRef.of(checked, "total"), List.of(ColumnRef.of(ods, "amount")),
                        "sum(amount)"))
                .build();
    }

    private Job job(long taskOffset, String name, String type) {
        return Job.builder().projectCode(projectCode).projectName("it-" + projectCode).workflowCode(projectCode + 100)
                .workflowName("orders_daily").workflowVersion(1).taskCode(projectCode + 200 + taskOffset)
                .taskName(name).taskVersion(1).taskType(type).build();
    }

    private static Run run(long taskInstanceId, long workflowInstanceId) {
        return Run.builder().taskInstanceId(taskInstanceId).workflowInstanceId(workflowInstanceId)
                .state(RunState.SUCCESS).startTime(Instant.now().minusSeconds(5)).endTime(Instant.now())
                .scheduleTime(Instant.parse("2026-11-22T00:00:00Z")).build();
    }
}
