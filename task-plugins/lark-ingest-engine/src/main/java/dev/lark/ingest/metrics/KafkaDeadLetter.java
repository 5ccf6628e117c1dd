package dev.lark.ingest.metrics;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Dirty records as JSON messages on a Kafka topic, keyed by the job key; sent synchronously (nothing lost). */
final class KafkaDeadLetter implements DeadLetter {
    private final String servers;
    private final String topic;
    private final String jobKey;
    private KafkaProducer<String, String> producer;

    KafkaDeadLetter(String servers, String topic, String jobKey) {
        this.servers = servers;
        this.topic = topic;
        this.jobKey = jobKey;
    }

    @Override
    public synchronized void write(String stage, List<String> columns, Object[] values, String raw, String reason)
            throws Exception {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        producer.send(new ProducerRecord<>(topic, jobKey, FileDeadLetter.toJsonString(stage, columns, values, raw,
                reason))).get(60, TimeUnit.SECONDS);
    }

    @Override
    public String describe() {
        return "Kafka topic " + topic;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
