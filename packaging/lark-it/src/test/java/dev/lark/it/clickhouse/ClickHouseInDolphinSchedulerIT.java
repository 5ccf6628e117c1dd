package dev.lark.it.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.DolphinSchedulerClient;
import dev.lark.testkit.ds.StartOptions;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import dev.lark.testkit.ds.WorkflowSpec;
import dev.lark.testkit.ds.DatasourceSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ClickHouse in the real DolphinScheduler 3.1.1 with the Lark bundle: a CLICKHOUSE datasource created through DS's
 * REST API (so "test connection" and DS's own SQL task go through the Lark channel), and LARK_CLICKHOUSE_LOAD runs
 * reading it by datasource id: files, and a Kafka topic slice with a dead-letter table.
 */
@Sandboxed({"dolphinscheduler", "clickhouse", "kafka"})
class ClickHouseInDolphinSchedulerIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();
    static DolphinSchedulerClient ds;
    static long project;
    static ClickHouseTestDb db;
    static int datasourceId;
    static Path dir;
    static String kafkaBootstrap;

    @BeforeAll
    static void setUp(SandboxEndpoints e) throws Exception {
        ds = DolphinSchedulerClient.login(e);
        // asked from DS, not grepped from its server log: that log rolls over every hour and then no longer holds the
        // startup lines, which silently skipped this class
        List<String> taskTypes = ds.taskPluginNames();
        assumeTrue(taskTypes.contains("LARK_CLICKHOUSE_LOAD"), "LARK_CLICKHOUSE_LOAD is not in the bundle DS runs: "
                + taskTypes);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        project = ds.ensureProject("lark-it-clickhouse");
        db = new ClickHouseTestDb(e, "lark_chload_ds_it");
        dir = Files.createTempDirectory("lark-ch-ds-it");
        datasourceId = ds.createDatasource(DatasourceSpec.of("CLICKHOUSE", "lark_ch_" + UUID.randomUUID().toString()
                .substring(0, 8), "127.0.0.1", Integer.parseInt(e.get("clickhouse", "httpPort")), "default",
                e.get("clickhouse", "user"), e.of("clickhouse").getOrDefault("password", ""))
                .other("session.max_result_rows", "1000000"));
        kafkaBootstrap = e.get("kafka", "bootstrapServers");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** DS's own REST calls, as the UI makes them (JSON body, session cookie). */

    @Test
    void testConnectionAndTheSqlTaskWorkOverTheLarkChannel() throws Exception {
        ds.testDatasource(datasourceId); // throws with DS's message when the connection test fails

        ObjectNode p = JSON.createObjectNode().put("type", "CLICKHOUSE").put("datasource", datasourceId)
                .put("sql", "SELECT number * 7 AS n, toDateTime64('2026-11-21 10:00:00.123', 3, 'UTC') AS ts"
                        + " FROM numbers(3)")
                .put("sqlType", "0").put("displayRows", 10).put("showType", "TABLE").put("sendEmail", false)
                .put("limit", 100).put("segmentSeparator", "").put("udfs", "").put("connParams", "").put("title", "");
        p.putArray("preStatements");
        p.putArray("postStatements");
        p.putArray("localParams");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("ch-sql-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.builder("query", "SQL").taskParams(p)).build());
        ds.release(wf, true);
        WorkflowRun run = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");
        assertThat(run.task("query").log()).contains("\"n\":14").contains("2026-11-21");
    }

    /** A CSV load; {@code batchRows} > 0 cuts the file into batches, 0 streams it in one insert (the default). */
    private Workflow loadWorkflow(String table, String mode, Path csv, int batchRows) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("datasourceId", datasourceId).put("database", db.database)
                .put("table", table).put("mode", mode).put("partitionBy", "dt").put("orderBy", "(dt, id)")
                .put("sourceType", "file").put("format", "csv").put("path", csv.toString())
                .put("verifyChecksum", true);
        if (batchRows > 0) {
            p.put("batchMaxRows", batchRows).put("wholeFileInserts", false);
        }
        p.putArray("columns").add(col("id", "UInt64")).add(col("dt", "Date")).add(col("amount", "Int64"));
        p.putArray("localParams");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("ch-load-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.builder("load", "LARK_CLICKHOUSE_LOAD").taskParams(p)).build());
        ds.release(wf, true);
        return wf;
    }

    private static ObjectNode col(String name, String type) {
        return JSON.createObjectNode().put("name", name).put("type", type);
    }

    private static Path csv(String name, int rows) throws Exception {
        Path p = dir.resolve(name);
        // streamed: the file for the kill test is large enough that the load outlasts DS's stop
        try (var w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            w.write("id,dt,amount\n");
            for (int i = 0; i < rows; i++) {
                w.write(i + ",2026-11-" + (10 + i % 5) + "," + (i % 1000) + "\n");
            }
        }
        return p;
    }

    @Test
    void loadTaskRerunOfTheSameScheduleTimeGivesIdenticalContents() throws Exception {
        Workflow wf = loadWorkflow("orders", "overwrite_partitions", csv("o.csv", 20_000), 0);
        StartOptions at = StartOptions.builder().scheduleTime(LocalDateTime.of(2026, 11, 21, 0, 0)).build();
        List<String> contents = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            WorkflowRun run = ds.run(wf, at, RUN_TIMEOUT);
            assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");
            TaskRun load = run.task("load");
            assertThat(load.log()).contains("LARK_CLICKHOUSE_LOAD summary").contains("rows").doesNotContain("password=");
            assertThat(run.varPool()).contains("\"prop\":\"rows\"").contains("20000");
            List<String> now = db.rows("SELECT dt, count(), sum(amount) FROM " + db.database + ".orders GROUP BY dt ORDER BY dt");
            assertThat(now).hasSize(5);
            if (contents != null) {
                assertThat(now).isEqualTo(contents);
            }
            contents = now;
        }
        assertThat(db.count(db.database + ".orders")).isEqualTo(20_000);
    }

    @Test
    void killingALoadLeavesTheTargetUnchanged() throws Exception {
        Workflow first = loadWorkflow("killed", "overwrite_table", csv("k0.csv", 100), 1000);
        assertThat(ds.run(first, StartOptions.defaults(), RUN_TIMEOUT).state()).isEqualTo("SUCCESS");
        List<String> before = db.rows("SELECT id, dt, amount FROM " + db.database + ".killed ORDER BY id");

        Workflow big = loadWorkflow("killed", "overwrite_table", csv("k1.csv", 3_000_000), 2000);
        int id = ds.start(big, StartOptions.defaults(), RUN_TIMEOUT);
        // Kill only once DS's master knows the task runs on a worker: DS 3.1.1 stops a task it has not yet seen
        // running by marking it KILL without telling the worker, which then finishes the load anyway. And only once
        // rows are being staged (seen in ClickHouse itself, independent of task log flushing and of DS's log API).
        TaskRun running = ds.awaitTaskRunning(project, id, "load", RUN_TIMEOUT);
        assertThat(running.host()).as("worker host of the running load").isNotEmpty();
        org.awaitility.Awaitility.await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> db.tables("killed__lark_stg_").stream()
                        .anyMatch(t -> db.count(db.database + ".`" + t + "`") > 0));
        ds.stop(project, id);
        WorkflowRun run = ds.awaitFinal(project, id, RUN_TIMEOUT);
        // stopping the workflow kills the running task (DS 3.1.1: workflow STOP, task KILL), not a failed or
        // finished load
        assertThat(run.state()).as(run.describe()).isEqualTo("STOP");
        assertThat(run.task("load").state()).as(run.describe()).isEqualTo("KILL");
        // the killed task drops its staging table on the way out (DS reports KILL without waiting for that), so no
        // further run is needed to clean up; only then has the task certainly stopped touching the target
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1))
                .until(() -> db.tables("killed").equals(List.of("killed")));
        assertThat(db.rows("SELECT id, dt, amount FROM " + db.database + ".killed ORDER BY id")).isEqualTo(before);
    }

    @Test
    void kafkaSliceLoadsThroughTheTaskWithRejectedRecordsInADeadLetterTable() throws Exception {
        String topic = "lark-ds-chload-" + UUID.randomUUID().toString().substring(0, 8);
        java.util.Map<String, Object> cfg = java.util.Map.of("bootstrap.servers", kafkaBootstrap);
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(cfg)) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 2, (short) 1))).all().get();
        }
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, String>(cfg,
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            for (int i = 0; i < 500; i++) {
                // partition 0: ids 0-299; partition 1: ids 300-499, offset 150 (id 450) has a broken amount
                String amount = i == 450 ? "\"twelve\"" : Integer.toString(i % 1000);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic, i < 300 ? 0 : 1, null,
                        "{\"id\":" + i + ",\"dt\":\"2026-11-1" + (i % 3) + "\",\"amount\":" + amount + "}"));
            }
        }
        ObjectNode p = JSON.createObjectNode().put("datasourceId", datasourceId).put("database", db.database)
                .put("table", "kafka_orders").put("mode", "overwrite_partitions").put("partitionBy", "dt")
                .put("orderBy", "(dt, id)").put("sourceType", "kafka").put("kafkaBootstrapServers", kafkaBootstrap)
                .put("topic", topic).put("kafkaOffsets", "0:0-300,1:0-200").put("format", "jsonl")
                .put("batchMaxRows", 100).put("sampleRows", 50).put("errorMaxRows", 5)
                .put("deadLetterTable", "kafka_rejected");
        p.putArray("columns").add(col("id", "UInt64")).add(col("dt", "Date")).add(col("amount", "Int64"));
        p.putArray("localParams");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("ch-kafka-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.builder("load", "LARK_CLICKHOUSE_LOAD").taskParams(p)).build());
        ds.release(wf, true);
        StartOptions at = StartOptions.builder().scheduleTime(LocalDateTime.of(2026, 11, 21, 0, 0)).build();
        String rejected = "SELECT position, schedule_time, batch, row_number, raw_row FROM " + db.database
                + ".kafka_rejected";
        List<String> contents = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            WorkflowRun run = ds.run(wf, at, RUN_TIMEOUT);
            assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");
            assertThat(run.task("load").log()).containsPattern("rows rejected +: 1 \\(dead-letter: table "
                    + db.database + ".kafka_rejected\\)").containsPattern("source range +: 0:0-300,1:0-200");
            List<String> now = db.rows("SELECT dt, count(), sum(amount) FROM " + db.database + ".kafka_orders"
                    + " GROUP BY dt ORDER BY dt");
            assertThat(db.count(db.database + ".kafka_orders")).isEqualTo(499);
            if (contents != null) {
                assertThat(now).as("contents after rerunning the same schedule time").isEqualTo(contents);
            }
            contents = now;
            // one dead letter, however often the schedule time is rerun: topic/partition@offset, batch 4 (p0 made
            // batches 0-2, p1 offsets 0-99 batch 3), row 451 of the load, the raw record
            assertThat(db.rows(rejected)).containsExactly(topic + "/1@150\t2026-11-21 00:00:00Z\t4\t451\t"
                    + "{\"id\":450,\"dt\":\"2026-11-10\",\"amount\":\"twelve\"}");
        }
    }
}
