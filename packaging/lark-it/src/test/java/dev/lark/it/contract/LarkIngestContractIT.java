package dev.lark.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.ds.SandboxLineageConfig;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.WorkflowRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link LarkTaskContract} for LARK_INGEST with DataX-style jobs that need no other component: {@code streamreader}
 * into {@code txtfilewriter} files under a directory the test reads. Lineage goes to the hook's log sink (see
 * {@link #lineageToTheLogSink()}).
 */
class LarkIngestContractIT extends FileTargetContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private Path lineageProps;
    private String previousLineage;

    LarkIngestContractIT() {
        super("lark-it-ingest-contract");
    }

    @Override
    protected String taskType() {
        return "LARK_INGEST";
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> slowTask(String name) {
        // 20 000 rows at 100 rows/s: minutes of work, stopped after a few seconds
        ObjectNode job = job(streamReader(20_000), fileWriter("slow"));
        ((ObjectNode) job.path("job").path("setting").path("speed")).put("record", 100);
        return Optional.of(task(name, job));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> scheduledTask(String name) {
        return Optional.of(task(name, job(streamReader(5), fileWriter("part-${bizdate}")))
                .inParam("bizdate", "${system.biz.date}"));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> badInputTask(String name) {
        // valid as a job (the API server accepts it), wrong when it runs: the file to read does not exist
        ObjectNode reader = JSON.createObjectNode().put("name", "txtfilereader");
        ObjectNode p = reader.putObject("parameter").put("path", "/nonexistent/lark-it-missing.csv");
        p.putArray("column").addObject().put("index", 0).put("type", "string");
        return Optional.of(task(name, job(reader, fileWriter("bad"))));
    }

    @Override
    protected String badField() {
        return "reader.parameter.path";
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> taskWithSecret(String name, String secret) {
        // nothing listens on port 1: the reader fails to connect, with the password in its configuration
        ObjectNode reader = JSON.createObjectNode().put("name", "mysqlreader");
        ObjectNode p = reader.putObject("parameter").put("username", "lark").put("password", secret);
        p.putArray("column").add("id");
        ObjectNode conn = p.putArray("connection").addObject();
        conn.putArray("table").add("t");
        conn.putArray("jdbcUrl").add("jdbc:mysql://127.0.0.1:1/lark");
        return Optional.of(task(name, job(reader, fileWriter("secret"))));
    }

    /**
     * The lineage hook's own "log" sink instead of Atlas (Atlas takes ~100 s and ~1 GB to start; the Atlas path of
     * the same hook in the same worker is proven by LineageDolphinSchedulerIT): every case of this class runs with
     * {@code lark.lineage.sink=log} and its own journal dir, and the file DS had before is put back afterwards.
     */
    @BeforeEach
    void lineageToTheLogSink() throws IOException {
        Path runDir = Path.of(endpoints.get("dolphinscheduler", "logDir")).getParent();
        lineageProps = runDir.resolve("conf").resolve(SandboxLineageConfig.FILE_NAME);
        previousLineage = Files.isRegularFile(lineageProps) ? Files.readString(lineageProps, StandardCharsets.UTF_8)
                : null;
        writeAtomically(lineageProps, "lark.lineage.sink=log\nlark.lineage.journal.dir="
                + runDir.resolve("lark-lineage-journal-contract") + "\n");
    }

    @AfterEach
    void restoreLineageConfig() throws IOException {
        if (previousLineage != null) {
            writeAtomically(lineageProps, previousLineage);
        } else {
            Files.deleteIfExists(lineageProps);
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "lark-lineage", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The task journaled its lineage (its log shows the hook's counters) and the hook's dispatcher delivered that
     * very event (this task instance, this target directory) to the sink, which logs it in the DS server log.
     */
    @Override
    protected boolean verifyLineage(WorkflowRun run) throws Exception {
        TaskRun task = run.task("lineage");
        assertThat(task.log()).contains("lineage[log]: emitted=");
        Path serverLog = Path.of(endpoints.get("dolphinscheduler", "serverLog"));
        String marker = "Run{taskInstance=" + task.id() + ",";
        await("the lineage event of task instance " + task.id() + " delivered").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> delivered(serverLog, marker) != null);
        String event = delivered(serverLog, marker);
        assertThat(event).contains("'lineage' LARK_INGEST").contains("in=[").contains("out=[")
                .contains(target.toString().toLowerCase(Locale.ROOT));
        return true;
    }

    /** The sink's line for the event holding {@code marker}, or null. */
    private static String delivered(Path serverLog, String marker) throws IOException {
        for (String line : Files.readAllLines(serverLog, StandardCharsets.UTF_8)) {
            if (line.contains("lineage: RunEvent{") && line.contains(marker)) {
                return line.toLowerCase(Locale.ROOT).contains("lark_ingest") ? line : null;
            }
        }
        return null;
    }

    private TaskDefinitionSpec.Builder task(String name, ObjectNode job) {
        ObjectNode params = JSON.createObjectNode().put("customConfig", 1).put("json", job.toString());
        params.putArray("localParams");
        return TaskDefinitionSpec.builder(name, "LARK_INGEST").taskParams(params);
    }

    private static ObjectNode job(ObjectNode reader, ObjectNode writer) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode job = root.putObject("job");
        ObjectNode setting = job.putObject("setting");
        setting.putObject("speed").put("channel", 1);
        setting.putObject("errorLimit").put("record", 0);
        ArrayNode content = job.putArray("content");
        content.addObject().<ObjectNode>set("reader", reader).set("writer", writer);
        return root;
    }

    private static ObjectNode streamReader(long rows) {
        ObjectNode reader = JSON.createObjectNode().put("name", "streamreader");
        ObjectNode p = reader.putObject("parameter").put("sliceRecordCount", rows);
        ArrayNode columns = p.putArray("column");
        columns.addObject().put("type", "string").put("value", "lark");
        columns.addObject().put("type", "long").put("value", "42");
        return reader;
    }

    private ObjectNode fileWriter(String fileName) {
        ObjectNode writer = JSON.createObjectNode().put("name", "txtfilewriter");
        writer.putObject("parameter").put("path", target.toString()).put("fileName", fileName)
                .put("writeMode", "truncate").put("fieldDelimiter", ",");
        return writer;
    }
}
