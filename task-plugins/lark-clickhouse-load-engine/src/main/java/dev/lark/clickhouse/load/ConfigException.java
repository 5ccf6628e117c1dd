package dev.lark.clickhouse.load;

/**
 * A load configuration that cannot work. The message always names the field, the offending value and how to fix
 * it, so a DS user reading the task log knows what to change without reading code. It is the shared Lark
 * {@link dev.lark.engine.common.ConfigException}, so the DS binding reports it without a stack trace.
 */
public class ConfigException extends dev.lark.engine.common.ConfigException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String field, Object value, String fix) {
        super(field, value, value == null ? "is required" : "is invalid", fix);
    }

    /** Fails with a ConfigException when {@code ok} is false. */
    public static void require(boolean ok, String field, Object value, String fix) {
        if (!ok) {
            throw new ConfigException(field, value, fix);
        }
    }
}
