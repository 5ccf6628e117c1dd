package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The sandbox's KRaft broker takes records (acks=all, RF 1) and a consumer group reads every one back in order. */
@Sandboxed({"kafka"})
class KafkaSandboxIT {
    private static final int RECORDS = 1000;
    private static final int PARTITIONS = 3;

    @Test
    void producedRecordsAreConsumedInOrderPerPartition(SandboxEndpoints endpoints) throws Exception {
        String bootstrap = endpoints.get("kafka", "bootstrapServers");
        String topic = "lark-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<Node> nodes = new ArrayList<>(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS));
            assertThat(nodes).extracting(Node::host, Node::port).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("127.0.0.1", 19092));
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);

            Properties pp = new Properties();
            pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            pp.put(ProducerConfig.ACKS_CONFIG, "all");
            pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            pp.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < RECORDS; i++) {
                    producer.send(new ProducerRecord<>(topic, "key-" + (i % 10), "value-" + i));
                }
                producer.flush();
            }

            Properties cp = new Properties();
            cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            cp.put(ConsumerConfig.GROUP_ID_CONFIG, "lark-it-" + UUID.randomUUID());
            cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            List<ConsumerRecord<String, String>> got = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(cp, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of(topic));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (got.size() < RECORDS && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(got::add);
                }
            }

            assertThat(got).hasSize(RECORDS);
            assertThat(got).extracting(ConsumerRecord::value).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, RECORDS).mapToObj(i -> "value-" + i).collect(Collectors.toList()));
            // one key always lands on one partition, in the order it was sent
            for (int k = 0; k < 10; k++) {
                String key = "key-" + k;
                List<ConsumerRecord<String, String>> forKey = got.stream().filter(r -> r.key().equals(key))
                        .collect(Collectors.toList());
                assertThat(forKey).extracting(ConsumerRecord::partition).containsOnly(forKey.get(0).partition());
                assertThat(forKey).extracting(r -> Integer.parseInt(r.value().substring("value-".length())))
                        .isSorted().allMatch(i -> i % 10 == Integer.parseInt(key.substring(4)));
            }
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
    }
}
