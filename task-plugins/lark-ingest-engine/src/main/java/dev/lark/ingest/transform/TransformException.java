package dev.lark.ingest.transform;

/** A record a transformer cannot handle; the record becomes dirty with this message as the reason. */
public final class TransformException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TransformException(String message) {
        super(message);
    }
}
