package dev.lark.testkit.ds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task of a workflow to create: what DS calls a task definition, plus its upstream tasks (by name).
 *
 * <pre>{@code
 * TaskDefinitionSpec.builder("extract", "LARK_INGEST")
 *     .taskParams("{\"customConfig\":1,\"json\":\"...\",\"localParams\":[]}")
 *     .retries(1, 1).timeoutMinutes(10).upstream("prepare").build();
 * }</pre>
 */
public final class TaskDefinitionSpec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String type;
    private final JsonNode taskParams;
    private final int retries;
    private final int retryIntervalMinutes;
    private final int timeoutMinutes;
    private final String timeoutStrategy;
    private final List<String> upstream;
    private final String executeType;
    private final String description;

    private TaskDefinitionSpec(Builder b) {
        this.name = b.name;
        this.type = b.type;
        this.taskParams = b.taskParams;
        this.retries = b.retries;
        this.retryIntervalMinutes = b.retryIntervalMinutes;
        this.timeoutMinutes = b.timeoutMinutes;
        this.timeoutStrategy = b.timeoutStrategy;
        this.upstream = List.copyOf(b.upstream);
        this.executeType = b.executeType;
        this.description = b.description;
    }

    /** A task named {@code name} of DS task type {@code type} (e.g. {@code SHELL}, {@code LARK_INGEST}). */
    public static Builder builder(String name, String type) {
        return new Builder(name, type);
    }

    /** A SHELL task running {@code script} (DS substitutes {@code ${...}} parameters first). */
    public static Builder shell(String name, String script) {
        return builder(name, "SHELL").taskParams(JSON.createObjectNode()
                .put("rawScript", script)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("localParams", JSON.createArrayNode())
                .set("resourceList", JSON.createArrayNode()));
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** A copy: specs are immutable. */
    public JsonNode taskParams() {
        return taskParams.deepCopy();
    }

    public int retries() {
        return retries;
    }

    public int retryIntervalMinutes() {
        return retryIntervalMinutes;
    }

    public int timeoutMinutes() {
        return timeoutMinutes;
    }

    public String timeoutStrategy() {
        return timeoutStrategy;
    }

    public List<String> upstream() {
        return upstream;
    }

    public String executeType() {
        return executeType;
    }

    public String description() {
        return description;
    }

    public static final class Builder {
        private final String name;
        private final String type;
        private JsonNode taskParams;
        private int retries;
        private int retryIntervalMinutes = 1;
        private int timeoutMinutes;
        private String timeoutStrategy = "FAILED";
        private final List<String> upstream = new ArrayList<>();
        private String executeType = "BATCH";
        private String description = "";

        private Builder(String name, String type) {
            this.name = requireText(name, "name");
            this.type = requireText(type, "type");
        }

        /** The task type's parameters as JSON text (DS stores them as given; the API server validates them). */
        public Builder taskParams(String json) {
            try {
                return taskParams(JSON.readTree(Objects.requireNonNull(json, "taskParams")));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("taskParams of task '" + name + "' is not JSON: "
                        + e.getOriginalMessage(), e);
            }
        }

        public Builder taskParams(JsonNode params) {
            if (params == null || !params.isObject()) {
                throw new IllegalArgumentException("taskParams of task '" + name + "' must be a JSON object");
            }
            this.taskParams = params.deepCopy();
            return this;
        }

        /**
         * Adds an IN parameter to {@code taskParams.localParams}. Note: DS 3.1.1 substitutes built-in variables such
         * as {@code ${system.biz.date}} only when the task has at least one parameter, so
         * {@code inParam("bizdate", "${system.biz.date}")} and then {@code ${bizdate}} is the reliable way.
         */
        public Builder inParam(String prop, String value) {
            return localParam(prop, "IN", value);
        }

        /** Adds an OUT parameter (VARCHAR): set it from the task, it reaches downstream tasks via the varPool. */
        public Builder outParam(String prop) {
            return localParam(prop, "OUT", "");
        }

        private Builder localParam(String prop, String direct, String value) {
            if (taskParams == null) {
                throw new IllegalStateException("set taskParams of task '" + name + "' before its parameters");
            }
            com.fasterxml.jackson.databind.node.ObjectNode params =
                    (com.fasterxml.jackson.databind.node.ObjectNode) taskParams;
            JsonNode list = params.get("localParams");
            com.fasterxml.jackson.databind.node.ArrayNode array = list instanceof
                    com.fasterxml.jackson.databind.node.ArrayNode ? (com.fasterxml.jackson.databind.node.ArrayNode) list
                    : params.putArray("localParams");
            array.addObject().put("prop", requireText(prop, "prop")).put("direct", direct).put("type", "VARCHAR")
                    .put("value", value == null ? "" : value);
            return this;
        }

        /** DS retries a failed task {@code times} times, {@code intervalMinutes} apart. */
        public Builder retries(int times, int intervalMinutes) {
            if (times < 0 || intervalMinutes < 0) {
                throw new IllegalArgumentException("retries of task '" + name + "' must be >= 0");
            }
            this.retries = times;
            this.retryIntervalMinutes = intervalMinutes;
            return this;
        }

        /** DS fails the task after {@code minutes} (0 = no timeout). */
        public Builder timeoutMinutes(int minutes) {
            if (minutes < 0) {
                throw new IllegalArgumentException("timeoutMinutes of task '" + name + "' must be >= 0");
            }
            this.timeoutMinutes = minutes;
            return this;
        }

        /** {@code FAILED} (default), {@code WARN} or {@code WARNFAILED}. */
        public Builder timeoutStrategy(String strategy) {
            this.timeoutStrategy = requireText(strategy, "timeoutStrategy");
            return this;
        }

        /** Tasks (by name, in the same workflow) that must succeed before this one runs. */
        public Builder upstream(String... names) {
            for (String n : names) {
                upstream.add(requireText(n, "upstream"));
            }
            return this;
        }

        /** {@code BATCH} (default) or {@code STREAM} (started alone with {@code startStreamTask}). */
        public Builder executeType(String type) {
            this.executeType = requireText(type, "executeType");
            return this;
        }

        public Builder stream() {
            return executeType("STREAM");
        }

        public Builder description(String text) {
            this.description = text == null ? "" : text;
            return this;
        }

        public TaskDefinitionSpec build() {
            if (taskParams == null) {
                throw new IllegalStateException("task '" + name + "' has no taskParams");
            }
            return new TaskDefinitionSpec(this);
        }
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
