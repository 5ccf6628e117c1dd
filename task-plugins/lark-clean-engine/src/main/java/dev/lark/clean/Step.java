package dev.lark.clean;

/**
 * One compiled step of a plan. Steps are immutable after compilation and shared by all sessions; per-record state
 * lives in {@link Exec}. {@link #run} either forwards a value to the children or throws a {@link StepFailure}.
 */
abstract class Step {
    static final Step[] NONE = new Step[0];

    final String label;
    final String op;
    int id;
    Step[] next = NONE;
    /** True when this step or a descendant is an iterate: such children run after their siblings (see Exec). */
    boolean fansOut;

    Step(String label, String op) {
        this.label = label;
        this.op = op;
    }

    abstract void run(Object in, Exec x);

    /** Child step groups other than {@link #next} (branch cases); for counters, validation and hints. */
    Step[][] otherChildren() {
        return new Step[0][];
    }

    final StepFailure fail(ErrorKind kind, String field, String message) {
        return new StepFailure(label, kind, field, message);
    }

    static String show(Object v) {
        String s = FieldType.asString(v);
        return s.length() > 80 ? '\'' + s.substring(0, 77) + "...'" : '\'' + s + '\'';
    }
}
