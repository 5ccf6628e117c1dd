package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** One column/field of a dataset's schema, with the type as the storage system spells it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class SchemaField {
    private final String name;
    private final String type;
    private final String description;

    @JsonCreator
    public SchemaField(@JsonProperty("name") String name, @JsonProperty("type") String type,
            @JsonProperty("description") String description) {
        this.name = Checks.notBlank("schemaField.name", name);
        this.type = type;
        this.description = description;
    }

    public static SchemaField of(String name, String type) {
        return new SchemaField(name, type, null);
    }

    public String getName() { return name; }
    public String getType() { return type; }
    public String getDescription() { return description; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SchemaField)) return false;
        SchemaField f = (SchemaField) o;
        return name.equals(f.name) && Objects.equals(type, f.type) && Objects.equals(description, f.description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type);
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
