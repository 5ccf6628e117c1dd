package dev.lark.clean.job.deadletter;

import dev.lark.clean.DeadLetter;
import java.util.List;

/** Where failed records go with their reason (a Kafka topic, a file, or nowhere but the counters). */
public interface DeadLetterOutput extends AutoCloseable {
    /** Writes and flushes one batch (durable when this returns). */
    void write(List<DeadLetter> deadLetters) throws Exception;

    String describe();

    @Override
    void close() throws Exception;

    DeadLetterOutput NONE = new DeadLetterOutput() {
        @Override
        public void write(List<DeadLetter> deadLetters) {
        }

        @Override
        public String describe() {
            return "none (counted only)";
        }

        @Override
        public void close() {
        }
    };
}
