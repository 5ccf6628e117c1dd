package dev.lark.it.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.LineageMetrics;
import dev.lark.lineage.atlas.AtlasSink;
import dev.lark.lineage.atlas.AtlasSinkConfig;
import dev.lark.lineage.atlas.AtlasTypedefs;
import dev.lark.lineage.journal.FsyncPolicy;
import dev.lark.lineage.journal.Journal;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lineage hook and its Atlas REST sink against the real Atlas 2.1.0 of the sandbox. */
@Sandboxed({"atlas"})
class AtlasLineageIT {
    @TempDir
    Path journalDir;

    private String url;
    private String user;
    private String password;
    private AtlasApi atlas;

    @BeforeEach
    void endpoints(SandboxEndpoints endpoints) {
        url = endpoints.get("atlas", "restUrl");
        user = endpoints.get("atlas", "user");
        password = endpoints.get("atlas", "password");
        atlas = new AtlasApi(url, user, password);
    }

    private AtlasSinkConfig sinkConfig(String atlasUrl) {
        return AtlasSinkConfig.builder().url(atlasUrl).user(user).password(password).namespace("primary").build();
    }

    private LineageHook hook(String atlasUrl) throws Exception {
        LineageConfig config = LineageConfig.builder().journalDir(journalDir).fsync(FsyncPolicy.ALWAYS)
                .retryInitialDelay(Duration.ofMillis(200)).retryMaxDelay(Duration.ofSeconds(2)).build();
        return LineageHooks.open(config, new AtlasSink(sinkConfig(atlasUrl)));
    }

    private static long uniqueCode() {
        return 10_000_000L + ThreadLocalRandom.current().nextLong(80_000_000L);
    }

    @Test
    void typedefBootstrapIsIdempotent() throws Exception {
        AtlasSink sink = new AtlasSink(sinkConfig(url));
        // first time (or already done by another test): creates what is missing. Right after start Atlas may
        // still answer 500 for a moment; the hook retries that too
        await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> sink.bootstrap() != null);
        AtlasTypedefs.Result second = sink.bootstrap();
        assertThat(second.created()).isEmpty();
        assertThat(second.updated()).isEmpty();
        for (String name : AtlasTypedefs.typeNames()) {
            assertThat(atlas.get("/api/atlas/v2/types/typedef/name/" + name)).as(name).isNotNull();
        }
        JsonNode bm = atlas.get("/api/atlas/v2/types/typedef/name/DataQuality");
        assertThat(bm.get("category").asText()).isEqualTo("BUSINESS_METADATA");
        List<String> attrs = new ArrayList<>();
        bm.get("attributeDefs").forEach(a -> attrs.add(a.get("name").asText()));
        assertThat(attrs).containsExactlyInAnyOrder("score", "status", "rulesPassed", "rulesFailed", "lastCheckTime");
        assertThat(atlas.get("/api/atlas/v2/types/typedef/name/clickhouse_table").get("superTypes").toString())
                .contains("rdbms_table");
    }

    @Test
    void lineageApiReturnsTheChainThroughTheTaskProcessesWithExecutionsColumnsAndQuality() throws Exception {
        LineageEvents w = new LineageEvents(uniqueCode());
        try (LineageHook hook = hook(url)) {
            hook.emit(w.ingest(1, 1));
            hook.emit(w.load(2, 1, false));
            assertThat(hook.awaitIdle(Duration.ofMinutes(2))).isTrue();
            assertThat(hook.metrics().sent()).isEqualTo(2);
            assertThat(hook.metrics().parked()).isZero();
        }
        String dwdGuid = atlas.guid("clickhouse_table", w.dwd.qualifiedName());
        assertThat(dwdGuid).isNotNull();
        JsonNode lineage = atlas.lineage(dwdGuid, "INPUT", 6);
        Set<String> names = new HashSet<>();
        lineage.get("guidEntityMap").forEach(e -> {
            names.add(e.get("typeName").asText() + ":" + e.path("attributes").path("qualifiedName").asText());
            assertThat(e.path("isIncomplete").asBoolean(false)).as("placeholder %s", e).isFalse();
        });
        String ingestTask = "lark_ds_task:ds." + w.projectCode + "." + (w.projectCode + 100) + "." + (w.projectCode + 201) + "@primary";
        String loadTask = "lark_ds_task:ds." + w.projectCode + "." + (w.projectCode + 100) + "." + (w.projectCode + 202) + "@primary";
        assertThat(names).containsExactlyInAnyOrder(
                "clickhouse_table:" + w.dwd.qualifiedName(), loadTask,
                "clickhouse_table:" + w.ods.qualifiedName(), ingestTask,
                "rdbms_table:" + w.source.qualifiedName());
        assertThat(lineage.get("relations")).hasSize(4); // src->ingest->ods->load->dwd

        // task-instance executions hang off the task process
        JsonNode task = atlas.entity("lark_ds_task", ingestTask.substring("lark_ds_task:".length()));
        assertThat(task.path("relationshipAttributes").path("taskInstances")).hasSize(1);
        JsonNode ti = atlas.entity("lark_ds_task_instance",
                "ds." + w.projectCode + "." + (w.projectCode + 100) + "." + (w.projectCode + 201) + ".ti1@primary");
        assertThat(ti.path("attributes").path("state").asText()).isEqualTo("SUCCESS");
        assertThat(ti.path("attributes").path("runFacets").path("rowsWritten").asText()).isEqualTo("1000");

        // column lineage: dwd.total <- ods.amount <- source.amount
        JsonNode totalCol = atlas.entity("rdbms_column", w.dwd.columnQualifiedName("total"));
        JsonNode colLineage = atlas.lineage(totalCol.get("guid").asText(), "INPUT", 6);
        Set<String> cols = new HashSet<>();
        colLineage.get("guidEntityMap").forEach(e -> cols.add(e.path("attributes").path("qualifiedName").asText()));
        assertThat(cols).contains(w.ods.columnQualifiedName("amount"), w.source.columnQualifiedName("amount"));

        // quality: business metadata + non-propagating classification on the dataset, rule with latest result
        JsonNode dwd = atlas.entity("clickhouse_table", w.dwd.qualifiedName());
        JsonNode dq = dwd.path("businessAttributes").path("DataQuality");
        assertThat(dq.path("rulesPassed").asInt()).isEqualTo(1);
        assertThat(dq.path("rulesFailed").asInt()).isEqualTo(1);
        assertThat(dq.path("score").asDouble()).isEqualTo(50.0);
        assertThat(dq.path("status").asText()).isEqualTo("FAILED");
        assertThat(dwd.path("classifications")).anySatisfy(c -> {
            assertThat(c.path("typeName").asText()).isEqualTo("DataQualityIssue");
            assertThat(c.path("propagate").asBoolean(true)).isFalse();
            assertThat(c.path("attributes").path("failedRules").asText()).isEqualTo("total_positive");
        });
        // the classification did not propagate downstream or upstream
        JsonNode ods = atlas.entity("clickhouse_table", w.ods.qualifiedName());
        assertThat(ods.path("classifications").toString()).doesNotContain("DataQualityIssue");
    }

    @Test
    void emittingTheSameRunTwiceCreatesNoDuplicatesOnlyNewExecutions() throws Exception {
        LineageEvents w = new LineageEvents(uniqueCode());
        try (LineageHook hook = hook(url)) {
            hook.emit(w.ingest(11, 5));
            hook.emit(w.load(12, 5, true));
            assertThat(hook.awaitIdle(Duration.ofMinutes(2))).isTrue();
        }
        String odsGuid = atlas.guid("clickhouse_table", w.ods.qualifiedName());
        String taskQn = "ds." + w.projectCode + "." + (w.projectCode + 100) + "." + (w.projectCode + 201) + "@primary";
        String taskGuid = atlas.guid("lark_ds_task", taskQn);
        try (LineageHook hook = hook(url)) {
            hook.emit(w.ingest(11, 5));          // the same run again (a redelivery)
            hook.emit(w.load(12, 5, true));
            hook.emit(w.ingest(21, 6));          // the workflow's second run
            hook.emit(w.load(22, 6, true));
            assertThat(hook.awaitIdle(Duration.ofMinutes(2))).isTrue();
            assertThat(hook.metrics().sent()).isEqualTo(4);
        }
        assertThat(atlas.guid("clickhouse_table", w.ods.qualifiedName())).isEqualTo(odsGuid);
        assertThat(atlas.guid("lark_ds_task", taskQn)).isEqualTo(taskGuid);
        String code = Long.toString(w.projectCode);
        assertThat(atlas.search("DataSet", code).stream().map(e -> e.get("typeName").asText()).filter(t -> t.endsWith("_table")))
                .hasSize(3); // source, ods, dwd: nothing twice
        assertThat(atlas.search("lark_ds_task", "ds." + code + ".")).hasSize(2);
        assertThat(atlas.search("lark_ds_task_instance", "ds." + code + ".")).hasSize(4); // 2 tasks x 2 runs
        assertThat(atlas.search("lark_ds_workflow_instance", "ds." + code + ".")).hasSize(2);
        JsonNode task = atlas.entity("lark_ds_task", taskQn);
        assertThat(activeCount(task.path("relationshipAttributes").path("inputs"))).isEqualTo(1);
        assertThat(activeCount(task.path("relationshipAttributes").path("outputs"))).isEqualTo(1);
        // passing quality removed nothing it should keep and left no issue tag
        JsonNode dwd = atlas.entity("clickhouse_table", w.dwd.qualifiedName());
        assertThat(dwd.path("classifications").toString()).doesNotContain("DataQualityIssue");
        assertThat(dwd.path("businessAttributes").path("DataQuality").path("status").asText()).isEqualTo("PASSED");
    }

    @Test
    void atlasOutageDelaysLineageButEveryEventArrivesWithoutDuplicatesOrPlaceholders() throws Exception {
        LineageEvents w = new LineageEvents(uniqueCode());
        URI atlasUri = URI.create(url);
        try (TcpOutageProxy proxy = new TcpOutageProxy(atlasUri.getHost(), atlasUri.getPort());
                LineageHook hook = hook("http://127.0.0.1:" + proxy.port())) {
            hook.emit(w.ingest(31, 9));
            assertThat(hook.awaitIdle(Duration.ofMinutes(2))).isTrue();

            proxy.down(); // Atlas unreachable: connection refused
            for (int run = 0; run < 10; run++) {
                hook.emit(w.ingest(100 + 2 * run, 20 + run));
                hook.emit(w.load(101 + 2 * run, 20 + run, run % 2 == 0));
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> hook.metrics().retried() >= 3);
            LineageMetrics during = hook.metrics();
            assertThat(during.queueDepth()).isEqualTo(20);
            assertThat(during.lastError()).isNotBlank();
            assertThat(atlas.search("lark_ds_task_instance", "ds." + w.projectCode + ".")).hasSize(1);
            assertThat(atlas.guid("clickhouse_table", w.dwd.qualifiedName())).isNull();

            proxy.up(); // Atlas back
            assertThat(hook.awaitIdle(Duration.ofMinutes(3))).isTrue();
            LineageMetrics after = hook.metrics();
            assertThat(after.sent()).isEqualTo(21);
            assertThat(after.parked()).isZero();
            assertThat(after.queueDepth()).isZero();
        }
        assertThat(Journal.open(journalDir, FsyncPolicy.NEVER).pendingCount()).isZero();
        String code = Long.toString(w.projectCode);
        assertThat(atlas.search("lark_ds_task_instance", "ds." + code + ".")).hasSize(21);
        assertThat(atlas.search("lark_ds_task", "ds." + code + ".")).hasSize(2);
        List<JsonNode> datasets = atlas.search("DataSet", code);
        assertThat(datasets.stream().map(e -> e.get("typeName").asText()).filter(t -> t.endsWith("_table"))).hasSize(3);
        for (JsonNode d : datasets) {
            JsonNode full = atlas.get("/api/atlas/v2/entity/guid/" + d.get("guid").asText() + "?minExtInfo=true");
            assertThat(full.path("entity").path("isIncomplete").asBoolean(false)).as("placeholder %s", d).isFalse();
        }
        // the last run's quality result (run 9 fails: 9 % 2 != 0) is the one on the dataset: order was kept
        JsonNode dwd = atlas.entity("clickhouse_table", w.dwd.qualifiedName());
        assertThat(dwd.path("businessAttributes").path("DataQuality").path("status").asText()).isEqualTo("FAILED");
        // history bounded: the rule keeps the last 10 check runs of 10
        JsonNode rule = atlas.entity("lark_dq_rule", "dq.total_positive:" + w.dwd.qualifiedName());
        assertThat(activeCount(rule.path("relationshipAttributes").path("checkRuns"))).isEqualTo(10);
        assertThat(rule.path("attributes").path("lastStatus").asText()).isEqualTo("FAILED");
    }

    /**
     * A parked event (as left by an earlier permanent rejection, with Atlas's answer) stays out of Atlas until it is
     * replayed (what {@code lark lineage replay --failed} does), then arrives like any other.
     */
    @Test
    void parkedEventsWaitForReplayAndThenArrive() throws Exception {
        LineageEvents w = new LineageEvents(uniqueCode());
        Journal journal = Journal.open(journalDir, FsyncPolicy.ALWAYS);
        journal.park(journal.append(dev.lark.lineage.model.LineageJson.toBytes(w.ingest(41, 12))),
                "POST /api/atlas/v2/entity/bulk -> HTTP 404: {\"errorCode\":\"ATLAS-404-00-004\"}");
        try (LineageHook hook = hook(url)) {
            hook.emit(w.load(42, 12, true));
            assertThat(hook.awaitIdle(Duration.ofMinutes(2))).isTrue();
            assertThat(hook.metrics().parked()).isEqualTo(1);
            assertThat(atlas.guid("rdbms_table", w.source.qualifiedName())).isNull(); // only the ingest event has it

            assertThat(journal.parked()).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("ATLAS-404-00-004"));
            assertThat(journal.replayParked(journal.parked())).isEqualTo(1);
            assertThat(hook.awaitIdle(Duration.ofMinutes(2))).isTrue();
            assertThat(hook.metrics().parked()).isZero();
            assertThat(hook.metrics().sent()).isEqualTo(2);
        }
        assertThat(atlas.guid("rdbms_table", w.source.qualifiedName())).isNotNull();
        assertThat(atlas.search("lark_ds_task_instance", "ds." + w.projectCode + ".")).hasSize(2);
    }

    private static int activeCount(JsonNode relatedObjects) {
        int n = 0;
        for (JsonNode r : relatedObjects) {
            if ("ACTIVE".equals(r.path("relationshipStatus").asText("ACTIVE"))
                    && "ACTIVE".equals(r.path("entityStatus").asText("ACTIVE"))) {
                n++;
            }
        }
        return n;
    }
}
