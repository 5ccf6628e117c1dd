package dev.lark.clean;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** One cleaned record: values in schema order, typed per {@link OutputField#type()} (timestamps as epoch millis). */
public final class OutputRecord {
    /** Text form of timestamps in JSON output; ClickHouse DateTime64(3, 'UTC') reads it as is. */
    public static final DateTimeFormatter TIMESTAMP_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private final OutputSchema schema;
    private final Object[] values;

    OutputRecord(OutputSchema schema, Object[] values) {
        this.schema = schema;
        this.values = values;
    }

    public OutputSchema schema() { return schema; }
    public int size() { return values.length; }
    public Object get(int i) { return values[i]; }

    public Object get(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no output field '" + name + "'");
        }
        return values[i];
    }

    /** Epoch millis of the time field, or null when the schema has none. */
    public Long time() {
        return schema.timeIndex() < 0 ? null : (Long) values[schema.timeIndex()];
    }

    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            OutputField f = schema.fields().get(i);
            g.writeFieldName(f.name());
            Object v = values[i];
            if (v != null && f.type() == FieldType.TIMESTAMP) {
                g.writeString(TIMESTAMP_TEXT.format(Instant.ofEpochMilli((Long) v)));
            } else {
                Values.write(g, v);
            }
        }
        g.writeEndObject();
    }

    /** One JSON object (JSONEachRow line). */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = Values.JSON.createGenerator(w)) {
            writeJson(g);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    public ObjectNode toNode() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < values.length; i++) {
            OutputField f = schema.fields().get(i);
            Object v = values[i];
            n.set(f.name(), v != null && f.type() == FieldType.TIMESTAMP
                    ? JsonNodeFactory.instance.textNode(TIMESTAMP_TEXT.format(Instant.ofEpochMilli((Long) v))) : Values.toNode(v));
        }
        return n;
    }

    @Override
    public String toString() {
        return toJson();
    }
}
