package dev.lark.ingest.metrics;

/** Receives dirty records with their reason. Implementations are thread-safe. */
public interface DeadLetter extends AutoCloseable {

    /**
     * @param stage    {@code read} or {@code write}
     * @param columns  column names (null for unparsed raw input)
     * @param values   the row (null for raw input)
     * @param raw      the raw text when the reader could not parse it
     * @param reason   why it was rejected
     */
    void write(String stage, java.util.List<String> columns, Object[] values, String raw, String reason)
            throws Exception;

    /** Where the records go, for the summary. */
    String describe();

    @Override
    default void close() throws Exception {
    }
}
