package dev.lark.clickhouse.load.schema;

/** A column as the server reports it in system.columns. */
public final class ExistingColumn {
    private final String name;
    private final String type;
    private final String defaultKind;

    public ExistingColumn(String name, String type, String defaultKind) {
        this.name = name;
        this.type = type;
        this.defaultKind = defaultKind == null ? "" : defaultKind;
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** DEFAULT, MATERIALIZED, ALIAS, EPHEMERAL or empty. */
    public String defaultKind() {
        return defaultKind;
    }

    public boolean insertable() {
        return !defaultKind.equals("MATERIALIZED") && !defaultKind.equals("ALIAS");
    }

    @Override
    public String toString() {
        return name + " " + type;
    }
}
