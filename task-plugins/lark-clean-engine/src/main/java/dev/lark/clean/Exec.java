package dev.lark.clean;

import java.util.ArrayList;
import java.util.List;

/** Per-session mutable state for running one input through the step tree. Not thread-safe (one per stream). */
final class Exec {
    final long[] stepIn;
    final long[] stepOut;
    final int fieldCount;
    Object[] row;
    final List<Object[]> emitted = new ArrayList<>(4);
    int iterations;
    String filteredBy;
    Tracer tracer;

    /** Observes each step's output (debug runs only). */
    interface Tracer {
        void after(Step step, Object out);
    }

    Exec(int steps, int fields) {
        this.stepIn = new long[steps];
        this.stepOut = new long[steps];
        this.fieldCount = fields;
    }

    void reset() {
        row = new Object[fieldCount];
        emitted.clear();
        iterations = 0;
        filteredBy = null;
    }

    void forward(Step s, Object out) {
        stepOut[s.id]++;
        if (tracer != null) {
            tracer.after(s, out);
        }
        runAll(s.next, out);
    }

    void runAll(Step[] steps, Object value) {
        for (Step c : steps) {
            stepIn[c.id]++;
            c.run(value, this);
        }
    }

    /** Runs the children once per element, each on its own copy of the row; innermost iterates emit the records. */
    void fanOut(Step s, List<?> elements) {
        iterations++;
        Object[] outer = row;
        for (Object el : elements) {
            row = outer.clone();
            int before = emitted.size();
            int itBefore = iterations;
            try {
                forward(s, el);
                if (emitted.size() == before && iterations == itBefore) {
                    emitted.add(row);
                }
            } catch (Filtered f) {
                filteredBy = f.label;
            }
        }
        row = outer;
    }

    /** Unwinds a filtered record (or, inside an iterate, a filtered element). */
    static final class Filtered extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient String label;

        Filtered(String label) {
            super(null, null, false, false);
            this.label = label;
        }
    }
}
