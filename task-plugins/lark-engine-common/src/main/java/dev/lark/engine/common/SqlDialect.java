package dev.lark.engine.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Identifier quoting per SQL dialect. Generated SQL always quotes identifiers (values are bound, never inlined), so a
 * column called {@code order} or a table with a dash in its name works and nothing can be injected through a name.
 */
public enum SqlDialect {
    MYSQL('`'),
    POSTGRESQL('"'),
    CLICKHOUSE('"'),
    /** SQL standard double quotes, for other JDBC databases. */
    ANSI('"');

    private final char quote;

    SqlDialect(char quote) {
        this.quote = quote;
    }

    public char quoteChar() {
        return quote;
    }

    /** Picks the dialect from a JDBC URL ({@code jdbc:mysql:}, {@code jdbc:mariadb:}, {@code jdbc:postgresql:}...). */
    public static SqlDialect fromJdbcUrl(String jdbcUrl) {
        String u = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        if (u.startsWith("jdbc:postgresql:") || u.startsWith("jdbc:pgsql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:clickhouse:") || u.startsWith("jdbc:ch:")) {
            return CLICKHOUSE;
        }
        return ANSI;
    }

    /** Quotes one identifier part, doubling any embedded quote character. */
    public String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("empty SQL identifier");
        }
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }

    /**
     * Quotes a possibly qualified name such as {@code db.table} part by part. Parts already quoted in this dialect
     * are kept as they are, so {@code `my.db`.t} stays one schema part.
     */
    public String quoteQualified(String name) {
        List<String> parts = splitQualified(name);
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(quote(p));
        }
        return sb.toString();
    }

    /** Splits {@code a.b.c} into unquoted parts, honouring quoted parts in this dialect. */
    public List<String> splitQualified(String name) {
        if (name == null || name.trim().isEmpty()) {
            throw new IllegalArgumentException("empty SQL name");
        }
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inQuote = false;
        String s = name.trim();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == quote || (c == '"' && quote != '"' && !inQuote && cur.length() == 0)) {
                char q = c;
                if (inQuote && i + 1 < s.length() && s.charAt(i + 1) == q) {
                    cur.append(q);
                    i++;
                } else {
                    inQuote = !inQuote;
                }
            } else if (c == '.' && !inQuote) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (String p : parts) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("malformed SQL name: " + name);
            }
        }
        return parts;
    }

    /** Removes this dialect's quotes from a single identifier if present. */
    public String unquote(String identifier) {
        String s = identifier.trim();
        if (s.length() >= 2 && s.charAt(0) == quote && s.charAt(s.length() - 1) == quote) {
            String q = String.valueOf(quote);
            return s.substring(1, s.length() - 1).replace(q + q, q);
        }
        return s;
    }
}
