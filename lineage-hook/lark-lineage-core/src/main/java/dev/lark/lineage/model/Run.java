package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One execution of a DS task: the task instance (and its workflow instance), state, times, and ids the task got
 * from other engines ({@link #FLINK_JOB_ID}, {@link #SPARK_APP_ID}, ...). Each run becomes its own execution entity
 * in Atlas, so running a workflow twice adds executions, not processes.
 */
@JsonDeserialize(builder = Run.Builder.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Run {
    public static final String FLINK_JOB_ID = "flinkJobId";
    public static final String SPARK_APP_ID = "sparkAppId";
    public static final String CLICKHOUSE_QUERY_ID = "clickhouseQueryId";

    private final long taskInstanceId;
    private final long workflowInstanceId;
    private final RunState state;
    private final Instant startTime;
    private final Instant endTime;
    private final Instant scheduleTime;
    private final Map<String, String> externalIds;

    private Run(Builder b) {
        this.taskInstanceId = Checks.positive("run.taskInstanceId", b.taskInstanceId);
        this.workflowInstanceId = Checks.positive("run.workflowInstanceId", b.workflowInstanceId);
        this.state = Checks.notNull("run.state", b.state);
        this.startTime = Checks.notNull("run.startTime", b.startTime);
        this.endTime = b.endTime;
        this.scheduleTime = b.scheduleTime;
        this.externalIds = Checks.copy(b.externalIds);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().taskInstanceId(taskInstanceId).workflowInstanceId(workflowInstanceId).state(state)
                .startTime(startTime).endTime(endTime).scheduleTime(scheduleTime).externalIds(externalIds);
    }

    public long getTaskInstanceId() { return taskInstanceId; }
    public long getWorkflowInstanceId() { return workflowInstanceId; }
    public RunState getState() { return state; }
    public Instant getStartTime() { return startTime; }
    /** Null while running. */
    public Instant getEndTime() { return endTime; }
    /** DS schedule time (null for manual runs). */
    public Instant getScheduleTime() { return scheduleTime; }
    public Map<String, String> getExternalIds() { return externalIds; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Run)) return false;
        Run r = (Run) o;
        return taskInstanceId == r.taskInstanceId && workflowInstanceId == r.workflowInstanceId && state == r.state
                && Objects.equals(startTime, r.startTime) && Objects.equals(endTime, r.endTime)
                && Objects.equals(scheduleTime, r.scheduleTime) && externalIds.equals(r.externalIds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(taskInstanceId, workflowInstanceId, state, startTime);
    }

    @Override
    public String toString() {
        return "Run{taskInstance=" + taskInstanceId + ", workflowInstance=" + workflowInstanceId + ", " + state + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private long taskInstanceId;
        private long workflowInstanceId;
        private RunState state;
        private Instant startTime;
        private Instant endTime;
        private Instant scheduleTime;
        private Map<String, String> externalIds = new LinkedHashMap<>();

        public Builder taskInstanceId(long v) { this.taskInstanceId = v; return this; }
        public Builder workflowInstanceId(long v) { this.workflowInstanceId = v; return this; }
        public Builder state(RunState v) { this.state = v; return this; }
        public Builder startTime(Instant v) { this.startTime = v; return this; }
        public Builder endTime(Instant v) { this.endTime = v; return this; }
        public Builder scheduleTime(Instant v) { this.scheduleTime = v; return this; }
        public Builder externalIds(Map<String, String> v) { this.externalIds = new LinkedHashMap<>(v); return this; }
        public Builder externalId(String key, String value) { this.externalIds.put(key, value); return this; }

        public Run build() {
            return new Run(this);
        }
    }
}
