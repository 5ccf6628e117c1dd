package dev.lark.lineage.naming;

import dev.lark.lineage.model.Job;
import dev.lark.lineage.model.Run;
import java.util.Locale;

/**
 * Qualified names of DolphinScheduler objects in Atlas. Built from codes and ids only (never names) so renaming a
 * project, workflow or task keeps its entity; versions are attributes, so a new version updates the same process.
 * {@code namespace} is the DS installation's Atlas namespace (config {@code lark.lineage.atlas.namespace}).
 */
public final class DsNames {
    private DsNames() {
    }

    public static String project(Job job, String namespace) {
        return qn("ds." + job.getProjectCode(), namespace);
    }

    public static String workflow(Job job, String namespace) {
        return qn("ds." + job.getProjectCode() + "." + job.getWorkflowCode(), namespace);
    }

    /** The task's lineage process: one per task definition (lineage per task, not per workflow). */
    public static String task(Job job, String namespace) {
        return qn("ds." + job.getProjectCode() + "." + job.getWorkflowCode() + "." + job.getTaskCode(), namespace);
    }

    public static String workflowInstance(Job job, Run run, String namespace) {
        return qn("ds." + job.getProjectCode() + "." + job.getWorkflowCode() + ".wi" + run.getWorkflowInstanceId(),
                namespace);
    }

    public static String taskInstance(Job job, Run run, String namespace) {
        return qn("ds." + job.getProjectCode() + "." + job.getWorkflowCode() + "." + job.getTaskCode() + ".ti"
                + run.getTaskInstanceId(), namespace);
    }

    /** Column lineage process of one output column, like the Hive hook's {@code <processQn>:<columnQn>}. */
    public static String columnLineage(Job job, String namespace, String outputColumnQualifiedName) {
        return task(job, namespace) + ":" + outputColumnQualifiedName.toLowerCase(Locale.ROOT);
    }

    /** A data-quality rule applied to one dataset. */
    public static String qualityRule(String ruleCode, String datasetQualifiedName) {
        return ("dq." + ruleCode + ":" + datasetQualifiedName).toLowerCase(Locale.ROOT);
    }

    /** One evaluation of a rule in one task instance. */
    public static String qualityCheckRun(String ruleQualifiedName, Run run) {
        return ruleQualifiedName + ":ti" + run.getTaskInstanceId();
    }

    private static String qn(String name, String namespace) {
        if (namespace == null || namespace.trim().isEmpty() || namespace.contains("@")) {
            throw new IllegalArgumentException("Atlas namespace must be a plain cluster name (got '" + namespace
                    + "'); set lark.lineage.atlas.namespace, default 'primary'");
        }
        return (name + "@" + namespace.trim()).toLowerCase(Locale.ROOT);
    }
}
