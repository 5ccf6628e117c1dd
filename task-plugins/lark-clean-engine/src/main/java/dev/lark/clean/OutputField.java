package dev.lark.clean;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A declared output field. */
public final class OutputField {
    private final String name;
    private final FieldType type;
    private final String description;
    private final boolean dimension;
    private final boolean time;
    private final boolean nullable;

    public OutputField(String name, FieldType type, String description, boolean dimension, boolean time, boolean nullable) {
        this.name = name;
        this.type = type;
        this.description = description == null ? "" : description;
        this.dimension = dimension;
        this.time = time;
        this.nullable = nullable && !time;
    }

    public String name() { return name; }
    public FieldType type() { return type; }
    public String description() { return description; }
    public boolean isDimension() { return dimension; }
    public boolean isTime() { return time; }
    public boolean nullable() { return nullable; }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("name", name).put("type", type.lowerName()).put("description", description)
                .put("is_dimension", dimension).put("is_time", time).put("nullable", nullable);
        return n;
    }
}
