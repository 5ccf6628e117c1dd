package dev.lark.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kafkawriter (transactional) and kafkareader (bounded, JSON, dead-letter topic) against the sandbox's Kafka. */
@Sandboxed({"kafka"})
class KafkaIT {
    static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void streamToKafkaThenKafkaToFileWithBadMessagesInADeadLetterTopic(SandboxEndpoints ep) throws Exception {
        String bootstrap = ep.get("kafka", "bootstrapServers");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String topic = "ingest-it-" + run;
        String dead = "ingest-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1), new NewTopic(dead, 1, (short) 1))).all()
                    .get();
        }
        String toKafka = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2}},\"content\":[{\"reader\":{\"name\":"
                + "\"streamreader\",\"parameter\":{\"sliceRecordCount\":1500,\"column\":[{\"name\":\"id\",\"type\":"
                + "\"long\",\"incr\":\"1,1\"},{\"name\":\"city\",\"type\":\"string\",\"value\":\"Oslo\"}]}},\"writer\":"
                + "{\"name\":\"kafkawriter\",\"parameter\":{\"bootstrapServers\":\"" + bootstrap + "\",\"topic\":\""
                + topic + "\",\"keyColumn\":\"id\"}}}]}}";
        IngestResult w = IngestJob.parse(toKafka).workDir(tmp).run(ItSupport.context());
        assertThat(w.rowsWritten()).isEqualTo(3000);

        Properties pp = new Properties();
        pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> p = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
            p.send(new ProducerRecord<>(topic, 0, "bad", "this is not json")).get();
            p.send(new ProducerRecord<>(topic, 1, "bad", "{\"id\": \"seven\", \"city\": \"X\"}")).get();
        }

        Path out = tmp.resolve("out");
        String fromKafka = "{\"job\":{\"setting\":{\"speed\":{\"channel\":3},\"errorLimit\":{\"record\":5,"
                + "\"deadLetter\":{\"type\":\"topic\",\"bootstrapServers\":\"" + bootstrap + "\",\"topic\":\"" + dead
                + "\"}}},\"content\":[{\"reader\":{\"name\":\"kafkareader\",\"parameter\":{\"bootstrapServers\":\""
                + bootstrap + "\",\"topic\":\"" + topic + "\",\"column\":[{\"name\":\"id\",\"type\":\"long\"},{"
                + "\"name\":\"city\"},{\"name\":\"_partition\",\"type\":\"long\"}]}},\"writer\":{\"name\":"
                + "\"txtfilewriter\",\"parameter\":{\"path\":\"" + out + "\",\"fileName\":\"k\"}}}]}}";
        IngestResult r = IngestJob.parse(fromKafka).workDir(tmp).run(ItSupport.context());
        assertThat(r.rowsRead()).isEqualTo(3002);
        assertThat(r.rowsWritten()).isEqualTo(3000);
        assertThat(r.rowsDirty()).isEqualTo(2);
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(out)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        assertThat(lines).hasSize(3000);
        assertThat(lines.stream().map(l -> l.split(",")[0]).distinct().count()).isEqualTo(3000);

        List<JsonNode> dl = new ArrayList<>();
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cp, new StringDeserializer(),
                new StringDeserializer())) {
            TopicPartition tp = new TopicPartition(dead, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                for (ConsumerRecord<String, String> rec : c.poll(Duration.ofSeconds(1))) {
                    dl.add(M.readTree(rec.value()));
                }
            }
        }
        assertThat(dl).hasSize(2);
        assertThat(dl).anySatisfy(d -> assertThat(d.get("raw").asText()).isEqualTo("this is not json"));
        assertThat(dl).anySatisfy(d -> assertThat(d.get("reason").asText()).contains("seven").contains(
                "an integer"));
    }
}
