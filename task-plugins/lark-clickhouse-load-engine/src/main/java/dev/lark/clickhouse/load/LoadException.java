package dev.lark.clickhouse.load;

/** A load that failed at run time; the target table was left as it was before the load unless stated otherwise. */
public class LoadException extends RuntimeException {
    public LoadException(String message) {
        super(message);
    }

    public LoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
