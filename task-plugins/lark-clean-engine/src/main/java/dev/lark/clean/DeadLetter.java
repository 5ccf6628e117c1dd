package dev.lark.clean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** A record that could not be cleaned: where (step label), why (kind, message), which field, and the raw input. */
public final class DeadLetter {
    private final String stepLabel;
    private final ErrorKind kind;
    private final String field;
    private final String message;
    private final String raw;

    public DeadLetter(String stepLabel, ErrorKind kind, String field, String message, String raw) {
        this.stepLabel = stepLabel;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.field = field;
        this.message = message;
        this.raw = raw;
    }

    public String stepLabel() { return stepLabel; }
    public ErrorKind kind() { return kind; }
    public String field() { return field; }
    public String message() { return message; }
    public String raw() { return raw; }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("step", stepLabel);
        n.put("kind", kind.name());
        n.put("field", field);
        n.put("message", message);
        n.put("raw", raw);
        return n;
    }

    @Override
    public String toString() {
        return kind + " at step '" + stepLabel + "'" + (field == null ? "" : " field '" + field + "'") + ": " + message;
    }
}
