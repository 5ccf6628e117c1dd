package dev.lark.lineage.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.model.ColumnRef;
import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.EventType;
import dev.lark.lineage.model.Job;
import dev.lark.lineage.model.QualityCheck;
import dev.lark.lineage.model.QualityFacet;
import dev.lark.lineage.model.Run;
import dev.lark.lineage.model.RunEvent;
import dev.lark.lineage.model.RunState;
import dev.lark.lineage.naming.Datasets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AtlasEntityMapperTest {

    static RunEvent event(long ti) {
        Dataset src = Datasets.jdbcTable("mariadb", "mariadb-main", "shop", null, "orders")
                .field("id", "bigint").field("amount", "decimal(10,2)").build();
        Dataset dst = Datasets.clickhouseTable("ch-prod", "dwd", "orders").field("id", "Int64")
                .field("amount", "Decimal(10,2)").property("engine", "MergeTree")
                .quality(QualityFacet.of(QualityCheck.builder().ruleCode("not_empty").ruleType("row_count")
                        .passed(true).observed("10").build(),
                        QualityCheck.builder().ruleCode("amount_nn").ruleType("null_ratio").passed(false)
                                .observed("0.1").build()))
                .build();
        return RunEvent.builder().eventType(EventType.COMPLETE)
                .job(Job.builder().projectCode(11).projectName("shop").workflowCode(22).workflowName("daily")
                        .taskCode(33).taskName("load").taskType("LARK_INGEST").build())
                .run(Run.builder().taskInstanceId(ti).workflowInstanceId(7).state(RunState.SUCCESS)
                        .startTime(Instant.ofEpochMilli(1000)).endTime(Instant.ofEpochMilli(2000)).build())
                .input(src).output(dst)
                .addColumnLineage(ColumnLineage.identity(ColumnRef.of(src, "id"), ColumnRef.of(dst, "id")))
                .addColumnLineage(new ColumnLineage(ColumnRef.of(dst, "amount"),
                        Arrays.asList(ColumnRef.of(src, "amount"), ColumnRef.of(src, "id")), "amount * 1"))
                .build();
    }

    private static Map<String, EntityDraft> byQn(AtlasPayload p) {
        return p.entities.stream().collect(Collectors.toMap(e -> e.typeName + ":" + e.qualifiedName,
                Function.identity()));
    }

    @Test
    void mapsTheWholeChainWithAtlasStyleNames() {
        Map<String, EntityDraft> e = byQn(new AtlasEntityMapper("primary").map(event(100)));
        assertThat(e).containsKeys(
                "rdbms_instance:mariadb-main@primary", "rdbms_db:shop@mariadb-main",
                "rdbms_table:shop.orders@mariadb-main", "rdbms_column:shop.orders.id@mariadb-main",
                "rdbms_instance:ch-prod@primary", "rdbms_db:dwd@ch-prod", "clickhouse_table:dwd.orders@ch-prod",
                "rdbms_column:dwd.orders.amount@ch-prod",
                "lark_ds_project:ds.11@primary", "lark_ds_workflow:ds.11.22@primary",
                "lark_ds_task:ds.11.22.33@primary", "lark_ds_workflow_instance:ds.11.22.wi7@primary",
                "lark_ds_task_instance:ds.11.22.33.ti100@primary",
                "lark_column_lineage:ds.11.22.33@primary:dwd.orders.amount@ch-prod",
                "lark_dq_rule:dq.amount_nn:dwd.orders@ch-prod",
                "lark_dq_check_run:dq.amount_nn:dwd.orders@ch-prod:ti100");
        EntityDraft task = e.get("lark_ds_task:ds.11.22.33@primary");
        assertThat(task.relationshipAttributes.get("inputs").toString()).isEqualTo("[rdbms_table|shop.orders@mariadb-main]");
        assertThat(task.relationshipAttributes.get("outputs").toString()).isEqualTo("[clickhouse_table|dwd.orders@ch-prod]");
        assertThat(e.get("clickhouse_table:dwd.orders@ch-prod").attributes).containsEntry("engine", "MergeTree");
        EntityDraft cl = e.get("lark_column_lineage:ds.11.22.33@primary:dwd.orders.amount@ch-prod");
        assertThat((List<?>) cl.relationshipAttributes.get("inputs")).hasSize(2);
        assertThat(cl.attributes).containsEntry("dependencyType", "EXPRESSION");
    }

    @Test
    void compositionChildrenAlwaysCarryTheirParent() {
        for (EntityDraft d : new AtlasEntityMapper("primary").map(event(1)).entities) {
            switch (d.typeName) {
                case "rdbms_column": assertThat(d.relationshipAttributes).containsKey("table"); break;
                case "rdbms_table": case "clickhouse_table": assertThat(d.relationshipAttributes).containsKey("db"); break;
                case "rdbms_db": assertThat(d.relationshipAttributes).containsKey("instance"); break;
                case "lark_ds_task_instance": assertThat(d.relationshipAttributes).containsKeys("task", "workflowInstance"); break;
                case "lark_column_lineage": assertThat(d.relationshipAttributes).containsKey("task"); break;
                case "lark_dq_check_run": assertThat(d.relationshipAttributes).containsKey("rule"); break;
                case "lark_ds_workflow_instance": assertThat(d.relationshipAttributes).containsKey("workflow"); break;
                default: break;
            }
        }
    }

    @Test
    void everyReferenceTargetIsSentInTheSamePayload() {
        AtlasPayload p = new AtlasEntityMapper("primary").map(event(1));
        List<String> keys = p.entities.stream().map(EntityDraft::key).collect(Collectors.toList());
        List<String> refs = new ArrayList<>();
        for (EntityDraft d : p.entities) {
            for (Object v : d.relationshipAttributes.values()) {
                if (v instanceof EntityDraft.Ref) {
                    refs.add(((EntityDraft.Ref) v).key());
                } else {
                    ((List<?>) v).forEach(r -> refs.add(((EntityDraft.Ref) r).key()));
                }
            }
        }
        assertThat(keys).containsAll(refs); // nothing Atlas would have to invent as a placeholder
        assertThat(p.quality).singleElement().satisfies(q -> {
            assertThat(q.facet.rulesFailed()).isEqualTo(1);
            assertThat(q.dataset.key()).isEqualTo("clickhouse_table|dwd.orders@ch-prod");
        });
    }

    @Test
    void bulkBodiesRespectLimitsAndOrder() throws Exception {
        AtlasPayload p = new AtlasEntityMapper("primary").map(event(1));
        List<EntityDraft> ordered = BulkRequests.mergeAndOrder(p.entities);
        List<byte[]> one = BulkRequests.split(ordered, 1000, 1 << 20);
        assertThat(one).hasSize(1);
        List<byte[]> perEntity = BulkRequests.split(ordered, 1, 1 << 20);
        assertThat(perEntity).hasSize(ordered.size());
        List<byte[]> small = BulkRequests.split(ordered, 1000, 4096);
        assertThat(small.size()).isGreaterThan(1);
        List<String> seen = new ArrayList<>();
        for (byte[] body : small) {
            assertThat(body.length).isLessThanOrEqualTo(4096);
            JsonNode root = AtlasRestClient.JSON.readTree(body);
            List<String> inBody = new ArrayList<>();
            root.path("entities").forEach(en -> inBody.add(en.path("typeName").asText() + "|"
                    + en.path("attributes").path("qualifiedName").asText()));
            for (JsonNode en : root.path("entities")) {
                en.path("relationshipAttributes").forEach(r -> {
                    for (JsonNode id : r.isArray() ? r : AtlasRestClient.JSON.createArrayNode().add(r)) {
                        String key = id.path("typeName").asText() + "|" + id.path("uniqueAttributes").path("qualifiedName").asText();
                        // a target in an earlier body is referenced without a temporary guid
                        if (seen.contains(key)) {
                            assertThat(id.has("guid")).isFalse();
                        } else {
                            assertThat(inBody).contains(key);
                            assertThat(id.path("guid").asText()).startsWith("-");
                        }
                    }
                });
            }
            seen.addAll(inBody);
        }
        assertThat(seen).hasSize(ordered.size());
    }

    @Test
    void mergingKeepsTheLatestVersionOfAnEntity() {
        AtlasPayload a = new AtlasEntityMapper("primary").map(event(1));
        AtlasPayload b = new AtlasEntityMapper("primary").map(event(2));
        List<EntityDraft> all = new ArrayList<>(a.entities);
        all.addAll(b.entities);
        List<EntityDraft> merged = BulkRequests.mergeAndOrder(all);
        EntityDraft task = merged.stream().filter(d -> d.typeName.equals("lark_ds_task")).findFirst().get();
        assertThat(merged.stream().filter(d -> d.typeName.equals("lark_ds_task"))).hasSize(1);
        assertThat(merged.stream().filter(d -> d.typeName.equals("lark_ds_task_instance"))).hasSize(2);
        assertThat(task).isSameAs(b.entities.stream().filter(d -> d.typeName.equals("lark_ds_task")).findFirst().get());
    }

    @Test
    void typedefsAreConsistent() {
        List<String> ours = AtlasTypedefs.typeNames();
        assertThat(ours).contains("lark_ds_task", "lark_ds_task_instance", "clickhouse_table", "DataQuality",
                "DataQualityIssue", "lark_dq_rule", "lark_dq_check_run", "lark_column_lineage");
        JsonNode defs = AtlasTypedefs.definitions();
        List<String> builtIn = Arrays.asList("DataSet", "Process", "ProcessExecution", "Asset", "rdbms_table");
        defs.path("relationshipDefs").forEach(r -> {
            assertThat(ours.contains(r.path("endDef1").path("type").asText())
                    || builtIn.contains(r.path("endDef1").path("type").asText())).isTrue();
            assertThat(ours).contains(r.path("endDef2").path("type").asText());
        });
    }

    @Test
    void configNeverPrintsThePassword() {
        AtlasSinkConfig c = AtlasSinkConfig.fromProperties(Map.of(AtlasSinkConfig.URL, "http://127.0.0.1:21000/",
                AtlasSinkConfig.PASSWORD, "s3cr3t!"));
        assertThat(c.toString()).doesNotContain("s3cr3t!").contains("******");
        assertThat(c.url().toString()).isEqualTo("http://127.0.0.1:21000");
    }
}
