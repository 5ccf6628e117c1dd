package dev.lark.clean.job.sink;

import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.engine.common.LineageReport;
import java.util.List;

/** Where cleaned records go (Kafka, ClickHouse, a file). */
public interface OutputSink extends AutoCloseable {
    /** Before any data: create or verify the target from the output schema. */
    void prepare(OutputSchema schema) throws Exception;

    /** Writes and flushes one batch (durable when this returns, but not yet visible in the target). */
    void write(List<OutputRecord> records) throws Exception;

    /** Makes everything written visible in the target (after the whole range was cleaned within the error budget). */
    void commit() throws Exception;

    /** Discards everything written by this run; the target stays as it was. Must not throw. */
    void abort();

    /** False when written batches are visible before {@link #commit} (Kafka): abort cannot take them back. */
    default boolean stagesUntilCommit() {
        return true;
    }

    LineageReport.Dataset dataset();

    @Override
    void close() throws Exception;
}
