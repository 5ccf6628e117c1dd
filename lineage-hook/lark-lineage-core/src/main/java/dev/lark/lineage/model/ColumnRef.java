package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Objects;

/** A column of a dataset, referenced by the dataset's qualifiedName. */
public final class ColumnRef {
    private final String dataset;
    private final String column;

    @JsonCreator
    public ColumnRef(@JsonProperty("dataset") String datasetQualifiedName, @JsonProperty("column") String column) {
        this.dataset = Checks.notBlank("columnRef.dataset", datasetQualifiedName).toLowerCase(Locale.ROOT);
        this.column = Checks.notBlank("columnRef.column", column);
    }

    public static ColumnRef of(Dataset dataset, String column) {
        return new ColumnRef(dataset.qualifiedName(), column);
    }

    /** The dataset's qualifiedName. */
    public String getDataset() { return dataset; }
    public String getColumn() { return column; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnRef && dataset.equals(((ColumnRef) o).dataset) && column.equals(((ColumnRef) o).column);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataset, column);
    }

    @Override
    public String toString() {
        return dataset + "#" + column;
    }
}
