package dev.lark.clean;

/** Where failed records go (a file, a Kafka topic, a list in tests). Called from the record stream's thread. */
@FunctionalInterface
public interface DeadLetterSink {
    void accept(DeadLetter deadLetter);

    /** Drops dead letters (they are still counted); for debug runs that show errors inline. */
    DeadLetterSink DISCARD = d -> { };
}
