package dev.lark.clean.job.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The producer settings shared by the Kafka output and the Kafka dead-letter topic. */
public final class KafkaProducers {
    private KafkaProducers() {
    }

    /** Idempotent, acks=all, lz4: a batch acknowledged by {@link #sendAll} is durable. */
    public static KafkaProducer<byte[], byte[]> create(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(p);
    }

    /** Sends all and waits for every ack, so a batch is durable (or the run fails) before the next is read. */
    public static void sendAll(KafkaProducer<byte[], byte[]> producer, String topic, List<byte[]> values) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
        for (byte[] v : values) {
            acks.add(producer.send(new ProducerRecord<>(topic, v)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : acks) {
            f.get();
        }
    }
}
