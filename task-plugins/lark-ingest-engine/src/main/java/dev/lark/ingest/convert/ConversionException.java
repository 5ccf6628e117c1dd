package dev.lark.ingest.convert;

/** A value that cannot become the target type; the row becomes a dirty record with this message as the reason. */
public final class ConversionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConversionException(String message) {
        super(message, null, false, false);
    }
}
