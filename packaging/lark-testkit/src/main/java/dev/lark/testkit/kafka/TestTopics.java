package dev.lark.testkit.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes test input to a topic and reads back everything a topic holds, for integration tests against the sandbox
 * Kafka. kafka-clients is a {@code provided} dependency of the test kit: each test module brings its own (the Flink
 * connector pins 3.4, the engines 4.1); only calls that exist in both are used here.
 */
public final class TestTopics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestTopics() {
    }

    /** Sends {@code values} without keys, in order, and waits until the broker has acknowledged all of them. */
    public static void produce(String bootstrap, String topic, List<String> values) {
        send(bootstrap, topic, values, false);
    }

    /**
     * Sends {@code values} keyed by their index ("0", "1", ...), so they spread over the topic's partitions, and
     * waits until the broker has acknowledged all of them.
     */
    public static void produceKeyed(String bootstrap, String topic, List<String> values) {
        send(bootstrap, topic, values, true);
    }

    private static void send(String bootstrap, String topic, List<String> values, boolean keyed) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // idempotent (the default with acks=all) keeps the order of the values within a partition
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            int i = 0;
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, keyed ? Integer.toString(i) : null, v));
                i++;
            }
            producer.flush();
        }
    }

    /**
     * Every record value of every partition, as a {@code read_committed} consumer sees them (for a transactional
     * writer: committed transactions only; its end offset is then the last stable offset), partition by partition.
     */
    public static List<String> readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                    .collect(Collectors.toList());
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                long end = ends.get(tp);
                while (c.position(tp) < end) {
                    for (ConsumerRecord<String, String> rec : c.poll(Duration.ofSeconds(1))) {
                        if (rec.offset() < end) {
                            out.add(rec.value());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** {@link #readAll}, each value parsed as JSON. */
    public static List<JsonNode> readAllJson(String bootstrap, String topic) {
        List<JsonNode> out = new ArrayList<>();
        for (String v : readAll(bootstrap, topic)) {
            try {
                out.add(JSON.readTree(v));
            } catch (IOException e) {
                throw new UncheckedIOException("a record of topic " + topic + " is not JSON: " + v, e);
            }
        }
        return out;
    }
}
