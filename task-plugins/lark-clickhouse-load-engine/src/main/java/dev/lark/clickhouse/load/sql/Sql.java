package dev.lark.clickhouse.load.sql;

import dev.lark.clickhouse.load.ConfigException;
import java.util.regex.Pattern;

/**
 * Quoting rules for generated ClickHouse SQL. Identifiers are always back-quoted; values go through query
 * parameters where ClickHouse accepts them, and through {@link #literal(String)} only where the grammar has no
 * parameter slot (DDL settings, partition ids).
 */
public final class Sql {
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** Column types are a small grammar: names, numbers, quoted enum labels, commas, parentheses, '=' and spaces. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\((?:[A-Za-z0-9_ ,()=+\\-.]|'(?:[^'\\\\]|\\\\.)*')*\\))?");

    private Sql() {
    }

    /** Back-quotes an identifier, escaping back-quotes and backslashes inside it. */
    public static String id(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty identifier");
        }
        return '`' + name.replace("\\", "\\\\").replace("`", "\\`") + '`';
    }

    /** {@code `db`.`table`}. */
    public static String table(String database, String table) {
        return id(database) + "." + id(table);
    }

    /** A single-quoted string literal, for the few places ClickHouse has no query-parameter slot. */
    public static String literal(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'': b.append("\\'"); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\0': b.append("\\0"); break;
                default: b.append(c);
            }
        }
        return b.append('\'').toString();
    }

    /** A setting value: numbers stay numbers, everything else becomes a string literal. */
    public static String settingValue(String value) {
        return NUMBER.matcher(value).matches() ? value : literal(value);
    }

    public static void checkSettingName(String field, String name) {
        ConfigException.require(name != null && SETTING_NAME.matcher(name).matches(), field, name,
                "a setting name is letters, digits and '_' (e.g. index_granularity)");
    }

    public static void checkType(String field, String type) {
        ConfigException.require(type != null && TYPE.matcher(type.trim()).matches(), field, type,
                "use a ClickHouse type such as String, Int64, Nullable(Float64), DateTime64(3, 'UTC'),"
                        + " Decimal(18, 4), LowCardinality(String)");
    }

    /**
     * Expressions (ORDER BY, PARTITION BY, TTL, sharding key, source queries) are SQL by nature and cannot be
     * bound; this rejects statement separators and comments so a config value cannot smuggle a second statement.
     */
    public static void checkExpression(String field, String expr) {
        ConfigException.require(expr != null && !expr.trim().isEmpty(), field, expr, "give a ClickHouse expression");
        boolean inString = false;
        for (int i = 0; i < expr.length(); i++) {
            char c = expr.charAt(i);
            if (c == '\\' && inString) {
                i++;
                continue;
            }
            if (c == '\'') {
                inString = !inString;
            } else if (!inString && (c == ';' || (c == '-' && i + 1 < expr.length() && expr.charAt(i + 1) == '-')
                    || (c == '/' && i + 1 < expr.length() && expr.charAt(i + 1) == '*'))) {
                throw new ConfigException(field, expr,
                        "one expression only: remove ';' and SQL comments ('--', '/*')");
            }
        }
        ConfigException.require(!inString, field, expr, "close the string literal (unbalanced ')");
    }
}
