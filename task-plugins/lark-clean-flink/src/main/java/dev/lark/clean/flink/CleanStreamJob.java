package dev.lark.clean.flink;

import dev.lark.engine.common.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Stream mode of LARK_CLEAN's cleaning config: Kafka topic -> {@link CleanFunction} -> Kafka topic of cleaned
 * records (JSON), failed records -> dead-letter topic. Offsets are committed to the consumer group on checkpoints,
 * so a restarted job (or one resumed from a savepoint) continues where it stopped.
 *
 * <pre>
 * flink run -c dev.lark.clean.flink.CleanStreamJob lark-clean-flink-VERSION-job.jar --config-file nginx.json \
 *     --bootstrap-servers 127.0.0.1:9092 --source-topic raw --sink-topic clean --dead-letter-topic clean-dead
 * </pre>
 */
public final class CleanStreamJob {
    private CleanStreamJob() {
    }

    public static void main(String[] args) throws Exception {
        CleanStreamOptions options;
        try {
            options = CleanStreamOptions.fromArgs(args);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("lark-clean stream job: " + e.getMessage(), e);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, options);
        env.execute(options.jobName());
    }

    /** Adds the pipeline to {@code env}: source, cleaning, the two sinks; checkpointing every interval. */
    public static void build(StreamExecutionEnvironment env, CleanStreamOptions o) {
        env.enableCheckpointing(o.checkpointIntervalMs());
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setTopics(o.sourceTopic())
                .setGroupId(o.groupId())
                .setStartingOffsets(startingOffsets(o.startingOffsets()))
                .setDeserializer(new ValueAsText())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .setProperty("isolation.level", "read_committed")
                .build();
        SingleOutputStreamOperator<String> cleaned = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "kafka " + o.sourceTopic())
                .uid("lark-clean-source")
                .process(new CleanFunction(o.configText())).name("clean").uid("lark-clean");
        cleaned.sinkTo(sink(o, o.sinkTopic(), "lark-clean-out")).name("kafka " + o.sinkTopic()).uid("lark-clean-sink");
        cleaned.getSideOutput(CleanFunction.DEAD_LETTERS).sinkTo(sink(o, o.deadLetterTopic(), "lark-clean-dead"))
                .name("dead letters " + o.deadLetterTopic()).uid("lark-clean-dead-letters");
    }

    private static OffsetsInitializer startingOffsets(CleanStreamOptions.StartingOffsets s) {
        switch (s) {
            case EARLIEST: return OffsetsInitializer.earliest();
            case LATEST: return OffsetsInitializer.latest();
            default: return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    private static KafkaSink<String> sink(CleanStreamOptions o, String topic, String transactionalPrefix) {
        Properties p = new Properties();
        p.setProperty("compression.type", "lz4");
        // a transaction must outlive the checkpoint that commits it; the broker caps this at its own maximum (15 min)
        p.setProperty("transaction.timeout.ms", "600000");
        return KafkaSink.<String>builder()
                .setBootstrapServers(o.bootstrapServers())
                .setKafkaProducerConfig(p)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder().setTopic(topic)
                        .setValueSerializationSchema(new SimpleStringSchema()).build())
                .setDeliveryGuarantee(o.delivery() == CleanStreamOptions.Delivery.EXACTLY_ONCE
                        ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(transactionalPrefix + "-" + o.groupId())
                .build();
    }

    /** The record value as UTF-8 text; tombstones (null values) carry nothing to clean and are skipped. */
    static final class ValueAsText implements KafkaRecordDeserializationSchema<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            if (record.value() != null) {
                out.collect(new String(record.value(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
