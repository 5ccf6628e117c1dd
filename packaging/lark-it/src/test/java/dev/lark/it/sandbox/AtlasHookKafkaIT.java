package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Atlas consumes a HookNotification v2 message ({@code ENTITY_CREATE_V2}, the JSON Atlas's own hooks send) from the
 * embedded Kafka's {@code ATLAS_HOOK} topic and stores its entities.
 */
@Sandboxed({"atlas"})
class AtlasHookKafkaIT {

    @Test
    void entityCreateMessageOnHookTopicAppearsInAtlas(SandboxEndpoints endpoints) throws Exception {
        AtlasHttp atlas = new AtlasHttp(endpoints);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dbName = "hook_db_" + run;
        String tableQn = dbName + ".events@lark-it";

        String message = hookNotification(endpoints.get("atlas", "user"),
                AtlasEntityRestIT.instanceDbTable("hook_" + run, dbName, "events"));

        RecordMetadata sent = send(endpoints, endpoints.get("atlas", "hookTopic"), tableQn, message);
        assertThat(sent.topic()).isEqualTo("ATLAS_HOOK");

        await("entity " + tableQn + " created from the hook message").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> atlas.entityByQualifiedName("rdbms_table", tableQn).statusCode() == 200);

        HttpResponse<String> read = atlas.entityByQualifiedName("rdbms_table", tableQn);
        JsonNode e = AtlasHttp.json(read).path("entity");
        assertThat(e.path("attributes").path("name").asText()).isEqualTo("events");
        assertThat(e.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(e.path("isIncomplete").asBoolean(false)).isFalse();
        JsonNode dbRef = e.path("relationshipAttributes").path("db");
        assertThat(dbRef.path("typeName").asText()).isEqualTo("rdbms_db");
        JsonNode dbRead = AtlasHttp.json(atlas.get("/api/atlas/v2/entity/guid/" + dbRef.path("guid").asText()));
        assertThat(dbRead.path("entity").path("attributes").path("qualifiedName").asText())
                .isEqualTo(dbName + "@lark-it");
    }

    /** The envelope Atlas's hooks put around a message: version 1.0.0, not compressed, not split. */
    static String hookNotification(String user, ObjectNode... entities) throws Exception {
        ObjectNode msg = AtlasHttp.JSON.createObjectNode();
        ObjectNode version = msg.putObject("version");
        version.put("version", "1.0.0");
        version.putArray("versionParts").add(1);
        msg.put("msgCompressionKind", "NONE");
        msg.put("msgSplitIdx", 1);
        msg.put("msgSplitCount", 1);
        msg.put("msgSourceIP", "127.0.0.1");
        msg.put("msgCreatedBy", user);
        msg.put("msgCreationTime", System.currentTimeMillis());
        ObjectNode body = msg.putObject("message");
        body.put("type", "ENTITY_CREATE_V2");
        body.put("user", user);
        ObjectNode withExtInfo = body.putObject("entities");
        for (ObjectNode e : entities) {
            withExtInfo.withArray("entities").add(e);
        }
        withExtInfo.putObject("referredEntities");
        return AtlasHttp.JSON.writeValueAsString(msg);
    }

    private static RecordMetadata send(SandboxEndpoints endpoints, String topic, String key, String value)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.get("atlas", "kafkaBootstrap"));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(60, TimeUnit.SECONDS);
        }
    }
}
