package dev.lark.engine.common;

import java.util.Collection;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Bad user input: names the offending field, the value that was given (masked when the field holds a secret) and
 * how to fix it. Thrown at the boundary where configuration is validated, before any work starts.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;
    private final String value;
    private final String fix;

    public ConfigException(String field, Object value, String problem, String fix) {
        super(format(field, value, problem, fix));
        this.field = field;
        this.value = value == null ? null : shown(field, value);
        this.fix = fix;
    }

    /** A required field is absent or blank. */
    public static ConfigException missing(String field, String fix) {
        return new ConfigException(field, null, "is required", fix);
    }

    /** A field has a value that is not allowed. */
    public static ConfigException invalid(String field, Object value, String fix) {
        return new ConfigException(field, value, "is invalid", fix);
    }

    /** A name (plugin, parameter, mode) is not one of the supported ones; lists them. */
    public static ConfigException unknown(String field, Object value, Collection<String> supported) {
        String list = supported.stream().sorted().collect(Collectors.joining(", "));
        return new ConfigException(field, value, "is not supported", "use one of: " + list);
    }

    public String field() {
        return field;
    }

    /** The offending value as shown in the message (secrets masked); null when the field was missing. */
    public String value() {
        return value;
    }

    public String fix() {
        return fix;
    }

    private static String format(String field, Object value, String problem, String fix) {
        StringBuilder sb = new StringBuilder();
        sb.append('\'').append(Objects.requireNonNull(field, "field")).append('\'');
        if (value != null) {
            sb.append(" = ").append(shown(field, value));
        }
        sb.append(' ').append(problem);
        if (fix != null && !fix.isEmpty()) {
            sb.append(": ").append(fix);
        }
        return sb.toString();
    }

    private static String shown(String field, Object value) {
        if (Secrets.isSecretKey(lastSegment(field))) {
            return Secrets.MASK;
        }
        String s = Secrets.redact(String.valueOf(value));
        if (s.length() > 200) {
            s = s.substring(0, 200) + "...";
        }
        return value instanceof CharSequence ? '"' + s + '"' : s;
    }

    private static String lastSegment(String field) {
        int dot = Math.max(field.lastIndexOf('.'), field.lastIndexOf(']'));
        return dot >= 0 ? field.substring(dot + 1) : field;
    }
}
