package dev.lark.clean.task.job;

import dev.lark.clean.DeadLetter;
import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.engine.common.LineageReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Kafka topics as the output (one JSON object per record) and as the dead-letter sink (JSON with the reason). */
public final class KafkaOutputs {
    private KafkaOutputs() {
    }

    static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
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
    static void sendAll(KafkaProducer<byte[], byte[]> producer, String topic, List<byte[]> values) throws Exception {
        List<Future<RecordMetadata>> acks = new ArrayList<>(values.size());
        for (byte[] v : values) {
            acks.add(producer.send(new ProducerRecord<>(topic, v)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : acks) {
            f.get();
        }
    }

    public static final class RecordSink implements OutputSink {
        private final String bootstrap;
        private final String topic;
        private final KafkaProducer<byte[], byte[]> producer;

        public RecordSink(String bootstrap, String topic) {
            this.bootstrap = bootstrap;
            this.topic = topic;
            this.producer = producer(bootstrap);
        }

        @Override
        public void prepare(OutputSchema schema) {
            // topics carry JSON; nothing to create
        }

        @Override
        public void write(List<OutputRecord> records) throws Exception {
            List<byte[]> values = new ArrayList<>(records.size());
            for (OutputRecord r : records) {
                values.add(r.toJson().getBytes(StandardCharsets.UTF_8));
            }
            sendAll(producer, topic, values);
        }

        /** Kafka has no staging: records are visible as soon as written (consumers see a failed run's records). */
        @Override
        public void commit() {
        }

        @Override
        public void abort() {
        }

        @Override
        public LineageReport.Dataset dataset() {
            return LineageReport.Dataset.of("kafka", bootstrap, topic);
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    public static final class DeadLetters implements DeadLetterOutput {
        private final String topic;
        private final KafkaProducer<byte[], byte[]> producer;

        public DeadLetters(String bootstrap, String topic) {
            this.topic = topic;
            this.producer = producer(bootstrap);
        }

        @Override
        public void write(List<DeadLetter> deadLetters) throws Exception {
            List<byte[]> values = new ArrayList<>(deadLetters.size());
            for (DeadLetter d : deadLetters) {
                values.add(d.toJson().toString().getBytes(StandardCharsets.UTF_8));
            }
            sendAll(producer, topic, values);
        }

        @Override
        public String describe() {
            return "kafka topic " + topic;
        }

        @Override
        public void close() {
            producer.close();
        }
    }
}
