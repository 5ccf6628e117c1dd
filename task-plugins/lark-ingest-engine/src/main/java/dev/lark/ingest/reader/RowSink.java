package dev.lark.ingest.reader;

/** Where a reader puts rows. Rows are {@code Object[]} in the reader's column order; the sink owns them after put. */
public interface RowSink {
    /** Hands over one row; blocks when the channel's bounded queue is full (back-pressure). */
    void put(Object[] row) throws InterruptedException;

    /** A record the reader could not parse: goes to the dead-letter with the reason. */
    void dirty(String raw, String reason);
}
