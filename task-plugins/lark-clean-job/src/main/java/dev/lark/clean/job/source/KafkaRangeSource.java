package dev.lark.clean.job.source;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A Kafka topic between start offsets and the end offsets seen when the run starts (new messages arriving during the
 * run are left for the next run). Start = "earliest", "committed" (the consumer group's committed offsets, else
 * earliest) or explicit "partition:offset,...". With a consumer group the end offsets are committed after success.
 */
public final class KafkaRangeSource implements InputSource {
    private final String bootstrap;
    private final String topic;
    private final String group;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> end = new HashMap<>();
    private final Map<TopicPartition, Long> start = new HashMap<>();
    private final long expected;

    public KafkaRangeSource(String bootstrap, String topic, String startOffsets, String group) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.group = group == null || group.isEmpty() ? null : group;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        if (this.group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, this.group);
        }
        consumer = new KafkaConsumer<>(p);
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw ConfigException.invalid("sourceTopic", topic, "the topic does not exist on " + bootstrap);
        }
        List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topic, i.partition())).collect(Collectors.toList());
        consumer.assign(parts);
        end.putAll(consumer.endOffsets(parts));
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(parts);
        String s = startOffsets == null || startOffsets.isEmpty() ? "earliest" : startOffsets.trim();
        if (s.equals("earliest")) {
            start.putAll(begin);
        } else if (s.equals("committed")) {
            if (this.group == null) {
                consumer.close();
                throw ConfigException.invalid("startOffsets", s, "\"committed\" needs a consumerGroup");
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(parts));
            for (TopicPartition tp : parts) {
                OffsetAndMetadata o = committed.get(tp);
                start.put(tp, o == null ? begin.get(tp) : o.offset());
            }
        } else {
            start.putAll(begin);
            for (String pair : s.split(",")) {
                String[] kv = pair.trim().split(":");
                if (kv.length != 2) {
                    consumer.close();
                    throw ConfigException.invalid("startOffsets", s, "use earliest, committed or partition:offset,partition:offset");
                }
                try {
                    start.put(new TopicPartition(topic, Integer.parseInt(kv[0].trim())), Long.parseLong(kv[1].trim()));
                } catch (NumberFormatException e) {
                    consumer.close();
                    throw ConfigException.invalid("startOffsets", s, "use earliest, committed or partition:offset,partition:offset");
                }
            }
        }
        long n = 0;
        for (TopicPartition tp : parts) {
            long from = Math.max(start.get(tp), begin.get(tp));
            start.put(tp, from);
            consumer.seek(tp, from);
            n += Math.max(0, end.get(tp) - from);
        }
        expected = n;
    }

    @Override
    public List<String> poll() {
        while (true) {
            List<TopicPartition> open = new ArrayList<>();
            for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                if (consumer.position(e.getKey()) < e.getValue()) {
                    open.add(e.getKey());
                }
            }
            if (open.isEmpty()) {
                return null;
            }
            ConsumerRecords<byte[], byte[]> recs = consumer.poll(Duration.ofSeconds(2));
            List<String> batch = new ArrayList<>(recs.count());
            for (ConsumerRecord<byte[], byte[]> r : recs) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < end.get(tp)) {
                    batch.add(r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8));
                }
            }
            // records past the end offset are not ours: rewind so the next run (or nobody) reads them
            for (TopicPartition tp : recs.partitions()) {
                if (consumer.position(tp) > end.get(tp)) {
                    consumer.seek(tp, end.get(tp));
                }
            }
            if (!batch.isEmpty()) {
                return batch;
            }
        }
    }

    @Override
    public void commit() {
        if (group != null) {
            Map<TopicPartition, OffsetAndMetadata> m = new HashMap<>();
            end.forEach((tp, o) -> m.put(tp, new OffsetAndMetadata(o)));
            consumer.commitSync(m);
        }
    }

    @Override
    public long expectedRecords() {
        return expected;
    }

    @Override
    public String position() {
        Map<Integer, Long> m = new TreeMap<>();
        end.forEach((tp, o) -> m.put(tp.partition(), o));
        return m.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("kafka", bootstrap, topic);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
