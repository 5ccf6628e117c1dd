package dev.lark.it.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.DolphinSchedulerClient;
import dev.lark.testkit.ds.SandboxLineageConfig;
import dev.lark.testkit.ds.StartOptions;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import dev.lark.testkit.ds.WorkflowSpec;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook inside the real DolphinScheduler worker (the Lark bundle with its shaded dependencies on DS's classpath):
 * a LARK_INGEST task copies a CSV file to another file; its lineage reaches the real Atlas through the worker's
 * journal, with the task process, the DS task-instance execution and both files.
 */
@Sandboxed({"dolphinscheduler", "atlas"})
class LineageDolphinSchedulerIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    @Test
    void larkIngestRunInDolphinSchedulerAppearsInAtlasWithItsExecution(SandboxEndpoints endpoints) throws Exception {
        // the worker reads lark-lineage.properties from its classpath (the sandbox's conf dir goes first on it) and
        // again whenever it changes, so no restart is needed; the demo writes the same content, in any order
        Path runDir = Path.of(endpoints.get("dolphinscheduler", "logDir")).getParent();
        SandboxLineageConfig.ensure(runDir, endpoints.get("atlas", "restUrl"), endpoints.get("atlas", "user"),
                endpoints.get("atlas", "password"));

        Path in = dir.resolve("orders.csv");
        Files.writeString(in, "1,apple\n2,pear\n3,plum\n", StandardCharsets.UTF_8);
        Path outDir = Files.createDirectories(dir.resolve("out"));
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":1},\"errorLimit\":{\"record\":0}},"
                + "\"content\":[{\"reader\":{\"name\":\"txtfilereader\",\"parameter\":{\"path\":[\"" + in + "\"],"
                + "\"fieldDelimiter\":\",\",\"column\":[{\"index\":0,\"type\":\"long\"},{\"index\":1,\"type\":\"string\"}]}},"
                + "\"writer\":{\"name\":\"txtfilewriter\",\"parameter\":{\"path\":\"" + outDir + "\",\"fileName\":\"orders\","
                + "\"writeMode\":\"truncate\",\"fieldDelimiter\":\",\"}}}]}}";
        ObjectNode params = AtlasApi.JSON.createObjectNode().put("customConfig", 1).put("json", job);
        params.putArray("localParams");

        DolphinSchedulerClient ds = DolphinSchedulerClient.login(endpoints);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-lineage-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("lineage-" + UUID.randomUUID())
                .task(TaskDefinitionSpec.builder("copy_orders", "LARK_INGEST").taskParams(params)).build());
        ds.release(wf, true);

        WorkflowRun run = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);

        assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");
        TaskRun task = run.task("copy_orders");
        assertThat(task.log()).contains("lineage[atlas-rest]: emitted=");
        assertThat(task.log()).doesNotContain(endpoints.get("atlas", "password"));

        AtlasApi atlas = new AtlasApi(endpoints.get("atlas", "restUrl"), endpoints.get("atlas", "user"),
                endpoints.get("atlas", "password"));
        // DS 3.1.1 gives the worker no task definition code: the process is found under the workflow's prefix
        String prefix = "ds." + project + "." + wf.code() + ".";
        await("the task's process in Atlas").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> atlas.search("lark_ds_task", prefix).size() == 1);
        JsonNode found = atlas.search("lark_ds_task", prefix).get(0);
        JsonNode process = atlas.get("/api/atlas/v2/entity/guid/" + found.get("guid").asText()).get("entity");
        assertThat(process.path("attributes").path("taskType").asText()).isEqualTo("LARK_INGEST");
        assertThat(process.path("attributes").path("name").asText()).isEqualTo("copy_orders");
        String taskQn = process.path("attributes").path("qualifiedName").asText();
        // the DS task instance is an execution of that process
        await("task instance " + task.id() + " in Atlas").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> atlas.entity("lark_ds_task_instance",
                        taskQn.replace("@primary", ".ti" + task.id() + "@primary")) != null);
        JsonNode ti = atlas.entity("lark_ds_task_instance", taskQn.replace("@primary", ".ti" + task.id() + "@primary"));
        assertThat(ti.path("attributes").path("taskInstanceId").asLong()).isEqualTo(task.id());
        assertThat(ti.path("attributes").path("state").asText()).isEqualTo("SUCCESS");

        String host = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        String inQn = ("file://" + host + in + "@primary").toLowerCase(Locale.ROOT);
        JsonNode lineage = atlas.lineage(process.get("guid").asText(), "BOTH", 3);
        Set<String> names = new HashSet<>();
        lineage.get("guidEntityMap").forEach(e -> {
            names.add(e.get("typeName").asText() + ":" + e.path("attributes").path("qualifiedName").asText());
            assertThat(e.path("isIncomplete").asBoolean(false)).isFalse();
        });
        assertThat(names).contains("fs_path:" + inQn, "lark_ds_task:" + taskQn);
        assertThat(names.stream().filter(n -> n.startsWith("fs_path:file://" + host + outDir.toString().toLowerCase(Locale.ROOT))))
                .hasSize(1);
    }
}
