package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One output column and the input columns it was derived from, with how ({@code IDENTITY} for a plain copy, or
 * an expression such as {@code CAST(x AS Int64)}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class ColumnLineage {
    public static final String IDENTITY = "IDENTITY";

    private final ColumnRef output;
    private final List<ColumnRef> inputs;
    private final String transformation;

    @JsonCreator
    public ColumnLineage(@JsonProperty("output") ColumnRef output, @JsonProperty("inputs") List<ColumnRef> inputs,
            @JsonProperty("transformation") String transformation) {
        this.output = Checks.notNull("columnLineage.output", output);
        this.inputs = Checks.copy(inputs);
        if (this.inputs.isEmpty()) {
            throw new IllegalArgumentException("columnLineage.inputs for " + output + " is empty; a derived column"
                    + " needs at least one input column (omit the entry for constants)");
        }
        this.transformation = transformation == null ? IDENTITY : transformation;
    }

    /** A plain copy of one column. */
    public static ColumnLineage identity(ColumnRef input, ColumnRef output) {
        return new ColumnLineage(output, Arrays.asList(input), IDENTITY);
    }

    public ColumnRef getOutput() { return output; }
    public List<ColumnRef> getInputs() { return inputs; }
    public String getTransformation() { return transformation; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ColumnLineage)) return false;
        ColumnLineage c = (ColumnLineage) o;
        return output.equals(c.output) && inputs.equals(c.inputs) && transformation.equals(c.transformation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(output, inputs, transformation);
    }

    @Override
    public String toString() {
        return inputs + " -> " + output + " (" + transformation + ")";
    }
}
