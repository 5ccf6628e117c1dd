package dev.lark.testkit.ds;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A workflow (DS "process definition") to create: its tasks, their order, the tenant that runs them. */
public final class WorkflowSpec {
    private final String name;
    private final String tenant;
    private final List<TaskDefinitionSpec> tasks;
    private final Map<String, String> globalParams;
    private final String executionType;

    private WorkflowSpec(Builder b) {
        this.name = b.name;
        this.tenant = b.tenant;
        this.tasks = List.copyOf(b.tasks);
        this.globalParams = Map.copyOf(b.globalParams);
        this.executionType = b.executionType;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String tenant() {
        return tenant;
    }

    public List<TaskDefinitionSpec> tasks() {
        return tasks;
    }

    public Map<String, String> globalParams() {
        return globalParams;
    }

    public String executionType() {
        return executionType;
    }

    public static final class Builder {
        private final String name;
        private String tenant = DolphinSchedulerClient.DEFAULT_TENANT;
        private final List<TaskDefinitionSpec> tasks = new ArrayList<>();
        private final Map<String, String> globalParams = new LinkedHashMap<>();
        private String executionType = "PARALLEL";

        private Builder(String name) {
            this.name = TaskDefinitionSpec.requireText(name, "workflow name");
        }

        /** The DS tenant (an existing OS user) the tasks run as; {@code root} by default. */
        public Builder tenant(String tenant) {
            this.tenant = TaskDefinitionSpec.requireText(tenant, "tenant");
            return this;
        }

        public Builder task(TaskDefinitionSpec task) {
            tasks.add(task);
            return this;
        }

        public Builder task(TaskDefinitionSpec.Builder task) {
            return task(task.build());
        }

        /** A global parameter ({@code IN}, VARCHAR) visible to every task as {@code ${name}}. */
        public Builder globalParam(String name, String value) {
            globalParams.put(TaskDefinitionSpec.requireText(name, "globalParam"), value == null ? "" : value);
            return this;
        }

        /** {@code PARALLEL} (default), {@code SERIAL_WAIT}, {@code SERIAL_DISCARD}, {@code SERIAL_PRIORITY}. */
        public Builder executionType(String type) {
            this.executionType = TaskDefinitionSpec.requireText(type, "executionType");
            return this;
        }

        public WorkflowSpec build() {
            if (tasks.isEmpty()) {
                throw new IllegalStateException("workflow '" + name + "' has no tasks");
            }
            Set<String> names = new HashSet<>();
            for (TaskDefinitionSpec t : tasks) {
                if (!names.add(t.name())) {
                    throw new IllegalStateException("workflow '" + name + "' has two tasks named '" + t.name() + "'");
                }
            }
            for (TaskDefinitionSpec t : tasks) {
                for (String up : t.upstream()) {
                    if (!names.contains(up)) {
                        throw new IllegalStateException("task '" + t.name() + "' of workflow '" + name
                                + "' names an unknown upstream task '" + up + "'");
                    }
                }
            }
            return new WorkflowSpec(this);
        }
    }
}
