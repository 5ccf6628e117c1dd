package dev.lark.clickhouse.load.schema;

import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.sql.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The MergeTree-family engine of a table and its engine parameters. */
public final class TableEngine {
    public enum Kind {
        MERGE_TREE("MergeTree"),
        REPLACING_MERGE_TREE("ReplacingMergeTree"),
        SUMMING_MERGE_TREE("SummingMergeTree"),
        AGGREGATING_MERGE_TREE("AggregatingMergeTree");

        private final String sqlName;

        Kind(String sqlName) {
            this.sqlName = sqlName;
        }

        public String sqlName() {
            return sqlName;
        }

        public static Kind parse(String field, String value) {
            if (value == null || value.trim().isEmpty()) {
                return MERGE_TREE;
            }
            String v = value.trim().replace("_", "").toLowerCase(Locale.ROOT);
            for (Kind k : values()) {
                if (k.sqlName.toLowerCase(Locale.ROOT).equals(v)) {
                    return k;
                }
            }
            throw new ConfigException(field, value,
                    "use one of MergeTree, ReplacingMergeTree, SummingMergeTree, AggregatingMergeTree");
        }
    }

    private final Kind kind;
    private final String versionColumn;
    private final String isDeletedColumn;
    private final List<String> sumColumns;

    private TableEngine(Kind kind, String versionColumn, String isDeletedColumn, List<String> sumColumns) {
        this.kind = kind;
        this.versionColumn = versionColumn;
        this.isDeletedColumn = isDeletedColumn;
        this.sumColumns = Collections.unmodifiableList(new ArrayList<>(sumColumns));
        ConfigException.require(versionColumn == null || kind == Kind.REPLACING_MERGE_TREE, "engine.versionColumn",
                versionColumn, "a version column only applies to ReplacingMergeTree; remove it or change the engine");
        ConfigException.require(isDeletedColumn == null || versionColumn != null, "engine.isDeletedColumn",
                isDeletedColumn, "ReplacingMergeTree needs a version column before an is_deleted column");
        ConfigException.require(sumColumns.isEmpty() || kind == Kind.SUMMING_MERGE_TREE, "engine.sumColumns",
                sumColumns, "sum columns only apply to SummingMergeTree");
    }

    public static TableEngine mergeTree() {
        return new TableEngine(Kind.MERGE_TREE, null, null, List.of());
    }

    public static TableEngine replacing(String versionColumn) {
        return new TableEngine(Kind.REPLACING_MERGE_TREE, versionColumn, null, List.of());
    }

    public static TableEngine replacing(String versionColumn, String isDeletedColumn) {
        return new TableEngine(Kind.REPLACING_MERGE_TREE, versionColumn, isDeletedColumn, List.of());
    }

    public static TableEngine summing(List<String> sumColumns) {
        return new TableEngine(Kind.SUMMING_MERGE_TREE, null, null, sumColumns);
    }

    public static TableEngine aggregating() {
        return new TableEngine(Kind.AGGREGATING_MERGE_TREE, null, null, List.of());
    }

    public static TableEngine of(Kind kind, String versionColumn, String isDeletedColumn, List<String> sumColumns) {
        return new TableEngine(kind, versionColumn, isDeletedColumn, sumColumns == null ? List.of() : sumColumns);
    }

    public Kind kind() {
        return kind;
    }

    public String versionColumn() {
        return versionColumn;
    }

    public String isDeletedColumn() {
        return isDeletedColumn;
    }

    public List<String> sumColumns() {
        return sumColumns;
    }

    public String toSql() {
        StringBuilder b = new StringBuilder(kind.sqlName()).append('(');
        if (versionColumn != null) {
            b.append(Sql.id(versionColumn));
            if (isDeletedColumn != null) {
                b.append(", ").append(Sql.id(isDeletedColumn));
            }
        }
        if (!sumColumns.isEmpty()) {
            b.append('(');
            for (int i = 0; i < sumColumns.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(Sql.id(sumColumns.get(i)));
            }
            b.append(')');
        }
        return b.append(')').toString();
    }
}
