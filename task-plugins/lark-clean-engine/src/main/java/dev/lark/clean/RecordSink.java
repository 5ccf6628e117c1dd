package dev.lark.clean;

/** Receives cleaned output records. Called from the record stream's thread. */
@FunctionalInterface
public interface RecordSink {
    void accept(OutputRecord record);
}
