package dev.lark.ingest.transform;

/**
 * One DataX {@code transformer} step applied to every record between reader and writer. Implementations are
 * immutable and thread-safe: all channels share one instance.
 */
public interface RowTransformer {
    /**
     * Transforms {@code row} (in place or into a copy) and returns it, or returns {@code null} to drop the record
     * (a filter). A {@link TransformException} makes the record dirty: it goes to the dead-letter with the message.
     */
    Object[] apply(Object[] row);

    /** The DataX name ({@code dx_substr} ...), for messages. */
    String name();
}
