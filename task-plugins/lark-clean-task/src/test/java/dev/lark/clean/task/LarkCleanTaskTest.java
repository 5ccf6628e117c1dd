package dev.lark.clean.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskException;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.apache.dolphinscheduler.plugin.task.api.parameters.ParametersNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS binding driven through init/handle with a real TaskExecutionContext, on files (no network). */
class LarkCleanTaskTest {
    static final ObjectMapper M = new ObjectMapper();
    /** The nginx config of the job runner's tests (module lark-clean-job). */
    static final Path IT_NGINX = Path.of("../lark-clean-job/src/test/resources/it-nginx.json");

    @TempDir
    Path dir;

    private String params(String config, Path in) {
        ObjectNode p = M.createObjectNode();
        p.put("config", config);
        p.put("sourceType", "FILE").put("inputPath", in.toString());
        p.put("sinkType", "FILE").put("outputPath", dir.resolve("out/records.jsonl").toString());
        p.put("deadLetterType", "FILE").put("deadLetterPath", dir.resolve("out/dead.jsonl").toString());
        p.put("batchSize", 2);
        p.putArray("localParams");
        p.putArray("resourceList");
        return p.toString();
    }

    private static TaskExecutionContext request(String taskParams) {
        TaskExecutionContext c = new TaskExecutionContext();
        c.setTaskType(LarkCleanTaskChannelFactory.NAME);
        c.setTaskName("clean_nginx");
        c.setTaskParams(taskParams);
        c.setPrepareParamsMap(new HashMap<>());
        return c;
    }

    private Path nginxSample() throws Exception {
        Path in = dir.resolve("nginx.log");
        Files.copy(Path.of("../lark-clean-engine/examples/nginx-sample.txt"), in);
        return in;
    }

    @Test
    void cleansAFileAndPublishesCountersToTheVarPool() throws Exception {
        ObjectNode cfg = (ObjectNode) M.readTree(Files.readString(IT_NGINX));
        cfg.putObject("error_budget").put("max_percent", 50); // 1 of the 4 sample lines is garbage
        LarkCleanTask task = new LarkCleanTask(request(params(cfg.toString(), nginxSample())));
        task.init();
        task.getParameters().setVarPool(null);
        task.handle(null);
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_SUCCESS);
        Map<String, String> pool = task.getParameters().getVarPool().stream()
                .collect(Collectors.toMap(Property::getProp, Property::getValue));
        assertThat(pool).containsEntry("cleanInputs", "4").containsEntry("cleanOutputRecords", "2")
                .containsEntry("cleanFiltered", "1").containsEntry("cleanFailed", "1");
        List<String> records = Files.readAllLines(dir.resolve("out/records.jsonl"));
        assertThat(records).hasSize(2);
        assertThat(M.readTree(records.get(1)).get("path").asText()).isEqualTo("/api/v1/items?id=7");
        List<String> dead = Files.readAllLines(dir.resolve("out/dead.jsonl"));
        assertThat(dead).hasSize(1);
        assertThat(M.readTree(dead.get(0)).get("kind").asText()).isEqualTo("NO_MATCH");
        assertThat(M.readTree(dead.get(0)).get("raw").asText()).isEqualTo("this is not an access log line");
    }

    @Test
    void exceedingTheErrorBudgetFailsTheTaskPublishesNothingAndKeepsTheDeadLetters() throws Exception {
        ObjectNode cfg = (ObjectNode) M.readTree(Files.readString(IT_NGINX));
        cfg.putObject("error_budget").put("max_records", 0);
        LarkCleanTask task = new LarkCleanTask(request(params(cfg.toString(), nginxSample())));
        task.init();
        task.getParameters().setVarPool(null);
        assertThatThrownBy(() -> task.handle(null)).isInstanceOf(TaskException.class).hasMessageContaining("error budget exceeded");
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_FAILURE);
        assertThat(Files.readAllLines(dir.resolve("out/dead.jsonl"))).hasSize(1);
        assertThat(dir.resolve("out/records.jsonl")).doesNotExist();
        assertThat(dir.resolve("out/records.jsonl.inprogress")).doesNotExist();
    }

    @Test
    void anInvalidCleaningConfigFailsInitWithTheStepAndTheFix() throws Exception {
        String bad = "{\"steps\":[{\"label\":\"p\",\"op\":\"grokk\"}],\"schema\":{\"fields\":[{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true}],"
                + "\"time\":{\"formats\":[\"iso8601\"]}}}";
        LarkCleanTask task = new LarkCleanTask(request(params(bad, nginxSample())));
        assertThatThrownBy(task::init).isInstanceOf(TaskException.class)
                .hasMessageContaining("'config'").hasMessageContaining("UNKNOWN_OPERATOR").hasMessageContaining("did you mean 'grok'");
    }

    @Test
    void channelParsesParametersAndValidationNamesTheField() throws Exception {
        LarkCleanTaskChannelFactory f = new LarkCleanTaskChannelFactory();
        assertThat(f.getName()).isEqualTo("LARK_CLEAN");
        ParametersNode node = ParametersNode.builder().taskType("LARK_CLEAN").taskParams("{\"config\":\"x: 1\",\"sourceType\":\"KAFKA\"}").build();
        LarkCleanParameters p = (LarkCleanParameters) f.create().parseParameters(node);
        assertThat(p.checkParameters()).isFalse();
        assertThat(p.validationError()).contains("'config'");
        String ok = params(Files.readString(IT_NGINX), nginxSample());
        LarkCleanParameters good = (LarkCleanParameters) f.create().parseParameters(
                ParametersNode.builder().taskType("LARK_CLEAN").taskParams(ok).build());
        assertThat(good.validationError()).isNull();
        good.setSinkType("CLICKHOUSE");
        assertThat(good.validationError()).contains("clickhouseDatasource");
    }
    private String streamParams(Path jar) throws Exception {
        ObjectNode p = M.createObjectNode();
        p.put("mode", "STREAM");
        p.put("config", Files.readString(IT_NGINX));
        p.put("sourceType", "KAFKA").put("kafkaBootstrapServers", "127.0.0.1:9092").put("sourceTopic", "raw");
        p.put("sinkType", "KAFKA").put("sinkTopic", "clean");
        p.put("deadLetterType", "KAFKA").put("deadLetterTopic", "dead");
        p.put("flinkRestUrl", "http://127.0.0.1:8081").put("flinkJobJar", jar.toString());
        p.put("delivery", "exactly-once").put("parallelism", 2);
        p.putArray("localParams");
        p.putArray("resourceList");
        return p.toString();
    }

    @Test
    void streamModeMapsParametersOntoTheFlinkJobsArguments() throws Exception {
        Path jar = Files.createFile(dir.resolve("job.jar"));
        LarkCleanParameters p = M.readValue(streamParams(jar), LarkCleanParameters.class);
        assertThat(p.validationError()).isNull();
        dev.lark.clean.flink.submit.CleanStreamSubmission s = p.toSubmission(true);
        assertThat(s.parallelism()).isEqualTo(2);
        assertThat(s.restoreFrom()).isEqualTo("LATEST");
        assertThat(String.join(" ", s.jobArgs())).contains("--source-topic raw", "--sink-topic clean",
                "--dead-letter-topic dead", "--delivery exactly-once", "--starting-offsets committed");
    }

    @Test
    void streamModeValidationNamesTheField() throws Exception {
        Path jar = dir.resolve("missing.jar");
        LarkCleanParameters p = M.readValue(streamParams(jar), LarkCleanParameters.class);
        assertThat(p.validationError()).isNull(); // the API server does not hold the jar; the worker checks it
        assertThatThrownBy(() -> p.toSubmission(true)).hasMessageContaining("flinkJobJar").hasMessageContaining("missing.jar");
        p.setSinkType("CLICKHOUSE");
        assertThat(p.validationError()).contains("sinkType").contains("KAFKA");
        p.setSinkType("KAFKA");
        p.setFlinkRestUrl(null);
        assertThat(p.validationError()).contains("flinkRestUrl");
        p.setFlinkRestUrl("http://127.0.0.1:8081");
        p.setDelivery("twice");
        assertThat(p.validationError()).contains("--delivery").contains("exactly-once");
        p.setDelivery("at-least-once");
        p.setMode("SOMETIMES");
        assertThat(p.validationError()).contains("mode").contains("STREAM");
    }
}
