package dev.lark.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.it.lineage.AtlasApi;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.SandboxLineageConfig;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;

/**
 * {@link LarkTaskContract} for LARK_CLEAN: nginx access logs on the worker's disk cleaned into a real ClickHouse
 * table that the task creates from the output schema (MergeTree, one partition per day); lineage checked in the real
 * Atlas (the process of the task and this run's task-instance execution, with the input file and the ClickHouse
 * table in its lineage graph).
 *
 * <ul>
 *   <li>slow: the input is a named pipe the test feeds 20 lines/s, so the run goes on until it is killed; batches go
 *       to a staging table that the kill drops;
 *   <li>scheduled: {@code access-${bizdate}.log}, one day of logs, published with {@code writeMode}
 *       REPLACE_PARTITIONS, so a rerun of the same day replaces that day's partition;
 *   <li>bad input: {@code clickhouseTable} names a table that does not exist with {@code createTable=false};
 *   <li>secret: {@code clickhousePassword} (ClickHouse refuses it: the sandbox's {@code default} user has none).
 * </ul>
 */
@Sandboxed({"dolphinscheduler", "clickhouse", "atlas"})
class LarkCleanContractIT extends LarkTaskContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DB = "lark_clean_contract";
    private static final String TABLE = DB + ".access";
    private static final DateTimeFormatter LOG_DAY = DateTimeFormatter.ofPattern("dd/MMM/yyyy", Locale.ROOT);
    /** The biz dates (schedule date - 1 day) of the schedule times the contract uses, and one spare. */
    private static final List<LocalDate> BIZ_DATES = List.of(LocalDate.of(2026, 1, 14), LocalDate.of(2026, 1, 31));
    private static final int GOOD_LINES_PER_DAY = 60;

    private final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "lark-it-clean-contract");
    private final AtomicBoolean stopFeeding = new AtomicBoolean();
    private Thread feeder;
    private Workflow lastWorkflow;

    @Override
    protected String taskType() {
        return "LARK_CLEAN";
    }

    @Override
    protected void resetTarget() throws Exception {
        // the worker picks this file up at its next Lark task (it watches the mtime): lineage goes to the sandbox Atlas
        SandboxLineageConfig.ensure(Path.of(endpoints.get("dolphinscheduler", "logDir")).getParent(),
                endpoints.get("atlas", "restUrl"), endpoints.get("atlas", "user"), endpoints.get("atlas", "password"));
        sql("CREATE DATABASE IF NOT EXISTS " + DB);
        sql("DROP TABLE IF EXISTS " + TABLE);
        Files.createDirectories(dir);
        for (LocalDate day : BIZ_DATES) {
            Files.write(dir.resolve("access-" + day.format(DateTimeFormatter.BASIC_ISO_DATE) + ".log"), dayOfLogs(day),
                    StandardCharsets.UTF_8);
        }
    }

    /** 60 requests of that day, 5 health checks (filtered) and 5 broken lines (dead letters). */
    private static List<String> dayOfLogs(LocalDate day) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < GOOD_LINES_PER_DAY; i++) {
            lines.add(accessLine(day, i));
        }
        for (int i = 0; i < 5; i++) {
            lines.add("10.0.0.1 - - [" + day.format(LOG_DAY) + ":12:00:0" + i + " +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\"");
            lines.add("not an access log line #" + i);
        }
        return lines;
    }

    private static String accessLine(LocalDate day, int i) {
        return String.format(Locale.ROOT, "10.1.%d.%d - - [%s:%02d:%02d:%02d +0000] \"GET /shop/%d HTTP/1.1\" 200 %d \"-\" \"contract\"",
                i % 250, i % 200, day.format(LOG_DAY), (i / 3600) % 24, (i / 60) % 60, i % 60, i, 100 + i);
    }

    @Override
    protected long targetCount() throws Exception {
        try (Connection c = clickhouse(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count() FROM system.tables WHERE database = '" + DB + "' AND name = 'access'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return 0;
            }
        }
        try (Connection c = clickhouse(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM " + TABLE)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> slowTask(String name) {
        try {
            Path fifo = dir.resolve("slow.fifo");
            Files.deleteIfExists(fifo);
            Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as("mkfifo " + fifo).isTrue();
            feed(fifo);
            ObjectNode params = params(fifo.toString());
            params.put("batchSize", 10); // the kill is noticed between batches: every half second here
            return Optional.of(TaskDefinitionSpec.builder(name, "LARK_CLEAN").taskParams(params));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes access lines into the pipe, 20 per second, until the reader (the task) goes away or 4 minutes passed.
     * Opening a pipe for writing blocks until the task opens it for reading.
     */
    private void feed(Path fifo) {
        stopFeeding.set(false);
        AtomicLong written = new AtomicLong();
        feeder = new Thread(() -> {
            long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
            try (OutputStream out = Files.newOutputStream(fifo)) {
                int i = 0;
                while (!stopFeeding.get() && System.nanoTime() < until) {
                    out.write((accessLine(LocalDate.of(2026, 1, 1), i++ % 86_400) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    written.incrementAndGet();
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                // broken pipe: the task closed its end (killed), which is what the case wants
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "clean-contract-fifo-feeder");
        feeder.setDaemon(true);
        feeder.start();
    }

    @AfterEach
    void stopFeeder() throws Exception {
        if (feeder == null) {
            return;
        }
        stopFeeding.set(true);
        feeder.join(5_000);
        if (feeder.isAlive()) {
            // still blocked opening the pipe because no reader came: open the read end once to release it
            try (var unused = Files.newInputStream(dir.resolve("slow.fifo"))) {
                feeder.join(5_000);
            }
        }
        feeder = null;
        // the killed run dropped its staging table
        try (Connection c = clickhouse(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count() FROM system.tables WHERE database = '" + DB + "' AND name LIKE '%_lark_stage_%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("staging tables left in " + DB).isZero();
        }
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> scheduledTask(String name) {
        ObjectNode params = params(dir.resolve("access-${bizdate}.log").toString());
        params.put("writeMode", "REPLACE_PARTITIONS");
        return Optional.of(TaskDefinitionSpec.builder(name, "LARK_CLEAN").taskParams(params).inParam("bizdate", "${system.biz.date}"));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> badInputTask(String name) {
        // valid parameters (the API server accepts them); only the run can see that the table does not exist
        ObjectNode params = params(dir.resolve("access-20260114.log").toString());
        params.put("clickhouseTable", DB + ".no_such_table").put("createTable", false);
        return Optional.of(TaskDefinitionSpec.builder(name, "LARK_CLEAN").taskParams(params));
    }

    @Override
    protected String badField() {
        return "clickhouseTable";
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> taskWithSecret(String name, String secret) {
        ObjectNode params = params(dir.resolve("access-20260114.log").toString());
        params.put("clickhousePassword", secret);
        return Optional.of(TaskDefinitionSpec.builder(name, "LARK_CLEAN").taskParams(params));
    }

    /** Remembers the workflow, so {@link #verifyLineage} can find its process in Atlas by workflow code. */
    @Override
    protected Workflow workflow(String purpose, TaskDefinitionSpec.Builder task) {
        lastWorkflow = super.workflow(purpose, task);
        return lastWorkflow;
    }

    /**
     * The run's lineage in the real Atlas: the LARK_CLEAN process of this workflow, this task instance as one of its
     * executions, and the input file -> process -> ClickHouse table in its lineage graph.
     */
    @Override
    protected boolean verifyLineage(WorkflowRun run) throws Exception {
        TaskRun task = run.task("lineage");
        assertThat(task.log()).contains("lineage[atlas-rest]: emitted=").doesNotContain(endpoints.get("atlas", "password"));
        assertThat(task.varPool()).contains("cleanOutputRecords").contains("\"" + GOOD_LINES_PER_DAY + "\"");
        AtlasTaskRunLineage lineage = AtlasTaskRunLineage.read(AtlasApi.of(endpoints), project, lastWorkflow.code(),
                task, "LARK_CLEAN");
        JsonNode ti = lineage.execution();
        assertThat(ti.path("attributes").path("taskInstanceId").asLong()).isEqualTo(task.id());
        assertThat(ti.path("attributes").path("state").asText()).isEqualTo("SUCCESS");
        List<String> names = lineage.graph();
        String taskQn = lineage.process().path("attributes").path("qualifiedName").asText();
        assertThat(names).as("lineage graph of " + taskQn)
                .anyMatch(n -> n.startsWith("fs_path:") && n.contains(dir.resolve("access-20260131.log").toString().toLowerCase(Locale.ROOT)))
                .anyMatch(n -> n.startsWith("clickhouse_table:" + TABLE + "@"));
        return true;
    }

    /** LARK_CLEAN parameters: the example nginx config, a FILE source, the ClickHouse table, dead letters in a file. */
    private ObjectNode params(String inputPath) {
        ObjectNode config;
        try {
            config = (ObjectNode) JSON.readTree(Files.readString(Path.of("../../task-plugins/lark-clean-engine/examples/nginx.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        config.putObject("error_budget").put("max_percent", 20);
        ObjectNode p = JSON.createObjectNode();
        p.put("config", config.toString());
        p.put("sourceType", "FILE").put("inputPath", inputPath);
        p.put("sinkType", "CLICKHOUSE").put("clickhouseUrl", endpoints.get("clickhouse", "httpUrl"))
                .put("clickhouseUser", "default").put("clickhouseTable", TABLE);
        p.put("deadLetterType", "FILE").put("deadLetterPath", dir.resolve("dead-letters.jsonl").toString());
        p.putArray("localParams");
        return p;
    }

    private Connection clickhouse() throws Exception {
        return DriverManager.getConnection(endpoints.get("clickhouse", "jdbcUrl"), "default", "");
    }

    private void sql(String statement) throws Exception {
        try (Connection c = clickhouse(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
