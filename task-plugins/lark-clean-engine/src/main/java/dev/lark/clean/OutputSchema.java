package dev.lark.clean;

import dev.lark.clean.time.TimeParser;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The declared output fields, the time field and how time values are parsed. Immutable. */
public final class OutputSchema {
    private final List<OutputField> fields;
    private final Map<String, Integer> index = new HashMap<>();
    private final int timeIndex;
    private final TimeParser time;

    public OutputSchema(List<OutputField> fields, TimeParser time) {
        this.fields = List.copyOf(fields);
        int t = -1;
        for (int i = 0; i < fields.size(); i++) {
            index.put(fields.get(i).name(), i);
            if (fields.get(i).isTime()) {
                t = i;
            }
        }
        this.timeIndex = t;
        this.time = time;
    }

    public List<OutputField> fields() { return fields; }
    public int size() { return fields.size(); }
    /** -1 when the schema has no time field. */
    public int timeIndex() { return timeIndex; }
    public TimeParser time() { return time; }

    /** -1 when not declared. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }
}
