package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.schema.ExistingColumn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks source columns against the table before anything is loaded: every source column must exist in the table,
 * every table column without a default must come from the source, and sample values must parse as the column type.
 */
public final class ColumnMatcher {
    private final Map<String, ExistingColumn> table = new LinkedHashMap<>();
    private final String tableName;

    public ColumnMatcher(String tableName, List<ExistingColumn> columns) {
        this.tableName = tableName;
        for (ExistingColumn c : columns) {
            table.put(c.name(), c);
        }
    }

    /** Insertable table columns in table order (no MATERIALIZED / ALIAS). */
    public List<String> insertableColumns() {
        List<String> out = new ArrayList<>();
        for (ExistingColumn c : table.values()) {
            if (c.insertable()) {
                out.add(c.name());
            }
        }
        return out;
    }

    public ExistingColumn column(String name) {
        return table.get(name);
    }

    /** Names: extra and missing columns. */
    public void checkNames(List<String> sourceColumns, String sourceDescription) {
        for (String s : sourceColumns) {
            ExistingColumn c = table.get(s);
            if (c == null) {
                throw new BadInputException("source column '" + s + "' of " + sourceDescription + " has no column in "
                        + tableName + " (table columns: " + insertableColumns() + "); fix: declare the column in the"
                        + " target schema (it is added on the next load), rename it in the source, or leave it out"
                        + " of the source query");
            }
            if (!c.insertable()) {
                throw new BadInputException("source column '" + s + "' maps to " + c.defaultKind() + " column '" + s
                        + "' of " + tableName + ", which cannot be inserted; fix: leave it out of the source");
            }
        }
        for (ExistingColumn c : table.values()) {
            if (c.insertable() && c.defaultKind().isEmpty() && !sourceColumns.contains(c.name())
                    && !c.type().startsWith("Nullable(")) {
                throw new BadInputException("table column '" + c.name() + "' (" + c.type() + ") of " + tableName
                        + " is missing from " + sourceDescription + " (source columns: " + sourceColumns + "); fix:"
                        + " add '" + c.name() + "' to the source, give the column a DEFAULT in the declared schema,"
                        + " or make it Nullable");
            }
        }
    }

    /**
     * One sample row: {@code values} maps source column to text value. Throws on the first value that does not
     * parse as its column type; {@code rowNumber} is 1-based among data rows.
     */
    public void checkRow(Map<String, String> values, long rowNumber, String sourceDescription) {
        String bad = problem(values);
        if (bad != null) {
            throw new BadInputException(bad.replace("{row}", "row " + rowNumber + " of " + sourceDescription));
        }
    }

    /** Null when the row fits; otherwise a message with {row} as a placeholder. */
    public String problem(Map<String, String> values) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            ExistingColumn c = table.get(e.getKey());
            if (c == null) {
                return "column '" + e.getKey() + "' in {row} has no column in " + tableName;
            }
            String p = ValueChecker.problem(c.type(), e.getValue());
            if (p != null) {
                return "column '" + c.name() + "' expects " + c.type() + " but {row} has '" + abbreviate(e.getValue())
                        + "' (" + p + "); fix: " + ValueChecker.fixFor(c.name(), c.type());
            }
        }
        return null;
    }

    /** Parquet: physical types that cannot become the column type. */
    public void checkParquet(ParquetFooter footer, String sourceDescription) {
        for (ParquetFooter.Column pc : footer.columns()) {
            ExistingColumn c = table.get(pc.name);
            if (c == null) {
                continue;
            }
            String base = c.type().replaceAll("^(Nullable|LowCardinality)\\(", "");
            boolean numericTarget = base.matches("(U?Int\\d+|Float\\d+|Decimal.*|Bool).*");
            boolean textSource = pc.physicalType.equals("BYTE_ARRAY");
            if (numericTarget && textSource) {
                throw new BadInputException("column '" + c.name() + "' expects " + c.type() + " but " + sourceDescription
                        + " stores it as text (Parquet BYTE_ARRAY) from row 1 on; fix: write the column as a number"
                        + " in the Parquet file or declare '" + c.name() + "' as String");
            }
        }
    }

    private static String abbreviate(String v) {
        if (v == null) {
            return "NULL";
        }
        return v.length() > 60 ? v.substring(0, 60) + "..." : v;
    }
}
