package dev.lark.ingest.transform;

import dev.lark.ingest.convert.Values;

/** Base for the string steps that rewrite one column ({@code columnIndex}), like DataX's own. */
abstract class ColumnStep implements RowTransformer {
    private final String name;
    final int columnIndex;

    ColumnStep(String name, int columnIndex) {
        this.name = name;
        this.columnIndex = columnIndex;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Object[] apply(Object[] row) {
        if (columnIndex >= row.length) {
            throw new TransformException(name + ": columnIndex " + columnIndex + " is beyond the record's "
                    + row.length + " column(s)");
        }
        Object v = row[columnIndex];
        row[columnIndex] = rewrite(v == null ? null : Values.toStringValue(v));
        return row;
    }

    /** The new value of the column (a string, as in DataX); {@code value} is null for SQL NULL. */
    abstract String rewrite(String value);
}
