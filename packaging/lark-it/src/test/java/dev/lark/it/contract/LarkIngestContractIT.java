package dev.lark.it.contract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.WorkflowRun;
import java.util.Optional;

/**
 * {@link LarkTaskContract} for LARK_INGEST with DataX-style jobs that need no other component: {@code streamreader}
 * into {@code txtfilewriter} files under a directory the test reads.
 */
class LarkIngestContractIT extends FileTargetContract {
    private static final ObjectMapper JSON = new ObjectMapper();
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

    @Override
    protected boolean verifyLineage(WorkflowRun run) {
        return false; // hook for the lineage module
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
