package dev.lark.ingest.reader;

import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import java.util.List;

/**
 * Reads source rows. Lifecycle per job: {@link #prepare} once (connect, resolve columns, incremental bounds), then
 * {@link #splits} once, then {@link #read} for each split, possibly from several channel threads at once, then
 * {@link #close}. Implementations must stream (bounded memory) and check {@code ctx.cancellation()} between rows or
 * batches.
 */
public interface Reader extends AutoCloseable {

    void prepare(IngestContext ctx) throws Exception;

    /** Output column names, in row order (known after prepare). */
    List<String> columns();

    List<Split> splits(int channels) throws Exception;

    void read(Split split, RowSink sink) throws Exception;

    /** Rows expected, for the progress percentage, or -1 when unknown. */
    default long estimatedRows() {
        return -1;
    }

    /** The new incremental watermark (upper bound read), or null when not incremental. */
    default String newWatermark() {
        return null;
    }

    /** The watermark this run starts after, or null. */
    default String oldWatermark() {
        return null;
    }

    /** Sets the exclusive lower bound of an incremental read; called before {@link #prepare}. */
    default void setLowWatermark(String low) {
    }

    /** Source column used for incremental reads, or null. */
    default String incrementalColumn() {
        return null;
    }

    LineageReport.Dataset dataset();

    @Override
    default void close() throws Exception {
    }
}
