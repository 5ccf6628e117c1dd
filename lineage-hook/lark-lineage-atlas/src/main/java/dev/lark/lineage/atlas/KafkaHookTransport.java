package dev.lark.lineage.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends each bulk body as one HookNotification v2 message ({@code ENTITY_CREATE_V2}, the envelope Atlas's own hooks
 * use) to the {@code ATLAS_HOOK} topic. Idempotent producer, {@code acks=all}: a message is either in Kafka once or
 * the send fails and the dispatcher retries. Bodies are already split below {@code maxRequestBytes}, so no message
 * is too large. Because every referenced dataset is inside the same or an earlier message, Atlas's notification
 * consumer never has to create placeholder entities. {@code kafka-clients} is an optional dependency: it is needed
 * on the worker only with {@code lark.lineage.atlas.transport=kafka}.
 */
final class KafkaHookTransport implements EntityTransport {
    static final String PREFIX = "lark.lineage.atlas.kafka.";

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String user;
    private final String sourceIp;

    KafkaHookTransport(Map<String, String> props, AtlasSinkConfig config) {
        String bootstrap = props.get(PREFIX + "bootstrap");
        if (bootstrap == null || bootstrap.trim().isEmpty()) {
            throw new IllegalArgumentException(PREFIX + "bootstrap is required with lark.lineage.atlas.transport=kafka,"
                    + " e.g. 127.0.0.1:19027 (Atlas's notification Kafka)");
        }
        this.topic = props.getOrDefault(PREFIX + "topic", "ATLAS_HOOK");
        this.user = config.user();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(config.maxRequestBytes() + 64 * 1024));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "lark-lineage");
        // pass-through for security settings: lark.lineage.atlas.kafka.props.security.protocol=SASL_SSL, ...
        props.forEach((k, v) -> {
            if (k.startsWith(PREFIX + "props.")) {
                p.put(k.substring((PREFIX + "props.").length()), v);
            }
        });
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        String ip;
        try {
            ip = InetAddress.getLocalHost().getHostAddress();
        } catch (IOException e) {
            ip = "127.0.0.1";
        }
        this.sourceIp = ip;
    }

    @Override
    public String name() {
        return "atlas-kafka";
    }

    @Override
    public boolean synchronous() {
        return false;
    }

    @Override
    public void send(List<byte[]> bulkBodies) throws IOException, AtlasHttpException, InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (byte[] body : bulkBodies) {
            sent.add(producer.send(new ProducerRecord<>(topic, null, notification(body))));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RecordTooLargeException) {
                    throw new AtlasHttpException("SEND", topic, 413, e.getCause().getMessage()
                            + " (lower lark.lineage.atlas.maxRequestBytes or raise the topic's max.message.bytes)");
                }
                throw new IOException("Kafka send to " + topic + " failed: " + e.getCause(), e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("Kafka send to " + topic + " timed out", e);
            }
        }
    }

    /** The AtlasNotificationMessage envelope around an ENTITY_CREATE_V2 HookNotification. */
    byte[] notification(byte[] bulkBody) throws IOException {
        JsonNode bulk = AtlasRestClient.JSON.readTree(bulkBody);
        ObjectNode msg = AtlasRestClient.JSON.createObjectNode();
        ObjectNode version = msg.putObject("version");
        version.put("version", "1.0.0");
        version.putArray("versionParts").add(1);
        msg.put("msgCompressionKind", "NONE");
        msg.put("msgSplitIdx", 1);
        msg.put("msgSplitCount", 1);
        msg.put("msgSourceIP", sourceIp);
        msg.put("msgCreatedBy", user);
        msg.put("msgCreationTime", System.currentTimeMillis());
        ObjectNode m = msg.putObject("message");
        m.put("type", "ENTITY_CREATE_V2");
        m.put("user", user);
        ObjectNode entities = m.putObject("entities");
        entities.set("entities", bulk.get("entities"));
        entities.putObject("referredEntities");
        return AtlasRestClient.JSON.writeValueAsBytes(msg);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}
