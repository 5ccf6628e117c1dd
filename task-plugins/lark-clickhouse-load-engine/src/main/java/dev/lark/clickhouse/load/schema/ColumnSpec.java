package dev.lark.clickhouse.load.schema;

import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.sql.Sql;
import java.util.Objects;

/** One declared column: name, ClickHouse type, optional DEFAULT expression, codec and comment. */
public final class ColumnSpec {
    private final String name;
    private final String type;
    private final String defaultExpression;
    private final String codec;
    private final String comment;

    public ColumnSpec(String name, String type, String defaultExpression, String codec, String comment) {
        ConfigException.require(name != null && !name.trim().isEmpty(), "columns[].name", name, "give every column a name");
        Sql.checkType("columns[" + name + "].type", type);
        if (defaultExpression != null) {
            Sql.checkExpression("columns[" + name + "].default", defaultExpression);
        }
        if (codec != null) {
            Sql.checkExpression("columns[" + name + "].codec", codec);
        }
        this.name = name;
        this.type = type.trim();
        this.defaultExpression = defaultExpression;
        this.codec = codec;
        this.comment = comment;
    }

    public static ColumnSpec of(String name, String type) {
        return new ColumnSpec(name, type, null, null, null);
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    public String defaultExpression() {
        return defaultExpression;
    }

    public String codec() {
        return codec;
    }

    public String comment() {
        return comment;
    }

    /** True when ClickHouse can fill this column itself when a source lacks it. */
    public boolean hasDefault() {
        return defaultExpression != null;
    }

    /** Column definition as it appears in CREATE TABLE / ADD COLUMN. */
    public String toSql() {
        StringBuilder b = new StringBuilder(Sql.id(name)).append(' ').append(type);
        if (defaultExpression != null) {
            b.append(" DEFAULT ").append(defaultExpression);
        }
        if (codec != null) {
            b.append(" CODEC(").append(codec).append(')');
        }
        if (comment != null) {
            b.append(" COMMENT ").append(Sql.literal(comment));
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ColumnSpec)) {
            return false;
        }
        ColumnSpec c = (ColumnSpec) o;
        return name.equals(c.name) && type.equals(c.type) && Objects.equals(defaultExpression, c.defaultExpression)
                && Objects.equals(codec, c.codec) && Objects.equals(comment, c.comment);
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
