package dev.lark.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.lark.testkit.jdbc.TestSql.one;
import static dev.lark.testkit.jdbc.TestSql.exec;

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
import dev.lark.testkit.kafka.TestTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LARK_INGEST and the replaced DATAX task in the real DolphinScheduler, MariaDB -> ClickHouse: varPool outputs,
 * incremental second run, idempotent rerun of the same schedule time, stock DATAX JSON unchanged, and a killed run
 * that leaves the target untouched followed by a rerun that gives exactly the source rows; MariaDB -> Kafka and
 * ClickHouse -> MariaDB with rejected rows in a dead-letter table, in one job.
 */
@Sandboxed({"dolphinscheduler", "mariadb", "clickhouse", "kafka"})
class LarkIngestIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();
    static Map<String, String> maria;
    static Map<String, String> ch;

    @BeforeAll
    static void plugins(SandboxEndpoints ep) throws Exception {
        String log = Files.readString(Path.of(ep.get("dolphinscheduler", "serverLog")), StandardCharsets.UTF_8);
        assumeTrue(log.contains("LARK_INGEST"), "LARK_INGEST is not in the DS bundle");
        maria = ep.of("mariadb");
        ch = ep.of("clickhouse");
    }

    static Connection mdb() throws Exception {
        return DriverManager.getConnection(maria.get("jdbcUrl"), maria.get("user"), maria.get("password"));
    }

    static Connection chdb() throws Exception {
        return DriverManager.getConnection(ch.get("jdbcUrl"), "default", "");
    }

    static String job(String srcTable, String target, String extraReader, String setting) {
        return "{\"job\":{\"setting\":{\"speed\":{\"channel\":2" + setting + "}},\"content\":[{\"reader\":{\"name\":"
                + "\"mysqlreader\",\"parameter\":{\"username\":\"" + maria.get("user") + "\",\"password\":\""
                + maria.get("password") + "\",\"column\":[\"id\",\"name\",\"amount\"],\"splitPk\":\"id\"" + extraReader
                + ",\"connection\":[{\"table\":[\"" + srcTable + "\"],\"jdbcUrl\":[\"" + maria.get("jdbcUrl")
                .replace("jdbc:mariadb:", "jdbc:mysql:") + "\"]}]}},\"writer\":{\"name\":\"clickhousewriter\","
                + "\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":[\"id\",\"name\",\"amount\"],"
                + "\"connection\":[{\"jdbcUrl\":\"" + ch.get("jdbcUrl") + "/lark_ingest_ds\",\"table\":[\"" + target
                + "\"]}]}}}]}}";
    }

    static ObjectNode custom(String json) {
        ObjectNode p = JSON.createObjectNode();
        p.put("customConfig", 1);
        p.put("json", json);
        p.putArray("localParams").addObject().put("prop", "watermark").put("direct", "OUT").put("type", "VARCHAR")
                .put("value", "");
        p.putArray("resourceList");
        return p;
    }

    static void setUpTables(String src, String target, int rows) throws Exception {
        try (Connection m = mdb(); Connection c = chdb()) {
            exec(m, "DROP TABLE IF EXISTS " + src, "CREATE TABLE " + src + " (id INT PRIMARY KEY, name VARCHAR(40),"
                    + " amount DECIMAL(10,2))", "INSERT INTO " + src + " SELECT seq, CONCAT('n', seq), seq / 4 FROM"
                    + " seq_1_to_" + rows);
            exec(c, "CREATE DATABASE IF NOT EXISTS lark_ingest_ds ENGINE = Atomic", "DROP TABLE IF EXISTS"
                    + " lark_ingest_ds." + target, "CREATE TABLE lark_ingest_ds." + target + " (id Int32, name String,"
                    + " amount Decimal(10,2)) ENGINE = MergeTree ORDER BY id");
        }
    }

    @Test
    void incrementalRunsPublishOutputsAndRerunOfTheSameScheduleDoesNotDuplicate(SandboxEndpoints ep)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        setUpTables("ing_src_" + run, "inc_" + run, 5000);
        DolphinSchedulerClient ds = DolphinSchedulerClient.login(ep);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("ingest-inc-" + run).task(TaskDefinitionSpec
                .builder("ingest", "LARK_INGEST").taskParams(custom(job("ing_src_" + run, "inc_" + run,
                        ",\"incrementalColumn\":\"id\"", "")))).build());
        ds.release(wf, true);

        WorkflowRun first = ds.run(wf, StartOptions.builder().scheduleTime(LocalDateTime.of(2026, 11, 20, 0, 0))
                .build(), RUN_TIMEOUT);
        TaskRun t1 = first.task("ingest");
        assertThat(first.state()).as(first.describe() + "\n" + t1.log()).isEqualTo("SUCCESS");
        assertThat(t1.log()).contains("LARK_INGEST summary").contains("rowsWritten").doesNotContain(
                maria.get("password"));
        assertThat(t1.varPool()).contains("rowsWritten").contains("\"5000\"").contains("watermark");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM lark_ingest_ds.inc_" + run)).isEqualTo(5000);
        }

        try (Connection m = mdb()) {
            exec(m, "INSERT INTO ing_src_" + run + " SELECT seq, CONCAT('n', seq), seq / 4 FROM seq_5001_to_5200");
        }
        StartOptions day2 = StartOptions.builder().scheduleTime(LocalDateTime.of(2026, 11, 21, 0, 0)).build();
        WorkflowRun second = ds.run(wf, day2, RUN_TIMEOUT);
        assertThat(second.state()).as(second.describe()).isEqualTo("SUCCESS");
        assertThat(second.task("ingest").varPool()).contains("\"200\"").contains("\"5200\"");
        WorkflowRun again = ds.run(wf, day2, RUN_TIMEOUT);
        assertThat(again.state()).as(again.describe()).isEqualTo("SUCCESS");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM lark_ingest_ds.inc_" + run)).isEqualTo(5200);
            assertThat(one(c, "SELECT uniqExact(id) FROM lark_ingest_ds.inc_" + run)).isEqualTo(5200);
        }
    }

    @Test
    void stockDataxCustomJsonRunsUnchangedInLarksEngine(SandboxEndpoints ep) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        setUpTables("dx_src_" + run, "dx_" + run, 3000);
        ObjectNode p = custom(job("dx_src_" + run, "dx_" + run, "", ""));
        p.put("xms", 1).put("xmx", 1);
        DolphinSchedulerClient ds = DolphinSchedulerClient.login(ep);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("datax-" + run).task(TaskDefinitionSpec
                .builder("datax", "DATAX").taskParams(p)).build());
        ds.release(wf, true);
        WorkflowRun r = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        TaskRun t = r.task("datax");
        assertThat(r.state()).as(r.describe() + "\n" + t.log()).isEqualTo("SUCCESS");
        assertThat(t.log()).contains("DATAX (Lark engine) summary").contains("2 channel(s)");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM lark_ingest_ds.dx_" + run)).isEqualTo(3000);
        }
    }

    @Test
    void killedRunLeavesTheTargetUntouchedAndTheRerunGivesExactlyTheSourceRows(SandboxEndpoints ep)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        setUpTables("kill_src_" + run, "kill_" + run, 20000);
        DolphinSchedulerClient ds = DolphinSchedulerClient.login(ep);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        // throttled to 1,000 rows/s: the run takes ~20 s, long enough to be stopped in the middle
        Workflow slow = ds.createWorkflow(project, WorkflowSpec.builder("ingest-kill-" + run).task(TaskDefinitionSpec
                .builder("ingest", "LARK_INGEST").taskParams(custom(job("kill_src_" + run, "kill_" + run, "",
                        ",\"record\":1000")))).build());
        ds.release(slow, true);
        int id = ds.start(slow, StartOptions.defaults(), RUN_TIMEOUT);
        ds.awaitTaskLogContains(project, id, "ingest", "rows/s", RUN_TIMEOUT);
        ds.stop(project, id);
        WorkflowRun stopped = ds.awaitFinal(project, id, RUN_TIMEOUT);
        assertThat(stopped.task("ingest").state()).as(stopped.describe()).isEqualTo("KILL");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM lark_ingest_ds.kill_" + run)).isZero();
            assertThat(one(c, "SELECT count() FROM system.tables WHERE database = 'lark_ingest_ds' AND name LIKE"
                    + " 'kill_" + run + "__lark_stg_%'")).isZero();
        }
        Workflow fast = ds.createWorkflow(project, WorkflowSpec.builder("ingest-rerun-" + run).task(
                TaskDefinitionSpec.builder("ingest", "LARK_INGEST").taskParams(custom(job("kill_src_" + run,
                        "kill_" + run, "", ""))).build()).build());
        ds.release(fast, true);
        WorkflowRun rerun = ds.run(fast, StartOptions.defaults(), RUN_TIMEOUT);
        assertThat(rerun.state()).as(rerun.describe()).isEqualTo("SUCCESS");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM lark_ingest_ds.kill_" + run)).isEqualTo(20000);
            assertThat(one(c, "SELECT uniqExact(id) FROM lark_ingest_ds.kill_" + run)).isEqualTo(20000);
            assertThat(one(c, "SELECT toInt64(sum(amount) * 100) FROM lark_ingest_ds.kill_" + run)).isEqualTo(
                    20000L * 20001 / 2 * 25);
        }
    }

    @Test
    void mariadbToKafkaAndClickHouseToMariaDbWithBadRowsInTheDeadLetter(SandboxEndpoints ep) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        setUpTables("kf_src_" + run, "unused_" + run, 1200);
        String bootstrap = ep.get("kafka", "bootstrapServers");
        try (Connection c = chdb(); Connection m = mdb()) {
            exec(c, "CREATE TABLE lark_ingest_ds.back_" + run + " (id UInt32, code String) ENGINE = MergeTree ORDER"
                    + " BY id", "INSERT INTO lark_ingest_ds.back_" + run + " SELECT number + 1, if(number % 100 = 5,"
                    + " 'code-that-is-too-long', 'ok') FROM numbers(800)");
            exec(m, "CREATE TABLE back_copy_" + run + " (id INT PRIMARY KEY, code VARCHAR(8) NOT NULL)");
        }
        String user = maria.get("user");
        String pw = maria.get("password");
        String mUrl = maria.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:");
        String json = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2},\"errorLimit\":{\"record\":10,\"deadLetter\":"
                + "{\"type\":\"table\",\"jdbcUrl\":\"" + mUrl + "\",\"username\":\"" + user + "\",\"password\":\"" + pw
                + "\",\"table\":\"dead_" + run + "\"}}},\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":"
                + "{\"username\":\"" + user + "\",\"password\":\"" + pw + "\",\"column\":[\"id\",\"name\"],\"splitPk\":"
                + "\"id\",\"connection\":[{\"table\":[\"kf_src_" + run + "\"],\"jdbcUrl\":[\"" + mUrl + "\"]}]}},\"writer\":"
                + "{\"name\":\"kafkawriter\",\"parameter\":{\"bootstrapServers\":\"" + bootstrap + "\",\"topic\":"
                + "\"ds-ingest-" + run + "\",\"keyColumn\":\"id\"}}},{\"reader\":{\"name\":\"clickhousereader\","
                + "\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":[\"id\",\"code\"],\"connection\":"
                + "[{\"table\":[\"back_" + run + "\"],\"jdbcUrl\":[\"" + ch.get("jdbcUrl") + "/lark_ingest_ds\"]}]}},"
                + "\"writer\":{\"name\":\"mysqlwriter\",\"parameter\":{\"username\":\"" + user + "\",\"password\":\""
                + pw + "\",\"session\":[\"SET SESSION sql_mode = 'STRICT_ALL_TABLES'\"],\"connection\":[{\"table\":"
                + "[\"back_copy_" + run + "\"],\"jdbcUrl\":\"" + mUrl + "\"}]}}}]}}";
        DolphinSchedulerClient ds = DolphinSchedulerClient.login(ep);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("ingest-multi-" + run).task(TaskDefinitionSpec
                .builder("ingest", "LARK_INGEST").taskParams(custom(json))).build());
        ds.release(wf, true);
        WorkflowRun r = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        TaskRun t = r.task("ingest");
        assertThat(r.state()).as(r.describe() + "\n" + t.log()).isEqualTo("SUCCESS");
        assertThat(t.log()).doesNotContain(pw).contains("rowsDirty");
        assertThat(t.varPool()).contains("rowsDirty").contains("\"8\"");
        try (Connection m = mdb()) {
            assertThat(one(m, "SELECT COUNT(*) FROM back_copy_" + run)).isEqualTo(792);
            assertThat(one(m, "SELECT COUNT(*) FROM dead_" + run + " WHERE reason LIKE '%rejected by mysqlwriter%'"
                    + " AND record LIKE '%code-that-is-too-long%'")).isEqualTo(8);
        }
        List<String> messages = TestTopics.readAll(bootstrap, "ds-ingest-" + run);
        assertThat(messages).hasSize(1200).allSatisfy(m -> assertThat(m).contains("\"name\":\"n"));
    }
}
