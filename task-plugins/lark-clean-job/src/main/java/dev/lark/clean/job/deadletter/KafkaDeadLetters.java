package dev.lark.clean.job.deadletter;

import dev.lark.clean.DeadLetter;
import dev.lark.clean.job.kafka.KafkaProducers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/** A Kafka topic of failed records: one JSON object each with step, kind, field, message and the raw input. */
public final class KafkaDeadLetters implements DeadLetterOutput {
    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaDeadLetters(String bootstrap, String topic) {
        this.topic = topic;
        this.producer = KafkaProducers.create(bootstrap);
    }

    @Override
    public void write(List<DeadLetter> deadLetters) throws Exception {
        List<byte[]> values = new ArrayList<>(deadLetters.size());
        for (DeadLetter d : deadLetters) {
            values.add(d.toJson().toString().getBytes(StandardCharsets.UTF_8));
        }
        KafkaProducers.sendAll(producer, topic, values);
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
