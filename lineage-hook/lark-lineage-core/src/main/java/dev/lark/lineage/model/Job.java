package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;

/**
 * The DS task definition a run belongs to. Identity is by codes (never names) so renames keep the same Atlas
 * entities; {@code namespace} is the DS project code. Versions are attributes, not identity: a new task version
 * updates the same process entity instead of drawing a second path.
 */
@JsonDeserialize(builder = Job.Builder.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class Job {
    private final long projectCode;
    private final String projectName;
    private final long workflowCode;
    private final int workflowVersion;
    private final String workflowName;
    private final long taskCode;
    private final int taskVersion;
    private final String taskName;
    private final String taskType;

    private Job(Builder b) {
        this.projectCode = Checks.positive("job.projectCode", b.projectCode);
        this.projectName = b.projectName;
        this.workflowCode = Checks.positive("job.workflowCode", b.workflowCode);
        this.workflowVersion = b.workflowVersion;
        this.workflowName = b.workflowName;
        this.taskCode = Checks.positive("job.taskCode", b.taskCode);
        this.taskVersion = b.taskVersion;
        this.taskName = Checks.notBlank("job.taskName", b.taskName);
        this.taskType = Checks.notBlank("job.taskType", b.taskType);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().projectCode(projectCode).projectName(projectName).workflowCode(workflowCode)
                .workflowVersion(workflowVersion).workflowName(workflowName).taskCode(taskCode)
                .taskVersion(taskVersion).taskName(taskName).taskType(taskType);
    }

    /** OpenLineage-style job namespace: the DS project code. */
    public String namespace() {
        return Long.toString(projectCode);
    }

    public long getProjectCode() { return projectCode; }
    public String getProjectName() { return projectName; }
    public long getWorkflowCode() { return workflowCode; }
    public int getWorkflowVersion() { return workflowVersion; }
    public String getWorkflowName() { return workflowName; }
    public long getTaskCode() { return taskCode; }
    public int getTaskVersion() { return taskVersion; }
    public String getTaskName() { return taskName; }
    /** DS task type, e.g. LARK_INGEST, LARK_CLICKHOUSE_LOAD. */
    public String getTaskType() { return taskType; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Job)) return false;
        Job j = (Job) o;
        return projectCode == j.projectCode && workflowCode == j.workflowCode && workflowVersion == j.workflowVersion
                && taskCode == j.taskCode && taskVersion == j.taskVersion && Objects.equals(projectName, j.projectName)
                && Objects.equals(workflowName, j.workflowName) && Objects.equals(taskName, j.taskName)
                && Objects.equals(taskType, j.taskType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(projectCode, workflowCode, workflowVersion, taskCode, taskVersion, taskName, taskType);
    }

    @Override
    public String toString() {
        return "Job{project=" + projectCode + ", workflow=" + workflowCode + "v" + workflowVersion + ", task="
                + taskCode + "v" + taskVersion + " '" + taskName + "' " + taskType + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private long projectCode;
        private String projectName;
        private long workflowCode;
        private int workflowVersion = 1;
        private String workflowName;
        private long taskCode;
        private int taskVersion = 1;
        private String taskName;
        private String taskType;

        public Builder projectCode(long v) { this.projectCode = v; return this; }
        public Builder projectName(String v) { this.projectName = v; return this; }
        public Builder workflowCode(long v) { this.workflowCode = v; return this; }
        public Builder workflowVersion(int v) { this.workflowVersion = v; return this; }
        public Builder workflowName(String v) { this.workflowName = v; return this; }
        public Builder taskCode(long v) { this.taskCode = v; return this; }
        public Builder taskVersion(int v) { this.taskVersion = v; return this; }
        public Builder taskName(String v) { this.taskName = v; return this; }
        public Builder taskType(String v) { this.taskType = v; return this; }

        public Job build() {
            return new Job(this);
        }
    }
}
