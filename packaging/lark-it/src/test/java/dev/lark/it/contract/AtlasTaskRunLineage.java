package dev.lark.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.it.lineage.AtlasApi;
import dev.lark.testkit.ds.TaskRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One DS task run's lineage as the real Atlas shows it, read independently of the hook's client: the task's process
 * ({@code lark_ds_task}), this run's execution ({@code lark_ds_task_instance}) and the entities of the lineage graph
 * around the process. The contract subclasses check their own inputs and outputs in {@link #graph()}.
 */
final class AtlasTaskRunLineage {
    private final JsonNode process;
    private final JsonNode execution;
    private final List<String> graph;

    private AtlasTaskRunLineage(JsonNode process, JsonNode execution, List<String> graph) {
        this.process = process;
        this.execution = execution;
        this.graph = graph;
    }

    /**
     * Waits (delivery is asynchronous) until Atlas holds the single process of the workflow's task and the execution
     * of {@code task}, then reads the lineage graph. DS 3.1.1 gives the worker no task definition code, so the
     * process is found under the workflow's qualifiedName prefix.
     */
    static AtlasTaskRunLineage read(AtlasApi atlas, long project, long workflowCode, TaskRun task, String taskType)
            throws Exception {
        String prefix = "ds." + project + "." + workflowCode + ".";
        await(taskType + " process of workflow " + workflowCode + " in Atlas").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> atlas.search("lark_ds_task", prefix).size() == 1);
        JsonNode process = atlas.get("/api/atlas/v2/entity/guid/"
                + atlas.search("lark_ds_task", prefix).get(0).get("guid").asText()).get("entity");
        assertThat(process.path("attributes").path("taskType").asText()).isEqualTo(taskType);

        String taskQn = process.path("attributes").path("qualifiedName").asText();
        int at = taskQn.lastIndexOf('@');
        String executionQn = taskQn.substring(0, at) + ".ti" + task.id() + taskQn.substring(at);
        await("task instance " + task.id() + " in Atlas").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(2)).ignoreExceptions()
                .until(() -> atlas.entity("lark_ds_task_instance", executionQn) != null);
        JsonNode execution = atlas.entity("lark_ds_task_instance", executionQn);

        List<String> graph = new ArrayList<>();
        atlas.lineage(process.get("guid").asText(), "BOTH", 3).get("guidEntityMap").forEach(e -> graph.add(
                e.get("typeName").asText() + ":" + e.path("attributes").path("qualifiedName").asText()));
        return new AtlasTaskRunLineage(process, execution, graph);
    }

    JsonNode process() {
        return process;
    }

    /** This run's {@code lark_ds_task_instance} entity. */
    JsonNode execution() {
        return execution;
    }

    /** Every entity of the process's lineage graph (both directions, depth 3) as {@code typeName:qualifiedName}. */
    List<String> graph() {
        return graph;
    }
}
