package dev.lark.clean;

/**
 * Unwinds the step tree for one record. Never escapes a {@link CleanSession}: the session turns it into a
 * {@link DeadLetter} value. No stack trace is captured, so failing records cost about as much as good ones.
 */
public final class StepFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient String stepLabel;
    private final ErrorKind kind;
    private final String field;

    public StepFailure(String stepLabel, ErrorKind kind, String field, String message) {
        super(message, null, false, false);
        this.stepLabel = stepLabel;
        this.kind = kind;
        this.field = field;
    }

    public String stepLabel() { return stepLabel; }
    public ErrorKind kind() { return kind; }
    public String field() { return field; }
}
