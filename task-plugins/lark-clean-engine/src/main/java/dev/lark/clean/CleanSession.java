package dev.lark.clean;

import java.util.EnumMap;

/**
 * Runs inputs through a plan, one at a time, on one thread. Each input ends as exactly one of: output records
 * (one or more, by fan-out), filtered (a filter step dropped it, or it iterated over nothing), or one dead letter.
 * No exception escapes {@link #process}: unexpected failures become {@link ErrorKind#INTERNAL} dead letters.
 */
public final class CleanSession {
    private final CleanPlan plan;
    private final RecordSink out;
    private final DeadLetterSink deadLetters;
    private final Exec exec;
    private final Step[] roots;
    private final OutputSchema schema;
    private final long[] stepErrors;
    private final long[] kindCounts = new long[ErrorKind.values().length];
    private long inputs;
    private long succeeded;
    private long filtered;
    private long failed;
    private long outputRecords;
    private DeadLetter lastDeadLetter;
    private String lastFilteredBy;

    /** What happened to one input. */
    public enum Outcome { OUTPUT, FILTERED, FAILED }

    CleanSession(CleanPlan plan, RecordSink out, DeadLetterSink deadLetters) {
        this.plan = plan;
        this.out = out;
        this.deadLetters = deadLetters == null ? DeadLetterSink.DISCARD : deadLetters;
        this.schema = plan.schema();
        this.exec = new Exec(plan.steps().size(), schema.size());
        this.roots = plan.roots();
        this.stepErrors = new long[plan.steps().size()];
    }

    void tracer(Exec.Tracer t) {
        exec.tracer = t;
    }

    public Outcome process(String raw) {
        inputs++;
        Exec x = exec;
        x.reset();
        try {
            if (raw == null) {
                throw new StepFailure(null, ErrorKind.TYPE_MISMATCH, null, "input is null");
            }
            try {
                x.runAll(roots, raw);
                if (x.emitted.isEmpty() && x.iterations == 0) {
                    x.emitted.add(x.row);
                }
            } catch (Exec.Filtered f) {
                x.emitted.clear();
                x.filteredBy = f.label;
            }
            if (x.emitted.isEmpty()) {
                filtered++;
                lastFilteredBy = x.filteredBy == null ? "<iterate over an empty list>" : x.filteredBy;
                return Outcome.FILTERED;
            }
            for (Object[] row : x.emitted) {
                check(row);
            }
        } catch (StepFailure f) {
            return fail(f.stepLabel(), f.kind(), f.field(), f.getMessage(), raw);
        } catch (RuntimeException | StackOverflowError e) {
            return fail(null, ErrorKind.INTERNAL, null, e.toString(), raw);
        }
        for (Object[] row : x.emitted) {
            outputRecords++;
            out.accept(new OutputRecord(schema, row));
        }
        succeeded++;
        return Outcome.OUTPUT;
    }

    private void check(Object[] row) {
        int t = schema.timeIndex();
        if (t >= 0 && row[t] == null) {
            throw new StepFailure("schema", ErrorKind.MISSING_TIME, schema.fields().get(t).name(),
                    "no value for the time field '" + schema.fields().get(t).name() + "'");
        }
        for (int i = 0; i < row.length; i++) {
            if (row[i] == null && !schema.fields().get(i).nullable()) {
                throw new StepFailure("schema", ErrorKind.MISSING_KEY, schema.fields().get(i).name(),
                        "required output field '" + schema.fields().get(i).name() + "' has no value");
            }
        }
    }

    private Outcome fail(String label, ErrorKind kind, String field, String message, String raw) {
        failed++;
        kindCounts[kind.ordinal()]++;
        if (label != null) {
            for (Step s : plan.steps()) {
                if (s.label.equals(label)) {
                    stepErrors[s.id]++;
                    break;
                }
            }
        }
        lastDeadLetter = new DeadLetter(label, kind, field, message, raw);
        deadLetters.accept(lastDeadLetter);
        return Outcome.FAILED;
    }

    /** The dead letter of the last FAILED input. */
    public DeadLetter lastDeadLetter() {
        return lastDeadLetter;
    }

    /** Label of the filter that dropped the last FILTERED input (or a note that it iterated over nothing). */
    public String lastFilteredBy() {
        return lastFilteredBy;
    }

    public CleanPlan plan() {
        return plan;
    }

    /** True while the failures so far fit the plan's error budget. */
    public boolean withinBudget() {
        return plan.errorBudget().allows(failed, inputs);
    }

    /** A snapshot of this session's counters. */
    public CleanCounters counters() {
        CleanCounters c = new CleanCounters();
        c.inputs = inputs;
        c.succeeded = succeeded;
        c.filtered = filtered;
        c.failed = failed;
        c.outputRecords = outputRecords;
        for (Step s : plan.steps()) {
            c.steps.put(s.label, new long[] {exec.stepIn[s.id], exec.stepOut[s.id], stepErrors[s.id]});
        }
        EnumMap<ErrorKind, Long> m = c.errors;
        for (ErrorKind k : ErrorKind.values()) {
            if (kindCounts[k.ordinal()] > 0) {
                m.put(k, kindCounts[k.ordinal()]);
            }
        }
        return c;
    }
}
