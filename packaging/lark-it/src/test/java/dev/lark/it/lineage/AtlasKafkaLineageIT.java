package dev.lark.it.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.atlas.AtlasSink;
import dev.lark.lineage.atlas.AtlasSinkConfig;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka transport: entities as HookNotification v2 ({@code ENTITY_CREATE_V2}) on Atlas's {@code ATLAS_HOOK}
 * topic, consumed by the real Atlas 2.1.0. Over Kafka Atlas turns a missing reference into a placeholder instead
 * of refusing it, so this checks that none appears.
 */
@Sandboxed({"atlas"})
class AtlasKafkaLineageIT {
    @TempDir
    Path journalDir;

    @Test
    void lineageSentThroughTheHookTopicArrivesCompleteWithoutPlaceholders(SandboxEndpoints endpoints) throws Exception {
        String url = endpoints.get("atlas", "restUrl");
        String user = endpoints.get("atlas", "user");
        String password = endpoints.get("atlas", "password");
        AtlasApi atlas = new AtlasApi(url, user, password);
        AtlasSinkConfig config = AtlasSinkConfig.builder().url(url).user(user).password(password).build();
        AtlasSink sink = AtlasSink.kafka(config, Map.of(
                "lark.lineage.atlas.kafka.bootstrap", endpoints.get("atlas", "kafkaBootstrap"),
                "lark.lineage.atlas.kafka.topic", endpoints.get("atlas", "hookTopic")));
        assertThat(sink.name()).isEqualTo("atlas-kafka");
        LineageEvents w = new LineageEvents(10_000_000L + ThreadLocalRandom.current().nextLong(80_000_000L));
        try (LineageHook hook = LineageHooks.open(LineageConfig.builder().journalDir(journalDir)
                .retryInitialDelay(Duration.ofMillis(500)).retryMaxDelay(Duration.ofSeconds(5)).build(), sink)) {
            hook.emit(w.ingest(1, 1));
            hook.emit(w.load(2, 1, false));
            assertThat(hook.awaitIdle(Duration.ofMinutes(3))).isTrue();
            assertThat(hook.metrics().sent()).isEqualTo(2);
        }
        // Atlas consumes the topic asynchronously
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> atlas.guid("clickhouse_table", w.dwd.qualifiedName()) != null);
        String taskQn = "ds." + w.projectCode + "." + (w.projectCode + 100) + "." + (w.projectCode + 202) + "@primary";
        await().atMost(Duration.ofMinutes(2)).ignoreExceptions()
                .until(() -> atlas.guid("lark_ds_task", taskQn) != null);
        JsonNode lineage = atlas.lineage(atlas.guid("clickhouse_table", w.dwd.qualifiedName()), "INPUT", 6);
        Set<String> types = new HashSet<>();
        lineage.get("guidEntityMap").forEach(e -> {
            types.add(e.get("typeName").asText() + ":" + e.path("attributes").path("qualifiedName").asText());
            assertThat(e.path("isIncomplete").asBoolean(false)).as("placeholder %s", e).isFalse();
        });
        assertThat(types).contains("rdbms_table:" + w.source.qualifiedName(), "clickhouse_table:" + w.ods.qualifiedName(),
                "lark_ds_task:" + taskQn);
        for (JsonNode d : atlas.search("DataSet", Long.toString(w.projectCode))) {
            JsonNode full = atlas.get("/api/atlas/v2/entity/guid/" + d.get("guid").asText() + "?minExtInfo=true");
            assertThat(full.path("entity").path("isIncomplete").asBoolean(false)).as("placeholder %s", d).isFalse();
        }
        JsonNode dwd = atlas.entity("clickhouse_table", w.dwd.qualifiedName());
        assertThat(dwd.path("businessAttributes").path("DataQuality").path("rulesFailed").asInt()).isEqualTo(1);
    }
}
