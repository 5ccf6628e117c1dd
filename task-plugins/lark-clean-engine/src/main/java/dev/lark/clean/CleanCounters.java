package dev.lark.clean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts of one or more sessions. Invariant: {@code inputs == succeeded + filtered + failed}; every input is
 * exactly one of those (succeeded inputs produced {@code outputRecords >= succeeded} records by fan-out).
 */
public final class CleanCounters {
    long inputs;
    long succeeded;
    long filtered;
    long failed;
    long outputRecords;
    final Map<String, long[]> steps = new LinkedHashMap<>();
    final EnumMap<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);

    public long inputs() { return inputs; }
    public long succeeded() { return succeeded; }
    public long filtered() { return filtered; }
    public long failed() { return failed; }
    public long outputRecords() { return outputRecords; }

    /** label -> {in, out, errors} */
    public Map<String, long[]> steps() { return steps; }

    public Map<ErrorKind, Long> errors() { return errors; }

    public long errors(ErrorKind k) {
        return errors.getOrDefault(k, 0L);
    }

    public CleanCounters merge(CleanCounters o) {
        inputs += o.inputs;
        succeeded += o.succeeded;
        filtered += o.filtered;
        failed += o.failed;
        outputRecords += o.outputRecords;
        o.steps.forEach((k, v) -> {
            long[] mine = steps.computeIfAbsent(k, x -> new long[3]);
            for (int i = 0; i < 3; i++) {
                mine[i] += v[i];
            }
        });
        o.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
        return this;
    }

    public ObjectNode toJson() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode n = f.objectNode();
        n.put("inputs", inputs).put("succeeded", succeeded).put("filtered", filtered).put("failed", failed)
                .put("output_records", outputRecords);
        ObjectNode s = n.putObject("steps");
        steps.forEach((k, v) -> s.putObject(k).put("in", v[0]).put("out", v[1]).put("errors", v[2]));
        ObjectNode e = n.putObject("errors");
        errors.forEach((k, v) -> e.put(k.name(), v));
        return n;
    }

    @Override
    public String toString() {
        return "inputs=" + inputs + " succeeded=" + succeeded + " filtered=" + filtered + " failed=" + failed
                + " output_records=" + outputRecords + " errors=" + errors;
    }
}
