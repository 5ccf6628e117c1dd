package dev.lark.clickhouse.load.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Differences between a declared table and the table on the server. Adding columns is safe; changing a type or
 * dropping a column loses or rewrites data, so those are "destructive" and only applied when the user allows it.
 */
public final class SchemaDiff {
    public enum Kind { ADD_COLUMN, CHANGE_TYPE, DROP_COLUMN }

    /** One change; {@code after} is the column the new column goes after (keeps declared order). */
    public static final class Change {
        private final Kind kind;
        private final String column;
        private final String oldType;
        private final ColumnSpec declared;
        private final String after;

        Change(Kind kind, String column, String oldType, ColumnSpec declared, String after) {
            this.kind = kind;
            this.column = column;
            this.oldType = oldType;
            this.declared = declared;
            this.after = after;
        }

        public Kind kind() {
            return kind;
        }

        public String column() {
            return column;
        }

        public String oldType() {
            return oldType;
        }

        public ColumnSpec declared() {
            return declared;
        }

        public String after() {
            return after;
        }

        public boolean destructive() {
            return kind != Kind.ADD_COLUMN;
        }

        @Override
        public String toString() {
            switch (kind) {
                case ADD_COLUMN: return "add column " + declared;
                case CHANGE_TYPE: return "change type of " + column + " from " + oldType + " to " + declared.type();
                default: return "drop column " + column + " " + oldType;
            }
        }
    }

    private final List<Change> changes;

    private SchemaDiff(List<Change> changes) {
        this.changes = Collections.unmodifiableList(changes);
    }

    public static SchemaDiff between(TableSpec declared, List<ExistingColumn> existing) {
        Map<String, ExistingColumn> byName = new LinkedHashMap<>();
        for (ExistingColumn c : existing) {
            byName.put(c.name(), c);
        }
        List<Change> out = new ArrayList<>();
        String previous = null;
        for (ColumnSpec c : declared.columns()) {
            ExistingColumn e = byName.get(c.name());
            if (e == null) {
                out.add(new Change(Kind.ADD_COLUMN, c.name(), null, c, previous));
            } else if (!normalize(e.type()).equals(normalize(c.type()))) {
                out.add(new Change(Kind.CHANGE_TYPE, c.name(), e.type(), c, null));
            }
            previous = c.name();
        }
        for (ExistingColumn e : existing) {
            if (!declared.column(e.name()).isPresent()) {
                out.add(new Change(Kind.DROP_COLUMN, e.name(), e.type(), null, null));
            }
        }
        return new SchemaDiff(out);
    }

    /** The server prints types canonically (no spaces after commas in some, quotes kept); compare loosely. */
    static String normalize(String type) {
        return type.replace(" ", "");
    }

    public List<Change> changes() {
        return changes;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<Change> destructive() {
        List<Change> d = new ArrayList<>();
        for (Change c : changes) {
            if (c.destructive()) {
                d.add(c);
            }
        }
        return d;
    }
}
