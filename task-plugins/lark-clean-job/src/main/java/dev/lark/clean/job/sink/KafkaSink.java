package dev.lark.clean.job.sink;

import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.clean.job.kafka.KafkaProducers;
import dev.lark.engine.common.LineageReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/** A Kafka topic, one JSON object per cleaned record. */
public final class KafkaSink implements OutputSink {
    private final String bootstrap;
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaSink(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
        this.producer = KafkaProducers.create(bootstrap);
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
        KafkaProducers.sendAll(producer, topic, values);
    }

    /** Kafka has no staging: records are visible as soon as written (consumers see a failed run's records). */
    @Override
    public void commit() {
    }

    @Override
    public void abort() {
    }

    @Override
    public boolean stagesUntilCommit() {
        return false;
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
