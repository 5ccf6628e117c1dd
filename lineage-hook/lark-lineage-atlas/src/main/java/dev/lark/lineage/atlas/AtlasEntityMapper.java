package dev.lark.lineage.atlas;

import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.model.ColumnRef;
import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.DatasetKind;
import dev.lark.lineage.model.Job;
import dev.lark.lineage.model.QualityCheck;
import dev.lark.lineage.model.Run;
import dev.lark.lineage.model.RunEvent;
import dev.lark.lineage.model.SchemaField;
import dev.lark.lineage.naming.DsNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a {@link RunEvent} to Atlas entities.
 * <ul>
 *   <li>Every dataset the event mentions is sent as a full entity with its parents (rdbms instance/db, hive db) and
 *       the columns it knows, so Atlas never needs to invent a placeholder.</li>
 *   <li>One {@code lark_ds_task} process per DS task (lineage per task, not per workflow) whose inputs/outputs
 *       lists are sent in full (Atlas replaces them); one {@code lark_ds_task_instance} per run.</li>
 *   <li>Composition children (columns, instances, column lineage, check runs) always carry their parent reference.</li>
 *   <li>Quality: a {@code lark_dq_rule} per rule and dataset holding the latest result, a {@code lark_dq_check_run}
 *       per run (the sink prunes to the last N), then business metadata and classification on the dataset.</li>
 * </ul>
 */
final class AtlasEntityMapper {
    static final String TASK = "lark_ds_task";
    static final String TASK_INSTANCE = "lark_ds_task_instance";
    static final String WORKFLOW = "lark_ds_workflow";
    static final String WORKFLOW_INSTANCE = "lark_ds_workflow_instance";
    static final String PROJECT = "lark_ds_project";
    static final String COLUMN_LINEAGE = "lark_column_lineage";
    static final String DQ_RULE = "lark_dq_rule";
    static final String DQ_CHECK_RUN = "lark_dq_check_run";

    private final String namespace;

    AtlasEntityMapper(String namespace) {
        this.namespace = namespace;
    }

    AtlasPayload map(RunEvent event) {
        AtlasPayload p = new AtlasPayload();
        Map<String, EntityDraft> drafts = new LinkedHashMap<>();
        Map<String, DatasetEntities> datasets = new LinkedHashMap<>();
        for (Dataset d : event.getInputs()) {
            datasets.put(d.qualifiedName(), datasetEntities(d, drafts));
        }
        for (Dataset d : event.getOutputs()) {
            datasets.put(d.qualifiedName(), datasetEntities(d, drafts));
        }
        Job job = event.getJob();
        Run run = event.getRun();

        EntityDraft project = put(drafts, new EntityDraft(PROJECT, DsNames.project(job, namespace), 0)
                .attr("name", job.getProjectName() == null ? Long.toString(job.getProjectCode()) : job.getProjectName())
                .attr("projectCode", job.getProjectCode()));
        EntityDraft workflow = put(drafts, new EntityDraft(WORKFLOW, DsNames.workflow(job, namespace), 1)
                .attr("name", job.getWorkflowName() == null ? Long.toString(job.getWorkflowCode()) : job.getWorkflowName())
                .attr("workflowCode", job.getWorkflowCode()).attr("workflowVersion", job.getWorkflowVersion())
                .attr("projectCode", job.getProjectCode())
                .rel("project", project.ref()));
        EntityDraft task = new EntityDraft(TASK, DsNames.task(job, namespace), 4)
                .attr("name", job.getTaskName()).attr("taskCode", job.getTaskCode())
                .attr("taskVersion", job.getTaskVersion()).attr("taskType", job.getTaskType())
                .attr("projectCode", job.getProjectCode()).attr("workflowCode", job.getWorkflowCode())
                .attr("lastRunState", run.getState().name())
                .attr("lastRunTime", millis(run.getEndTime() != null ? run.getEndTime() : event.getEventTime()))
                .rel("workflow", workflow.ref());
        // Atlas replaces relationship lists: send them whenever the event knows them (always at the end of a run)
        if (event.getEventType().isTerminal() || !event.getInputs().isEmpty()) {
            task.rel("inputs", refs(event.getInputs(), datasets));
        }
        if (event.getEventType().isTerminal() || !event.getOutputs().isEmpty()) {
            task.rel("outputs", refs(event.getOutputs(), datasets));
        }
        put(drafts, task);

        EntityDraft wfInstance = put(drafts, new EntityDraft(WORKFLOW_INSTANCE,
                DsNames.workflowInstance(job, run, namespace), 2)
                .attr("name", (job.getWorkflowName() == null ? job.getWorkflowCode() : job.getWorkflowName()) + " #"
                        + run.getWorkflowInstanceId())
                .attr("workflowInstanceId", run.getWorkflowInstanceId())
                .attr("scheduleTime", millis(run.getScheduleTime()))
                .rel("workflow", workflow.ref()));
        put(drafts, new EntityDraft(TASK_INSTANCE, DsNames.taskInstance(job, run, namespace), 5)
                .attr("name", job.getTaskName() + " #" + run.getTaskInstanceId())
                .attr("taskInstanceId", run.getTaskInstanceId()).attr("state", run.getState().name())
                .attr("eventType", event.getEventType().name()).attr("startTime", millis(run.getStartTime()))
                .attr("endTime", millis(run.getEndTime())).attr("scheduleTime", millis(run.getScheduleTime()))
                .attr("taskVersion", job.getTaskVersion())
                .attr("externalIds", run.getExternalIds().isEmpty() ? null : run.getExternalIds())
                .attr("runFacets", event.getRunFacets().isEmpty() ? null : event.getRunFacets())
                .rel("task", task.ref()).rel("workflowInstance", wfInstance.ref()));

        for (ColumnLineage cl : event.getColumnLineage()) {
            columnLineage(cl, job, task, datasets, drafts);
        }
        long checkTime = millis(run.getEndTime() != null ? run.getEndTime() : event.getEventTime());
        for (Dataset d : concat(event.getInputs(), event.getOutputs())) {
            if (d.getQuality() != null) {
                quality(d, datasets.get(d.qualifiedName()), run, checkTime, drafts, p);
            }
        }
        p.entities.addAll(drafts.values());
        return p;
    }

    /** The dataset entity plus, for column-capable stores, how to name and parent its columns. */
    private static final class DatasetEntities {
        final EntityDraft dataset;
        final String columnType;
        final Dataset source;

        DatasetEntities(EntityDraft dataset, String columnType, Dataset source) {
            this.dataset = dataset;
            this.columnType = columnType;
            this.source = source;
        }
    }

    private DatasetEntities datasetEntities(Dataset d, Map<String, EntityDraft> drafts) {
        String qn = d.qualifiedName();
        switch (d.getKind()) {
            case HIVE_TABLE: {
                EntityDraft db = put(drafts, new EntityDraft("hive_db", lower(d.getDatabase() + "@" + d.getNamespace()), 1)
                        .attr("name", d.getDatabase()).attr("clusterName", d.getNamespace()));
                EntityDraft t = put(drafts, new EntityDraft("hive_table", qn, 2).attr("name", d.getTable())
                        .rel("db", db.ref()));
                DatasetEntities de = new DatasetEntities(t, "hive_column", d);
                for (SchemaField f : d.getFields()) {
                    column(de, f.getName(), f.getType(), f.getDescription(), drafts);
                }
                return de;
            }
            case KAFKA_TOPIC:
                return new DatasetEntities(put(drafts, new EntityDraft("kafka_topic", qn, 2)
                        .attr("name", d.getName()).attr("topic", d.getName()).attr("uri", d.getName())), null, d);
            case HDFS_PATH:
                return new DatasetEntities(put(drafts, new EntityDraft("hdfs_path", qn, 2)
                        .attr("name", d.getName()).attr("path", d.getName()).attr("clusterName", d.getNamespace())),
                        null, d);
            case FILE:
                return new DatasetEntities(put(drafts, new EntityDraft("fs_path", qn, 2)
                        .attr("name", d.getName()).attr("path", d.getName())), null, d);
            case JDBC_TABLE:
            case CLICKHOUSE_TABLE: {
                String alias = d.getNamespace();
                EntityDraft instance = put(drafts, new EntityDraft("rdbms_instance", lower(alias + "@" + namespace), 0)
                        .attr("name", alias).attr("rdbms_type", d.getPlatform() == null ? "unknown" : d.getPlatform()));
                EntityDraft db = put(drafts, new EntityDraft("rdbms_db", lower(d.getDatabase() + "@" + alias), 1)
                        .attr("name", d.getDatabase()).rel("instance", instance.ref()));
                String tableName = d.getSchema() == null ? d.getTable() : d.getSchema() + "." + d.getTable();
                EntityDraft t = new EntityDraft(d.getKind() == DatasetKind.CLICKHOUSE_TABLE ? "clickhouse_table"
                        : "rdbms_table", qn, 2).attr("name", tableName).rel("db", db.ref());
                if (d.getKind() == DatasetKind.CLICKHOUSE_TABLE) {
                    t.attr("engine", d.getProperties().get("engine"))
                            .attr("partitionKey", d.getProperties().get("partitionKey"))
                            .attr("sortingKey", d.getProperties().get("sortingKey"));
                }
                put(drafts, t);
                DatasetEntities de = new DatasetEntities(t, "rdbms_column", d);
                for (SchemaField f : d.getFields()) {
                    column(de, f.getName(), f.getType(), f.getDescription(), drafts);
                }
                return de;
            }
            default:
                throw new IllegalArgumentException("dataset kind " + d.getKind() + " has no Atlas mapping");
        }
    }

    /** A column entity (created if the event did not list it in the schema), always with its table reference. */
    private static EntityDraft column(DatasetEntities de, String name, String type, String description,
            Map<String, EntityDraft> drafts) {
        String qn = de.source.columnQualifiedName(name);
        EntityDraft existing = drafts.get(de.columnType + "|" + qn);
        if (existing != null && (type == null || existing.attributes.containsKey("type")
                || existing.attributes.containsKey("data_type"))) {
            return existing;
        }
        EntityDraft c = new EntityDraft(de.columnType, qn, 3).attr("name", name).attr("description", description);
        if ("hive_column".equals(de.columnType)) {
            c.attr("type", type == null ? "unknown" : type);
        } else {
            c.attr("data_type", type);
        }
        c.rel("table", de.dataset.ref());
        drafts.put(c.key(), c);
        return c;
    }

    private void columnLineage(ColumnLineage cl, Job job, EntityDraft task, Map<String, DatasetEntities> datasets,
            Map<String, EntityDraft> drafts) {
        DatasetEntities out = datasets.get(cl.getOutput().getDataset());
        if (out == null || out.columnType == null) {
            return; // topics/paths have no column entities in Atlas
        }
        List<EntityDraft.Ref> inputs = new ArrayList<>();
        for (ColumnRef in : cl.getInputs()) {
            DatasetEntities src = datasets.get(in.getDataset());
            if (src != null && src.columnType != null) {
                inputs.add(column(src, in.getColumn(), fieldType(src.source, in.getColumn()), null, drafts).ref());
            }
        }
        if (inputs.isEmpty()) {
            return;
        }
        EntityDraft outCol = column(out, cl.getOutput().getColumn(), fieldType(out.source, cl.getOutput().getColumn()),
                null, drafts);
        List<EntityDraft.Ref> outputs = new ArrayList<>();
        outputs.add(outCol.ref());
        put(drafts, new EntityDraft(COLUMN_LINEAGE, DsNames.columnLineage(job, namespace, outCol.qualifiedName), 5)
                .attr("name", out.source.getName() + "." + cl.getOutput().getColumn())
                .attr("expression", cl.getTransformation())
                .attr("dependencyType", ColumnLineage.IDENTITY.equals(cl.getTransformation()) ? "SIMPLE" : "EXPRESSION")
                .rel("inputs", inputs).rel("outputs", outputs).rel("task", task.ref()));
    }

    private static String fieldType(Dataset d, String column) {
        for (SchemaField f : d.getFields()) {
            if (f.getName().equalsIgnoreCase(column)) {
                return f.getType();
            }
        }
        return null;
    }

    private static void quality(Dataset d, DatasetEntities de, Run run, long checkTime, Map<String, EntityDraft> drafts,
            AtlasPayload p) {
        List<EntityDraft.Ref> rules = new ArrayList<>();
        for (QualityCheck c : d.getQuality().getChecks()) {
            String ruleQn = DsNames.qualityRule(c.getRuleCode(), d.qualifiedName());
            String status = c.isPassed() ? "PASSED" : "FAILED";
            EntityDraft rule = put(drafts, new EntityDraft(DQ_RULE, ruleQn, 3)
                    .attr("name", c.getRuleName()).attr("ruleCode", c.getRuleCode()).attr("ruleType", c.getRuleType())
                    .attr("column", c.getColumn()).attr("expected", c.getExpected()).attr("lastStatus", status)
                    .attr("lastObserved", c.getObserved()).attr("lastMessage", c.getMessage())
                    .attr("lastCheckTime", checkTime)
                    .rel("dataset", de.dataset.ref()));
            rules.add(rule.ref());
            put(drafts, new EntityDraft(DQ_CHECK_RUN, DsNames.qualityCheckRun(ruleQn, run), 4)
                    .attr("name", c.getRuleCode() + " #" + run.getTaskInstanceId()).attr("status", status)
                    .attr("observed", c.getObserved()).attr("expected", c.getExpected()).attr("message", c.getMessage())
                    .attr("checkTime", checkTime).attr("taskInstanceId", run.getTaskInstanceId())
                    .rel("rule", rule.ref()));
        }
        p.quality.add(new AtlasPayload.QualityUpdate(de.dataset.ref(), d.getQuality(), checkTime, rules));
    }

    private static List<EntityDraft.Ref> refs(List<Dataset> ds, Map<String, DatasetEntities> datasets) {
        List<EntityDraft.Ref> out = new ArrayList<>();
        for (Dataset d : ds) {
            out.add(datasets.get(d.qualifiedName()).dataset.ref());
        }
        return out;
    }

    private static List<Dataset> concat(List<Dataset> a, List<Dataset> b) {
        List<Dataset> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static EntityDraft put(Map<String, EntityDraft> drafts, EntityDraft d) {
        drafts.put(d.key(), d);
        return d;
    }

    private static Long millis(Instant t) {
        return t == null ? null : t.toEpochMilli();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
