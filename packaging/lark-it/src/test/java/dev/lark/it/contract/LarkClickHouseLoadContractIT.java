package dev.lark.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.it.clickhouse.ClickHouseTestDb;
import dev.lark.it.lineage.AtlasApi;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.SandboxLineageConfig;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.lark.testkit.ds.StartOptions;
import dev.lark.testkit.ds.DatasourceSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LarkTaskContract} for LARK_CLICKHOUSE_LOAD against the sandbox ClickHouse 26.7, reached through a DS
 * CLICKHOUSE datasource (credentials from DS). The target is {@code lark_chload_contract.events}; the scheduled
 * fixture copies a source table for the run's business date into its partition; lineage is checked in the real
 * Atlas (the worker's hook journals the event and delivers it there).
 */
@Sandboxed({"dolphinscheduler", "clickhouse", "postgresql", "atlas"})
class LarkClickHouseLoadContractIT extends LarkTaskContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "lark_chload_contract";
    private static final int SOURCE_ROWS = 250;

    private static ClickHouseTestDb db;
    private static int datasource;
    private static Path dir;
    private Workflow lastWorkflow;

    @Override
    protected String taskType() {
        return "LARK_CLICKHOUSE_LOAD";
    }

    @Override
    protected void resetTarget() throws Exception {
        if (db == null) {
            db = new ClickHouseTestDb(endpoints, DB); // drops and recreates the database
            datasource = ds.createDatasource(DatasourceSpec.of("CLICKHOUSE", "lark_contract_ch_"
                    + UUID.randomUUID().toString().substring(0, 8), "127.0.0.1",
                    Integer.parseInt(endpoints.get("clickhouse", "httpPort")), "default",
                    endpoints.get("clickhouse", "user"), endpoints.of("clickhouse").getOrDefault("password", "")));
            dir = Files.createTempDirectory("lark-chload-contract");
        }
        // the worker's lineage hook delivers to the sandbox Atlas (same file every IT writes; reloaded on change)
        Path dsRunDir = Path.of(endpoints.get("dolphinscheduler", "logDir")).getParent();
        SandboxLineageConfig.ensure(dsRunDir, endpoints.get("atlas", "restUrl"), endpoints.get("atlas", "user"),
                endpoints.get("atlas", "password"));
        db.exec("DROP TABLE IF EXISTS " + DB + ".events SYNC");
        db.exec("DROP TABLE IF EXISTS " + DB + ".src SYNC");
        db.exec("CREATE TABLE " + DB + ".src (id UInt64, v String) ENGINE = MergeTree ORDER BY id");
        db.exec("INSERT INTO " + DB + ".src SELECT number, concat('v', toString(number)) FROM numbers(" + SOURCE_ROWS
                + ")");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) {
            db.close();
            db = null;
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

    @Override
    protected long targetCount() {
        return db.tables("events").contains("events") ? db.count(DB + ".events") : 0;
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> slowTask(String name) {
        // A JDBC query source (the same ClickHouse, through the DS datasource) that yields one row every 0.4 s:
        // 300 rows take two minutes. Each row carries 250 kB of incompressible text so ClickHouse's HTTP output
        // buffer passes rows on as they come (small rows would sit in it until the query ends). overwrite_table
        // stages them and publishes with EXCHANGE TABLES only at the end, so a kill at any moment leaves the target
        // as it was.
        ObjectNode p = target("overwrite_table").put("sourceType", "jdbc").put("sourceDatasourceId", datasource)
                .put("query", "SELECT number AS id, toDate('2026-01-01') AS dt, randomPrintableASCII(250000) AS v"
                        + " FROM numbers(300) WHERE sleepEachRow(0.4) = 0 SETTINGS max_block_size = 1")
                .put("fetchSize", 1).put("batchMaxRows", 5);
        return Optional.of(task(name, p));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> scheduledTask(String name) {
        // a ClickHouse query source (INSERT ... SELECT on the server) reading a real table, stamped with the run's
        // business date; overwrite_partitions replaces that date's partition, so a rerun gives the same rows
        ObjectNode p = target("overwrite_partitions").put("sourceType", "clickhouse")
                .put("query", "SELECT id, toDate('${bizdate}') AS dt, v FROM " + DB + ".src");
        return Optional.of(task(name, p).inParam("bizdate", "${system.biz.date}"));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> badInputTask(String name) {
        // valid parameters (the API server accepts them); the file's second data row holds a value the declared Int64
        // column cannot take, found by the pre-load check before anything is written
        Path csv = dir.resolve("bad-" + UUID.randomUUID() + ".csv");
        try {
            Files.writeString(csv, "id,dt,v,amount\n1,2026-01-01,a,10\n2,2026-01-01,b,12abc\n",
                    StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ObjectNode p = target("append").put("sourceType", "file").put("format", "csv").put("path", csv.toString());
        ((ArrayNode) p.get("columns")).add(col("amount", "Int64"));
        return Optional.of(task(name, p));
    }

    @Override
    protected String badField() {
        return "column 'amount' expects Int64";
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> taskWithSecret(String name, String secret) {
        // the secret is the password of the JDBC source: a PostgreSQL role made for this case, read through a DS
        // POSTGRESQL datasource (DS checks the connection when it is created, so the password is really used);
        // the load succeeds, and neither its log nor Lark's server log entries may show the password
        String role = "lark_secret_" + UUID.randomUUID().toString().substring(0, 8);
        int source;
        try {
            createPostgresRole(role, secret);
            source = ds.createDatasource(DatasourceSpec.of("POSTGRESQL", "lark_contract_pg_" + role.substring(12),
                    "127.0.0.1", Integer.parseInt(endpoints.get("postgresql", "port")),
                    endpoints.get("postgresql", "database"), role, secret));
        } catch (Exception e) {
            throw new IllegalStateException("preparing the PostgreSQL source with a password failed", e);
        }
        ObjectNode p = target("append").put("sourceType", "jdbc").put("sourceDatasourceId", source)
                .put("query", "SELECT g AS id, DATE '2026-01-01' AS dt, 'pg' || g AS v FROM generate_series(1, 10) g");
        return Optional.of(task(name, p));
    }

    /** A login role, made as PostgreSQL's superuser over the sandbox's peer-authenticated socket. */
    private void createPostgresRole(String role, String password) throws Exception {
        Path socket = Path.of(endpoints.get("dolphinscheduler", "logDir")).getParent().getParent()
                .resolve("postgresql").resolve("socket");
        String sql = "CREATE ROLE " + role + " LOGIN PASSWORD '" + password.replace("'", "''") + "';\n"
                + "GRANT CONNECT ON DATABASE " + endpoints.get("postgresql", "database") + " TO " + role + ";\n";
        Process psql = new ProcessBuilder("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups",
                "--reset-env", "/usr/lib/postgresql/15/bin/psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                socket.toString(), "-p", endpoints.get("postgresql", "port"), "-U", "postgres", "-d", "postgres")
                .redirectErrorStream(true).start();
        try (var in = psql.getOutputStream()) {
            in.write(sql.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(psql.waitFor()).as("psql: " + out).isZero();
    }

    /**
     * Beyond the contract's kill case (which checks the target right after DS reports KILL): the load really stops
     * once rows are being staged, drops its staging table, and never publishes. A load that ignored the kill would
     * keep its staging table for the two minutes its source query takes.
     */
    @Test
    void aKilledLoadStopsStagingAndDropsItsStagingTable() throws Exception {
        Workflow wf = workflow("kill-cleanup", slowTask("slow").orElseThrow());
        int id = ds.start(wf, StartOptions.defaults(), RUN_TIMEOUT);
        ds.awaitTaskRunning(project, id, "slow", RUN_TIMEOUT);
        await("rows being staged").atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> db.tables("events__lark_stg_").stream().anyMatch(t -> db.count(DB + ".`" + t + "`") > 0));

        ds.stop(project, id);
        WorkflowRun run = ds.awaitFinal(project, id, RUN_TIMEOUT);

        assertThat(run.task("slow").state()).as(run.describe()).isEqualTo("KILL");
        await("the killed load drops its staging table").atMost(Duration.ofMinutes(1))
                .until(() -> db.tables("events").equals(List.of("events")));
        assertThat(targetCount()).as("rows published by the killed load").isZero();
    }

    @Override
    protected Workflow workflow(String purpose, TaskDefinitionSpec.Builder task) {
        lastWorkflow = super.workflow(purpose, task);
        return lastWorkflow;
    }

    @Override
    protected boolean verifyLineage(WorkflowRun run) throws Exception {
        TaskRun task = run.task("lineage");
        assertThat(task.log()).as("the hook journaled the run's lineage").contains("lineage[atlas-rest]: emitted=");
        AtlasTaskRunLineage lineage = AtlasTaskRunLineage.read(AtlasApi.of(endpoints), project, lastWorkflow.code(),
                task, "LARK_CLICKHOUSE_LOAD");
        assertThat(lineage.execution().path("attributes").path("state").asText()).isEqualTo("SUCCESS");

        // the process reads the source table and writes the target table, both ClickHouse tables
        List<String> tables = new ArrayList<>();
        lineage.graph().stream().filter(n -> n.startsWith("clickhouse_table:"))
                .forEach(n -> tables.add(n.substring("clickhouse_table:".length())));
        assertThat(tables).anyMatch(q -> q.startsWith(DB + ".src@"))
                .anyMatch(q -> q.startsWith(DB + ".events@"));
        return true;
    }

    // ---------------------------------------------------------------- fixtures

    /** Target parameters shared by every fixture: the declared table {@code events}, partitioned by day. */
    private ObjectNode target(String mode) {
        ObjectNode p = JSON.createObjectNode().put("datasourceId", datasource).put("database", DB)
                .put("table", "events").put("mode", mode).put("partitionBy", "dt").put("orderBy", "(dt, id)");
        p.putArray("columns").add(col("id", "UInt64")).add(col("dt", "Date")).add(col("v", "String"));
        p.putArray("localParams");
        return p;
    }

    private static ObjectNode col(String name, String type) {
        return JSON.createObjectNode().put("name", name).put("type", type);
    }

    private static TaskDefinitionSpec.Builder task(String name, ObjectNode params) {
        return TaskDefinitionSpec.builder(name, "LARK_CLICKHOUSE_LOAD").taskParams(params);
    }
}
