package dev.lark.ingest.writer;

import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.state.WatermarkStore;
import java.util.List;

/**
 * Writes rows to a target. Lifecycle: {@link #prepare} (preSql, staging table), {@link #open} per channel,
 * then {@link #commit} once when every channel finished (atomic swap into the target, postSql), or {@link #abort}
 * when anything failed (drop staging: the target stays as it was).
 */
public interface Writer extends AutoCloseable {

    /** {@code sourceColumns} are the reader's columns; the writer maps them to its own by position. */
    void prepare(IngestContext ctx, List<String> sourceColumns) throws Exception;

    WriterChannel open(int channel) throws Exception;

    /** Makes the written rows visible atomically, then records the watermark (when given) in the same step. */
    void commit(CommitRequest request) throws Exception;

    void abort();

    /** Where incremental watermarks are kept for this target, or null when it cannot keep them. */
    default WatermarkStore watermarkStore(IngestContext ctx) throws Exception {
        return null;
    }

    /** Target column names in write order (known after prepare). */
    List<String> columns();

    LineageReport.Dataset dataset();

    /** Serialized bytes written so far, or -1 when unknown. */
    default long bytesWritten() {
        return -1;
    }

    @Override
    default void close() throws Exception {
    }
}
