package dev.lark.clean.task.job;

import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.engine.common.LineageReport;
import java.util.List;

/** Where cleaned records go (Kafka, ClickHouse, a file). */
public interface OutputSink extends AutoCloseable {
    /** Before any data: create or verify the target from the output schema. */
    void prepare(OutputSchema schema) throws Exception;

    /** Writes and flushes one batch (durable when this returns). */
    void write(List<OutputRecord> records) throws Exception;

    LineageReport.Dataset dataset();

    @Override
    void close() throws Exception;
}
