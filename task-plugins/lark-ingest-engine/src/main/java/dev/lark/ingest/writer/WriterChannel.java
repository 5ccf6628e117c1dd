package dev.lark.ingest.writer;

import java.util.List;

/** One channel's writing side: receives batches from one reader thread's queue. Not shared between threads. */
public interface WriterChannel extends AutoCloseable {

    /** Writes (or buffers) a batch; bad rows go to {@code dirty}, never silently dropped. */
    void write(List<Object[]> batch, DirtySink dirty) throws Exception;

    /** Flushes everything buffered; called once after the last batch. */
    void finish() throws Exception;

    @Override
    default void close() throws Exception {
    }

    /** Receives rows a writer rejects. */
    interface DirtySink {
        void dirty(Object[] row, String reason);
    }
}
