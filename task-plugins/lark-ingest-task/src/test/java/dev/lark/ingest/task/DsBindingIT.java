package dev.lark.ingest.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.apache.dolphinscheduler.spi.enums.DbType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DS bindings (LARK_INGEST form, the stock DATAX form and its custom JSON) driven the way the worker drives them
 * (init, setVarPool, handle) against the sandbox's real MariaDB, PostgreSQL and ClickHouse. The full DS server run is
 * in packaging/lark-it.
 */
@Sandboxed({"mariadb", "postgresql", "clickhouse"})
class DsBindingIT {
    static Map<String, String> maria;
    static Map<String, String> pg;
    static Map<String, String> ch;
    static Connection mdb;
    static Connection pdb;
    static Client chc;
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp(SandboxEndpoints ep) throws Exception {
        maria = ep.of("mariadb");
        pg = ep.of("postgresql");
        ch = ep.of("clickhouse");
        mdb = DriverManager.getConnection(maria.get("jdbcUrl"), maria.get("user"), maria.get("password"));
        pdb = DriverManager.getConnection(pg.get("jdbcUrl"), pg.get("user"), pg.get("password"));
        chc = new Client.Builder().addEndpoint(ch.get("httpUrl")).setUsername("default").setPassword("")
                .compressServerResponse(false).build();
        exec(mdb, "DROP TABLE IF EXISTS ds_src", "CREATE TABLE ds_src (id INT PRIMARY KEY, name VARCHAR(50),"
                + " price DECIMAL(10,2), ts DATETIME)", "INSERT INTO ds_src SELECT seq, CONCAT('n', seq), seq / 4,"
                + " TIMESTAMP('2026-11-01') + INTERVAL seq MINUTE FROM seq_1_to_3000");
        exec(pdb, "DROP TABLE IF EXISTS pg_src", "CREATE TABLE pg_src (id BIGINT PRIMARY KEY, tag TEXT, amount"
                + " NUMERIC(12,3), created TIMESTAMP)", "INSERT INTO pg_src SELECT g, 'tag-' || (g % 17), g * 1.125,"
                + " TIMESTAMP '2026-10-01' + g * INTERVAL '1 second' FROM generate_series(1, 2500) g");
        ch(chc, "CREATE DATABASE IF NOT EXISTS lark_ds ENGINE = Atomic");
    }

    @AfterAll
    static void tearDown() throws Exception {
        mdb.close();
        pdb.close();
        chc.close();
    }

    static void exec(Connection c, String... sql) throws Exception {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    static void ch(Client c, String... sql) throws Exception {
        for (String s : sql) {
            c.execute(s).get().close();
        }
    }

    static String chOne(String q) {
        return chc.queryAll(q).get(0).getString(1);
    }

    static long one(Connection c, String q) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    TaskExecutionContext context(String type, String params) throws Exception {
        TaskExecutionContext c = TaskFixtures.context(type, params, tmp.toString());
        TaskFixtures.datasource(c, 1, DbType.MYSQL, maria.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:"),
                maria.get("user"), maria.get("password"));
        TaskFixtures.datasource(c, 2, DbType.CLICKHOUSE, ch.get("jdbcUrl") + "/lark_ds", "default", "");
        TaskFixtures.datasource(c, 3, DbType.POSTGRESQL, pg.get("jdbcUrl"), pg.get("user"), pg.get("password"));
        return c;
    }

    static Map<String, String> run(org.apache.dolphinscheduler.plugin.task.api.AbstractTask task) {
        task.init();
        task.getParameters().setVarPool("[]");
        task.handle(null);
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_SUCCESS);
        return task.getParameters().getVarPool().stream().collect(Collectors.toMap(Property::getProp,
                Property::getValue));
    }

    @Test
    void primaryKeysComeFromTheDriversMetadata() throws Exception {
        exec(mdb, "DROP TABLE IF EXISTS pk_pair", "DROP TABLE IF EXISTS pk_none", "CREATE TABLE pk_pair (b INT, a INT,"
                + " v INT, PRIMARY KEY (a, b))", "CREATE TABLE pk_none (v INT)");
        exec(pdb, "DROP TABLE IF EXISTS \"PkMixed\"", "CREATE TABLE \"PkMixed\" (k TEXT PRIMARY KEY)");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(mdb, "ds_src")).isEqualTo("id");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(mdb, maria.get("database") + ".ds_src"))
                .isEqualTo("id");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(mdb, "pk_pair")).isEqualTo("a");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(mdb, "pk_none")).isNull();
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(pdb, "pg_src")).isEqualTo("id");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(pdb, "PG_SRC")).isEqualTo("id");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(pdb, "public.pg_src")).isEqualTo("id");
        assertThat(dev.lark.ingest.reader.SingleTableQuery.primaryKey(pdb, "\"PkMixed\"")).isEqualTo("k");
    }

    @Test
    void stockDataxFormWithChannelsSplitsTheSqlOnThePrimaryKey() throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_ds.dx_split", "CREATE TABLE lark_ds.dx_split (id Int32, name String, price"
                + " Decimal(10,2)) ENGINE = MergeTree ORDER BY id");
        String taskParams = "{\"localParams\":[],\"resourceList\":[],\"customConfig\":0,\"dsType\":\"MYSQL\","
                + "\"dataSource\":1,\"dtType\":\"CLICKHOUSE\",\"dataTarget\":2,\"sql\":\"select id, concat(name, '!')"
                + " as name, price from ds_src where id > ${minId}\",\"targetTable\":\"dx_split\",\"jobSpeedByte\":0,"
                + "\"jobSpeedRecord\":0,\"preStatements\":[],\"postStatements\":[],\"xms\":1,\"xmx\":1,"
                + "\"channel\":3}";
        TaskExecutionContext c = context("DATAX", taskParams);
        TaskFixtures.param(c, "minId", "1000");
        Map<String, String> out = run(new LarkDataxTask(c));
        assertThat(out).containsEntry("rowsWritten", "2000");
        assertThat(chOne("SELECT concat(toString(count()), '/', toString(uniqExact(id)), '/', toString(min(id)), '/',"
                + " any(if(id = 1500, name, NULL))) FROM lark_ds.dx_split")).isEqualTo("2000/2000/1001/n1500!");
    }

    @Test
    void stockDataxFormJsonRunsUnchangedInLarksEngine() throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_ds.dx_form", "CREATE TABLE lark_ds.dx_form (id Int32, name String, price"
                + " Decimal(10,2), ts DateTime) ENGINE = MergeTree ORDER BY id");
        // exactly what the DS 3.1.1 UI saves for a DATAX task in form mode
        String taskParams = "{\"localParams\":[],\"resourceList\":[],\"customConfig\":0,\"dsType\":\"MYSQL\","
                + "\"dataSource\":1,\"dtType\":\"CLICKHOUSE\",\"dataTarget\":2,\"sql\":\"select id, name, price, ts"
                + " from ds_src where id <= ${maxId}\",\"targetTable\":\"dx_form\",\"jobSpeedByte\":0,"
                + "\"jobSpeedRecord\":1000,\"preStatements\":[\"TRUNCATE TABLE lark_ds.dx_form\"],"
                + "\"postStatements\":[],\"xms\":1,\"xmx\":1}";
        TaskExecutionContext c = context("DATAX", taskParams);
        TaskFixtures.param(c, "maxId", "2000");
        Map<String, String> out = run(new LarkDataxTask(c));
        assertThat(out).containsEntry("rowsWritten", "2000");
        assertThat(chOne("SELECT concat(toString(count()), '/', toString(sum(id)), '/', toString(toInt64(sum(price)"
                + " * 100)), '/', toString(max(ts))) FROM lark_ds.dx_form"))
                .isEqualTo("2000/2001000/50025000/2026-11-02 09:20:00");
    }

    @Test
    void stockDataxCustomJsonHonoursChannelAndSplitPk() throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_ds.dx_json", "CREATE TABLE lark_ds.dx_json (id Int32, name String, price"
                + " Decimal(10,2), ts DateTime) ENGINE = MergeTree ORDER BY id");
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":3},\"errorLimit\":{\"record\":0,\"percentage\":"
                + "0.02}},\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{\"username\":\""
                + maria.get("user") + "\",\"password\":\"" + maria.get("password") + "\",\"column\":[\"id\",\"name\","
                + "\"price\",\"ts\"],\"splitPk\":\"id\",\"connection\":[{\"table\":[\"ds_src\"],\"jdbcUrl\":[\""
                + maria.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:") + "\"]}]}},\"writer\":{\"name\":"
                + "\"clickhousewriter\",\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":[\"id\","
                + "\"name\",\"price\",\"ts\"],\"connection\":[{\"jdbcUrl\":\"" + ch.get("jdbcUrl") + "/lark_ds\","
                + "\"table\":[\"dx_json\"]}],\"batchSize\":2048}}}]}}";
        ObjectNode p = M.createObjectNode();
        p.put("customConfig", 1);
        p.put("json", job);
        p.putArray("localParams");
        Map<String, String> out = run(new LarkDataxTask(context("DATAX", p.toString())));
        assertThat(out).containsEntry("rowsWritten", "3000").containsEntry("rowsDirty", "0");
        assertThat(chOne("SELECT toString(count()) || '/' || toString(uniqExact(id)) FROM lark_ds.dx_json"))
                .isEqualTo("3000/3000");
    }

    @Test
    void larkIngestFormPostgresqlToClickHouseIncremental() throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_ds.pg_copy", "DROP TABLE IF EXISTS lark_ds.lark_ingest_state",
                "CREATE TABLE lark_ds.pg_copy (id UInt64, tag LowCardinality(String), amount Decimal(12,3), created"
                        + " DateTime64(3)) ENGINE = MergeTree ORDER BY id");
        String params = "{\"customConfig\":0,\"sourceDatasource\":3,\"sourceTable\":\"pg_src\",\"columns\":\"id,tag,"
                + "amount,created\",\"splitPk\":\"tag\",\"incrementalColumn\":\"created\",\"targetDatasource\":2,"
                + "\"targetTable\":\"pg_copy\",\"channels\":2}";
        Map<String, String> first = run(new LarkIngestTask(context("LARK_INGEST", params)));
        assertThat(first).containsEntry("rowsWritten", "2500").containsEntry("watermark", "2026-10-01T00:41:40");
        exec(pdb, "INSERT INTO pg_src SELECT g, 'tag-new', g * 1.125, TIMESTAMP '2026-10-01' + g * INTERVAL '1"
                + " second' FROM generate_series(2501, 2600) g");
        try {
            TaskExecutionContext second = context("LARK_INGEST", params);
            second.setProcessInstanceId(99);
            Map<String, String> out = run(new LarkIngestTask(second));
            assertThat(out).containsEntry("rowsRead", "100").containsEntry("rowsWritten", "100");
            assertThat(chOne("SELECT toString(count()) || '/' || toString(uniqExact(id)) || '/' ||"
                    + " toString(toInt64(sum(amount) * 1000)) FROM lark_ds.pg_copy"))
                    .isEqualTo("2600/2600/" + (long) (2600L * 2601 / 2 * 1125));
        } finally {
            exec(pdb, "DELETE FROM pg_src WHERE id > 2500");
        }
    }

    @Test
    void larkIngestFormClickHouseToMariaDbReplaceMode() throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_ds.ch_src", "CREATE TABLE lark_ds.ch_src (id UInt32, name String, price"
                + " Decimal(10,2), ts DateTime) ENGINE = MergeTree ORDER BY id", "INSERT INTO lark_ds.ch_src SELECT"
                + " number + 1, concat('ch', toString(number + 1)), (number + 1) / 2, toDateTime('2026-11-01"
                + " 00:00:00') + number FROM numbers(1500)");
        exec(mdb, "DROP TABLE IF EXISTS ch_copy", "CREATE TABLE ch_copy (id INT PRIMARY KEY, name VARCHAR(50), price"
                + " DECIMAL(10,2), ts DATETIME)", "INSERT INTO ch_copy VALUES (1, 'old', 0, NOW()), (99999, 'keep',"
                + " 1, NOW())");
        String params = "{\"customConfig\":0,\"sourceDatasource\":2,\"sourceTable\":\"ch_src\",\"targetDatasource\":1,"
                + "\"targetTable\":\"ch_copy\",\"writeMode\":\"replace\",\"channels\":2,\"splitPk\":\"id\"}";
        Map<String, String> out = run(new LarkIngestTask(context("LARK_INGEST", params)));
        assertThat(out).containsEntry("rowsWritten", "1500");
        assertThat(one(mdb, "SELECT COUNT(*) FROM ch_copy")).isEqualTo(1501);
        assertThat(one(mdb, "SELECT COUNT(*) FROM ch_copy WHERE id = 1 AND name = 'ch1'")).isEqualTo(1);
        assertThat(one(mdb, "SELECT SUM(price * 100) FROM ch_copy WHERE id <= 1500")).isEqualTo(1500L * 1501 / 2 * 50);
        assertThat(one(mdb, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME LIKE"
                + " 'ch_copy__lark_stg%'")).isZero();
    }
}
