package dev.lark.it;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real DolphinScheduler 3.1.1 with the Lark bundle on its classpath: Lark's plugins register, and workflows run
 * through the REST API exactly as an operator's would.
 */
@Sandboxed({"dolphinscheduler"})
class DolphinSchedulerIT {
    /** A safety net against a hung server, not a speed check. */
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();

    static DolphinSchedulerClient ds;
    static long project;

    @BeforeAll
    static void connect(SandboxEndpoints endpoints) {
        ds = DolphinSchedulerClient.login(endpoints);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        project = ds.ensureProject("lark-it");
    }

    @Test
    void everyTaskPluginOfTheBundleIsRegisteredByDolphinScheduler(SandboxEndpoints endpoints) throws Exception {
        List<String> factories = LarkBundleContents.taskChannelFactories();
        assertThat(factories).as("task channel factories in the bundle").isNotEmpty();
        String log = Files.readString(Path.of(endpoints.get("dolphinscheduler", "serverLog")),
                StandardCharsets.UTF_8);
        for (String factory : factories) {
            // DS's TaskPluginManager logs "Registered task plugin: <name> - class <factory>" once per server part
            assertThat(log).containsPattern("Registered task plugin: \\S+ - class " + Pattern.quote(factory));
        }
        // and the API that the DS web UI asks for its task list knows Lark's types
        assertThat(ds.taskPluginNames()).contains("LARK_INGEST", "DATAX", "LARK_CLEAN", "LARK_CLICKHOUSE_LOAD");
    }

    @Test
    void shellWorkflowRunsAndPassesOutParametersDownstream() {
        String token = "lark-" + UUID.randomUUID();
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("shell-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.shell("produce", "echo '${setValue(greeting=" + token + ")}'")
                        .outParam("greeting"))
                .task(TaskDefinitionSpec.shell("consume", "echo \"consumed ${greeting}\"").upstream("produce"))
                .build());
        ds.release(wf, true);

        WorkflowRun run = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);

        assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");
        assertThat(run.task("produce").varPool()).contains("greeting").contains(token);
        assertThat(run.task("consume").log()).contains("consumed " + token);
    }

    @Test
    void stoppingARunKillsItsRunningTask() {
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("stop-" + UUID.randomUUID())
                // the markers are computed, so the script text DS logs does not contain them
                .task(TaskDefinitionSpec.shell("sleeper", "echo \"begin-$((6*7))\"; sleep 600; echo \"end-$((6*7))\""))
                .build());
        ds.release(wf, true);
        int id = ds.start(wf, StartOptions.defaults(), RUN_TIMEOUT);
        ds.awaitTaskLogContains(project, id, "sleeper", "begin-42", RUN_TIMEOUT);

        ds.stop(project, id);
        WorkflowRun run = ds.awaitFinal(project, id, RUN_TIMEOUT);

        assertThat(run.state()).as(run.describe()).isEqualTo("STOP");
        TaskRun sleeper = run.task("sleeper");
        assertThat(sleeper.state()).isEqualTo("KILL");
        assertThat(sleeper.log()).contains("begin-42").doesNotContain("end-42");
    }

    @Test
    void aStreamTaskDefinitionStartsOnItsOwn() {
        // DS starts STREAM task definitions singly, outside any workflow run; SHELL stands in for a streaming type
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("stream-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.shell("streamer", "echo \"streaming-$((6*7))\"").stream())
                .build());

        TaskRun started = ds.startStreamTask(wf, "streamer", java.util.Map.of(), RUN_TIMEOUT);

        TaskRun ended = ds.awaitStreamTaskEnd(project, "streamer", started.id(), RUN_TIMEOUT);

        assertThat(ended.state()).isEqualTo("SUCCESS");
        assertThat(ended.log()).contains("streaming-42");
    }

    @Test
    void larkIngestTaskRunsStreamToStreamJobToSuccess(SandboxEndpoints endpoints) throws Exception {
        int rows = 7;
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":0}},"
                + "\"content\":[{\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"column\":["
                + "{\"type\":\"string\",\"value\":\"lark-ingest-it\"},{\"type\":\"long\",\"value\":\"42\"}],"
                + "\"sliceRecordCount\":" + rows + "}},"
                + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{\"print\":true,\"encoding\":\"UTF-8\"}}}]}}";
        ObjectNode params = JSON.createObjectNode().put("customConfig", 1).put("json", job);
        params.putArray("localParams");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("ingest-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.builder("ingest", "LARK_INGEST").taskParams(params))
                .build());
        ds.release(wf, true);

        WorkflowRun run = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);

        assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");
        TaskRun ingest = run.task("ingest");
        assertThat(ingest.taskType()).isEqualTo("LARK_INGEST");
        // streamwriter with print=true writes every record to the task log
        assertThat(ingest.log()).contains("lark-ingest-it");
    }
}
