package dev.lark.clean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A problem found in a cleaning config before any data flows: which step, what is wrong, how to fix it. */
public final class ConfigProblem {
    public enum Severity { ERROR, WARNING }

    private final Severity severity;
    private final String code;
    private final String stepLabel;
    private final String message;
    private final String fix;

    public ConfigProblem(Severity severity, String code, String stepLabel, String message, String fix) {
        this.severity = severity;
        this.code = code;
        this.stepLabel = stepLabel;
        this.message = message;
        this.fix = fix;
    }

    public Severity severity() { return severity; }
    /** UNKNOWN_OPERATOR, UNREACHABLE_STEP, TYPE_MISMATCH, MISSING_TIME_FIELD, ... */
    public String code() { return code; }
    public String stepLabel() { return stepLabel; }
    public String message() { return message; }
    public String fix() { return fix; }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("severity", severity.name());
        n.put("code", code);
        n.put("step", stepLabel);
        n.put("message", message);
        n.put("fix", fix);
        return n;
    }

    @Override
    public String toString() {
        return severity + " " + code + (stepLabel == null ? "" : " [step " + stepLabel + "]") + ": " + message
                + (fix == null ? "" : " -> fix: " + fix);
    }
}
