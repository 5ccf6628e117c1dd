package dev.lark.clean.job.source;

import dev.lark.engine.common.LineageReport;
import java.util.List;

/** A bounded source of raw records (a Kafka offset range, a file, a JDBC query), read in batches. */
public interface InputSource extends AutoCloseable {
    /** The next batch, or null at the end of the range. */
    List<String> poll() throws Exception;

    /** Called once after every output and dead letter was flushed (e.g. commit consumer offsets). */
    default void commit() throws Exception {
    }

    /** Known total, for progress; negative when unknown. */
    default long expectedRecords() {
        return -1;
    }

    /** Where the range ended (e.g. Kafka offsets "0:120,1:98"), published to the varPool; null when meaningless. */
    default String position() {
        return null;
    }

    LineageReport.Dataset dataset();

    @Override
    void close() throws Exception;
}
