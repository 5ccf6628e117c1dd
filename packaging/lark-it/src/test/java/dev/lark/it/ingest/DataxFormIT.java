package dev.lark.it.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.lark.testkit.jdbc.TestSql.text;
import static dev.lark.testkit.jdbc.TestSql.one;
import static dev.lark.testkit.jdbc.TestSql.exec;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.lark.testkit.ds.DatasourceSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stock DS 3.1.1 {@code DATAX} form ({@code customConfig = 0}) with real DS datasources (MYSQL on the sandbox's
 * MariaDB through the MySQL Connector/J the sandbox adds to DS, POSTGRESQL, CLICKHOUSE) run by Lark's engine in the
 * real DolphinScheduler: the form's {@code taskParams} unchanged (sql, preStatements/postStatements,
 * jobSpeedByte/Record), the Lark {@code channel} field splitting a single-table sql on its primary key, other sql
 * read as written on one channel; plus MariaDB -> files with LARK_INGEST. Each case asserts the rows in the target.
 */
@Sandboxed({"dolphinscheduler", "mariadb", "postgresql", "clickhouse", "kafka"})
class DataxFormIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CH_DB = "lark_dx_form";
    static Map<String, String> maria;
    static Map<String, String> pg;
    static Map<String, String> ch;
    static DolphinSchedulerClient ds;
    static long project;
    static int mysqlDs;
    static int pgDs;
    static int chDs;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(SandboxEndpoints ep) throws Exception {
        maria = ep.of("mariadb");
        pg = ep.of("postgresql");
        ch = ep.of("clickhouse");
        ds = DolphinSchedulerClient.login(ep);
        List<String> taskTypes = ds.taskPluginNames();
        assumeTrue(taskTypes.contains("LARK_INGEST"), "LARK_INGEST is not in the bundle DS runs: " + taskTypes);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        project = ds.ensureProject("lark-it-datax-form");
        try (Connection c = chdb()) {
            exec(c, "CREATE DATABASE IF NOT EXISTS " + CH_DB + " ENGINE = Atomic");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        // DS tests the connection before it stores a datasource: a MYSQL one needs the MySQL driver in DS's libs
        mysqlDs = ds.createDatasource(DatasourceSpec.of("MYSQL", "lark_mysql_" + run, "127.0.0.1",
                Integer.parseInt(maria.get("port")), maria.get("database"), maria.get("user"), maria.get("password")));
        pgDs = ds.createDatasource(DatasourceSpec.of("POSTGRESQL", "lark_pg_" + run, "127.0.0.1",
                Integer.parseInt(pg.get("port")), pg.get("database"), pg.get("user"), pg.get("password")));
        chDs = ds.createDatasource(DatasourceSpec.of("CLICKHOUSE", "lark_ch_" + run, "127.0.0.1",
                Integer.parseInt(ch.get("httpPort")), CH_DB, "default", ""));
    }

    // ------------------------------------------------------------------ JDBC helpers

    static Connection mdb() throws Exception {
        return DriverManager.getConnection(maria.get("jdbcUrl"), maria.get("user"), maria.get("password"));
    }

    static Connection pdb() throws Exception {
        return DriverManager.getConnection(pg.get("jdbcUrl"), pg.get("user"), pg.get("password"));
    }

    static Connection chdb() throws Exception {
        return DriverManager.getConnection(ch.get("jdbcUrl"), "default", "");
    }

    /** The stock form's taskParams exactly as the DS 3.1.1 UI stores them. */
    static ObjectNode stockForm(String dsType, int source, String dtType, int target, String sql, String table,
            List<String> pre, List<String> post, int speedByte, int speedRecord) {
        ObjectNode p = JSON.createObjectNode();
        p.putArray("localParams");
        p.putArray("resourceList");
        p.put("customConfig", 0).put("dsType", dsType).put("dataSource", source).put("dtType", dtType)
                .put("dataTarget", target).put("sql", sql).put("targetTable", table).put("jobSpeedByte", speedByte)
                .put("jobSpeedRecord", speedRecord);
        pre.forEach(p.putArray("preStatements")::add);
        post.forEach(p.putArray("postStatements")::add);
        p.put("xms", 1).put("xmx", 1);
        return p;
    }

    private TaskRun runOne(String name, String type, ObjectNode params) {
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder(name + "-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.builder(name, type).taskParams(params)).build());
        ds.release(wf, true);
        WorkflowRun r = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        TaskRun t = r.task(name);
        assertThat(r.state()).as(r.describe() + "\n" + t.log()).isEqualTo("SUCCESS");
        assertThat(t.log()).contains(type.equals("DATAX") ? "DATAX (Lark engine) summary" : type + " summary")
                .doesNotContain(maria.get("password")).doesNotContain(pg.get("password"));
        return t;
    }

    static void mariaSource(String table, int rows) throws Exception {
        try (Connection m = mdb()) {
            exec(m, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (id INT PRIMARY KEY, name"
                    + " VARCHAR(40), amount DECIMAL(10,2), kind INT)", "INSERT INTO " + table + " SELECT seq,"
                    + " CONCAT('n', seq), seq / 4, seq % 3 FROM seq_1_to_" + rows);
        }
    }

    // ------------------------------------------------------------------ cases

    @Test
    void stockFormMysqlToMysqlRunsUnchangedWithItsPreAndPostStatements() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String src = "dxf_src_" + run;
        String tgt = "dxf_tgt_" + run;
        String audit = "dxf_audit_" + run;
        mariaSource(src, 4000);
        try (Connection m = mdb()) {
            exec(m, "CREATE TABLE " + tgt + " (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2))",
                    "INSERT INTO " + tgt + " VALUES (-1, 'stale', 0)",
                    "CREATE TABLE " + audit + " (note VARCHAR(40))");
        }
        ObjectNode p = stockForm("MYSQL", mysqlDs, "MYSQL", mysqlDs, "select id, name, amount from " + src
                + " where id <= 3000", tgt, List.of("delete from " + tgt + " where id < 0"), List.of("insert into "
                + audit + " values ('loaded')"), 0, 1_000_000);

        TaskRun t = runOne("form", "DATAX", p);

        assertThat(t.log()).contains("1 channel(s)").doesNotContain("splitting");
        try (Connection m = mdb()) {
            assertThat(one(m, "SELECT COUNT(*) FROM " + tgt)).isEqualTo(3000);
            assertThat(one(m, "SELECT COUNT(*) FROM " + tgt + " WHERE id < 0")).as("preStatements ran").isZero();
            assertThat(one(m, "SELECT CAST(SUM(amount) * 100 AS SIGNED) FROM " + tgt)).isEqualTo(3000L * 3001 / 2
                    * 25);
            assertThat(text(m, "SELECT name FROM " + tgt + " WHERE id = 2999")).isEqualTo("n2999");
            assertThat(one(m, "SELECT COUNT(*) FROM " + audit + " WHERE note = 'loaded'")).as("postStatements ran")
                    .isEqualTo(1);
        }
    }

    @Test
    void formChannelSplitsASingleTableSqlOnItsPrimaryKeyMysqlToClickHouse() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String src = "dxf_split_" + run;
        mariaSource(src, 6000);
        try (Connection c = chdb()) {
            exec(c, "CREATE TABLE " + CH_DB + ".split_" + run + " (id Int32, name String, amount Decimal(10,2))"
                    + " ENGINE = MergeTree ORDER BY id");
        }
        ObjectNode p = stockForm("MYSQL", mysqlDs, "CLICKHOUSE", chDs, "select id, upper(name) as name, amount from "
                + src + " where kind <> 0", "split_" + run, List.of(), List.of(), 0, 0);
        p.put("channel", 2); // the Lark field the stock UI never sends (stock DS hard-codes 1)

        TaskRun t = runOne("split", "DATAX", p);

        assertThat(t.log()).contains("splitting it on the primary key id over 2 channels").contains("splits on id"
                + " for 2 channels").contains("2 channel(s)");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM " + CH_DB + ".split_" + run)).isEqualTo(4000);
            assertThat(one(c, "SELECT uniqExact(id) FROM " + CH_DB + ".split_" + run)).isEqualTo(4000);
            assertThat(one(c, "SELECT countIf(id % 3 = 0) FROM " + CH_DB + ".split_" + run)).isZero();
            assertThat(text(c, "SELECT name FROM " + CH_DB + ".split_" + run + " WHERE id = 5998")).isEqualTo("N5998");
            long expected = 0;
            for (int i = 1; i <= 6000; i++) {
                expected += i % 3 != 0 ? i * 25L : 0; // amount = i / 4, in cents
            }
            assertThat(one(c, "SELECT toInt64(sum(amount) * 100) FROM " + CH_DB + ".split_" + run)).isEqualTo(expected);
        }
    }

    @Test
    void aJoinRunsAsWrittenOnOneChannelSayingWhyMysqlToPostgreSql() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String src = "dxf_join_" + run;
        mariaSource(src, 1500);
        try (Connection m = mdb(); Connection p = pdb()) {
            exec(m, "CREATE TABLE dxf_kind_" + run + " (kind INT PRIMARY KEY, label VARCHAR(10))",
                    "INSERT INTO dxf_kind_" + run + " VALUES (0, 'zero'), (1, 'one'), (2, 'two')");
            exec(p, "CREATE TABLE joined_" + run + " (id INT PRIMARY KEY, label VARCHAR(10))");
        }
        ObjectNode params = stockForm("MYSQL", mysqlDs, "POSTGRESQL", pgDs, "select s.id, k.label from " + src
                + " s join dxf_kind_" + run + " k on k.kind = s.kind", "joined_" + run, List.of(), List.of(), 0, 0);
        params.put("channel", 2);

        TaskRun t = runOne("join", "DATAX", params);

        assertThat(t.log()).contains("reading the sql as written on 1 channel (channel = 2 was asked)")
                .contains("it joins 2 tables");
        try (Connection p = pdb()) {
            assertThat(one(p, "SELECT COUNT(*) FROM joined_" + run)).isEqualTo(1500);
            assertThat(one(p, "SELECT COUNT(*) FROM joined_" + run + " WHERE label = 'two'")).isEqualTo(500);
            assertThat(text(p, "SELECT label FROM joined_" + run + " WHERE id = 7")).isEqualTo("one");
        }
    }

    @Test
    void postgreSqlToClickHouseThroughTheFormSplitOnThePrimaryKey() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Connection p = pdb(); Connection c = chdb()) {
            exec(p, "CREATE TABLE pg_src_" + run + " (id BIGINT PRIMARY KEY, tag TEXT, amount NUMERIC(12,3),"
                    + " created TIMESTAMP)", "INSERT INTO pg_src_" + run + " SELECT g, 'tag-' || (g % 17), g * 1.125,"
                    + " TIMESTAMP '2026-10-01' + g * INTERVAL '1 second' FROM generate_series(1, 2500) g");
            exec(c, "CREATE TABLE " + CH_DB + ".pg_" + run + " (id Int64, tag LowCardinality(String), amount"
                    + " Decimal(12,3), created DateTime64(3)) ENGINE = MergeTree ORDER BY id");
        }
        ObjectNode params = stockForm("POSTGRESQL", pgDs, "CLICKHOUSE", chDs, "select id, tag, amount, created from"
                + " pg_src_" + run, "pg_" + run, List.of(), List.of(), 0, 0);
        params.put("channel", 2);

        TaskRun t = runOne("pg", "DATAX", params);

        assertThat(t.log()).contains("splitting it on the primary key id over 2 channels");
        try (Connection c = chdb()) {
            assertThat(one(c, "SELECT count() FROM " + CH_DB + ".pg_" + run)).isEqualTo(2500);
            assertThat(one(c, "SELECT toInt64(sum(amount) * 1000) FROM " + CH_DB + ".pg_" + run)).isEqualTo(
                    2500L * 2501 / 2 * 1125);
            assertThat(text(c, "SELECT toString(created) FROM " + CH_DB + ".pg_" + run + " WHERE id = 61"))
                    .isEqualTo("2026-10-01 00:01:01.000");
            assertThat(text(c, "SELECT tag FROM " + CH_DB + ".pg_" + run + " WHERE id = 18")).isEqualTo("tag-1");
        }
    }

    @Test
    void customJsonTransformersRewriteFilterAndDeadLetterInTheRealDs() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String src = "dxf_tr_" + run;
        try (Connection m = mdb(); Connection c = chdb()) {
            exec(m, "CREATE TABLE " + src + " (id INT PRIMARY KEY, phone VARCHAR(20))", "INSERT INTO " + src
                    + " SELECT seq, IF(seq % 100 = 0, '12', CONCAT('139', LPAD(seq, 8, '0'))) FROM seq_1_to_1000");
            exec(c, "CREATE TABLE " + CH_DB + ".masked_" + run + " (id Int32, phone String) ENGINE = MergeTree"
                    + " ORDER BY id");
        }
        String url = maria.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:");
        String user = maria.get("user");
        String pw = maria.get("password");
        // mask digits 3..6 of the phone number; drop ids above 900; '12' is too short to mask: dead-letter
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2},\"errorLimit\":{\"record\":20,"
                + "\"deadLetter\":{\"type\":\"table\",\"jdbcUrl\":\"" + url + "\",\"username\":\"" + user
                + "\",\"password\":\"" + pw + "\",\"table\":\"dead_tr_" + run + "\"}}},\"content\":[{\"reader\":"
                + "{\"name\":\"mysqlreader\",\"parameter\":{\"username\":\"" + user + "\",\"password\":\"" + pw
                + "\",\"column\":[\"id\",\"phone\"],\"splitPk\":\"id\",\"connection\":[{\"table\":[\"" + src
                + "\"],\"jdbcUrl\":[\"" + url + "\"]}]}},\"transformer\":[{\"name\":\"dx_filter\",\"parameter\":"
                + "{\"columnIndex\":0,\"paras\":[\">\",\"900\"]}},{\"name\":\"dx_replace\",\"parameter\":"
                + "{\"columnIndex\":1,\"paras\":[\"3\",\"4\",\"****\"]}}],\"writer\":{\"name\":"
                + "\"clickhousewriter\",\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":"
                + "[\"id\",\"phone\"],\"connection\":[{\"jdbcUrl\":\"" + ch.get("jdbcUrl") + "/" + CH_DB
                + "\",\"table\":[\"masked_" + run + "\"]}]}}}]}}";
        ObjectNode p = JSON.createObjectNode().put("customConfig", 1).put("json", job);
        p.putArray("localParams");

        TaskRun t = runOne("transform", "DATAX", p);

        assertThat(t.log()).contains("transformers [dx_filter, dx_replace]").contains("100 record(s) dropped by"
                + " dx_filter");
        try (Connection c = chdb(); Connection m = mdb()) {
            // ids 1..900 minus the nine short phones (100, 200, ... 900)
            assertThat(one(c, "SELECT count() FROM " + CH_DB + ".masked_" + run)).isEqualTo(891);
            assertThat(one(c, "SELECT max(id) FROM " + CH_DB + ".masked_" + run)).isEqualTo(899);
            assertThat(text(c, "SELECT phone FROM " + CH_DB + ".masked_" + run + " WHERE id = 42")).isEqualTo(
                    "139****0042");
            assertThat(one(c, "SELECT countIf(phone NOT LIKE '139****%') FROM " + CH_DB + ".masked_" + run)).isZero();
            assertThat(one(m, "SELECT COUNT(*) FROM dead_tr_" + run + " WHERE reason LIKE '%dx_replace: startIndex"
                    + " 3 is beyond%' AND record LIKE '%\"12\"%'")).isEqualTo(9);
        }
    }

    @Test
    void larkIngestFormIncrementalMysqlToMysqlMovesOnlyNewRowsOnTheSecondRun() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String src = "dxf_inc_" + run;
        String tgt = "dxf_inc_copy_" + run;
        mariaSource(src, 3000);
        try (Connection m = mdb()) {
            exec(m, "CREATE TABLE " + tgt + " (id INT PRIMARY KEY, name VARCHAR(40), amount DECIMAL(10,2))");
        }
        ObjectNode p = JSON.createObjectNode().put("sourceDatasource", mysqlDs).put("sourceTable", src)
                .put("columns", "id,name,amount").put("splitPk", "id").put("incrementalColumn", "id")
                .put("targetDatasource", mysqlDs).put("targetTable", tgt).put("channels", 2);
        p.putArray("localParams").addObject().put("prop", "rowsWritten").put("direct", "OUT").put("type", "VARCHAR")
                .put("value", "");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("inc-" + run).task(TaskDefinitionSpec
                .builder("inc", "LARK_INGEST").taskParams(p)).build());
        ds.release(wf, true);

        WorkflowRun first = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        assertThat(first.state()).as(first.describe() + "\n" + first.task("inc").log()).isEqualTo("SUCCESS");
        assertThat(first.task("inc").varPool()).contains("\"3000\"");
        try (Connection m = mdb()) {
            exec(m, "INSERT INTO " + src + " SELECT seq, CONCAT('new', seq), seq / 4, 1 FROM seq_3001_to_3150",
                    "UPDATE " + src + " SET name = 'changed-but-old' WHERE id = 10");
        }
        WorkflowRun second = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        TaskRun t = second.task("inc");
        assertThat(second.state()).as(second.describe() + "\n" + t.log()).isEqualTo("SUCCESS");
        assertThat(t.log()).contains("incremental on id: after 3000 up to 3150");
        assertThat(t.varPool()).contains("\"150\"").contains("\"3150\"");
        try (Connection m = mdb()) {
            assertThat(one(m, "SELECT COUNT(*) FROM " + tgt)).isEqualTo(3150);
            assertThat(text(m, "SELECT name FROM " + tgt + " WHERE id = 3100")).isEqualTo("new3100");
            // rows at or below the watermark are not read again
            assertThat(text(m, "SELECT name FROM " + tgt + " WHERE id = 10")).isEqualTo("n10");
        }
    }

    @Test
    void mariaDbToFilesWithLarkIngest() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String src = "dxf_files_" + run;
        mariaSource(src, 2000);
        Path out = Files.createDirectories(dir.resolve("out"));
        String url = maria.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:");
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2}},\"content\":[{\"reader\":{\"name\":"
                + "\"mysqlreader\",\"parameter\":{\"username\":\"" + maria.get("user") + "\",\"password\":\""
                + maria.get("password") + "\",\"column\":[\"id\",\"name\",\"amount\"],\"splitPk\":\"id\","
                + "\"connection\":[{\"table\":[\"" + src + "\"],\"jdbcUrl\":[\"" + url + "\"]}]}},\"writer\":{\"name\":"
                + "\"txtfilewriter\",\"parameter\":{\"path\":\"" + out + "\",\"fileName\":\"orders\",\"writeMode\":"
                + "\"truncate\",\"fieldDelimiter\":\",\"}}}]}}";
        ObjectNode p = JSON.createObjectNode().put("customConfig", 1).put("json", job);
        p.putArray("localParams");

        TaskRun t = runOne("files", "LARK_INGEST", p);

        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.sorted().collect(Collectors.toList())) {
                assertThat(f.getFileName().toString()).startsWith("orders").doesNotEndWith(".inprogress");
                lines.addAll(Files.readAllLines(f));
            }
        }
        Collections.sort(lines);
        assertThat(lines).hasSize(2000).contains("1,n1,0.25", "2000,n2000,500.00");
        assertThat(lines.stream().map(l -> l.substring(0, l.indexOf(','))).distinct().count()).isEqualTo(2000);
        assertThat(t.log()).contains("rowsWritten");
    }

    @Test
    void postgreSqlToKafkaAndFilesInOneLarkIngestJob(SandboxEndpoints ep) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (Connection p = pdb()) {
            exec(p, "CREATE TABLE pg_out_" + run + " (id BIGINT PRIMARY KEY, tag TEXT, amount NUMERIC(12,2))",
                    "INSERT INTO pg_out_" + run + " SELECT g, 'tag-' || (g % 7), g * 0.5 FROM generate_series(1, 1500) g");
        }
        String bootstrap = ep.get("kafka", "bootstrapServers");
        String topic = "dx-pg-" + run;
        Path out = Files.createDirectories(dir.resolve("pg-out"));
        ObjectNode reader = JSON.createObjectNode().put("name", "postgresqlreader");
        ObjectNode rp = reader.putObject("parameter").put("username", pg.get("user")).put("password", pg.get("password"))
                .put("splitPk", "id");
        rp.putArray("column").add("id").add("tag").add("amount");
        ObjectNode conn = rp.putArray("connection").addObject();
        conn.putArray("table").add("pg_out_" + run);
        conn.putArray("jdbcUrl").add(pg.get("jdbcUrl"));
        ObjectNode toKafka = JSON.createObjectNode().put("name", "kafkawriter");
        toKafka.putObject("parameter").put("bootstrapServers", bootstrap).put("topic", topic).put("keyColumn", "id");
        ObjectNode toFiles = JSON.createObjectNode().put("name", "txtfilewriter");
        toFiles.putObject("parameter").put("path", out.toString()).put("fileName", "pg").put("writeMode", "truncate")
                .put("fieldDelimiter", ",");
        ObjectNode job = JSON.createObjectNode();
        ObjectNode jobBody = job.putObject("job");
        jobBody.putObject("setting").putObject("speed").put("channel", 2);
        jobBody.putArray("content").add(JSON.createObjectNode().<ObjectNode>set("reader", reader).set("writer", toKafka))
                .add(JSON.createObjectNode().<ObjectNode>set("reader", reader.deepCopy()).set("writer", toFiles));
        ObjectNode p = JSON.createObjectNode().put("customConfig", 1).put("json", job.toString());
        p.putArray("localParams");

        TaskRun t = runOne("pg-kafka-files", "LARK_INGEST", p);

        List<JsonNode> messages = TestTopics.readAllJson(bootstrap, topic);
        assertThat(messages).hasSize(1500);
        assertThat(messages.stream().mapToLong(m -> m.get("id").asLong()).distinct().count()).isEqualTo(1500);
        assertThat(messages).anySatisfy(m -> {
            assertThat(m.get("id").asLong()).isEqualTo(9);
            assertThat(m.get("tag").asText()).isEqualTo("tag-2");
        });
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.sorted().collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        assertThat(lines).hasSize(1500).contains("9,tag-2,4.50", "1500,tag-2,750.00");
        assertThat(t.log()).doesNotContain(pg.get("password"));
    }
}
