package dev.lark.ingest.reader;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Decides whether a {@code querySql} (DS's DATAX form reads through one) can be read like a table, so that the
 * engine can split it on a key and run it over several channels: it must be one plain {@code SELECT} from one table
 * without alias, join, {@code DISTINCT}, {@code GROUP BY}, {@code HAVING}, {@code LIMIT}/{@code OFFSET}/{@code
 * FETCH}, {@code WITH}, set operation, {@code INTO}, locking clause, aggregate or window function. Anything else is
 * read as written, on one channel, and {@link #reason()} says why. {@code ORDER BY} is dropped when splitting:
 * parallel channels do not keep an order anyway.
 */
public final class SingleTableQuery {
    private static final Pattern AGGREGATE_OR_WINDOW = Pattern.compile("(?i)\\b(COUNT|SUM|AVG|MIN|MAX|GROUP_CONCAT"
            + "|STRING_AGG|ARRAY_AGG|LISTAGG|JSON_ARRAYAGG|JSON_OBJECTAGG|JSON_AGG|JSONB_AGG|BIT_AND|BIT_OR|BIT_XOR"
            + "|BOOL_AND|BOOL_OR|EVERY|STDDEV\\w*|VARIANCE|VAR_POP|VAR_SAMP|UNIQ\\w*|ANY|ARGMAX|ARGMIN|GROUPARRAY"
            + "|QUANTILE\\w*)\\s*\\(|\\bOVER\\s*\\(");

    private final String table;
    private final List<String> columns;
    private final String where;
    private final String reason;

    private SingleTableQuery(String table, List<String> columns, String where, String reason) {
        this.table = table;
        this.columns = columns;
        this.where = where;
        this.reason = reason;
    }

    private static SingleTableQuery no(String reason) {
        return new SingleTableQuery(null, Collections.emptyList(), null, reason);
    }

    /** Parses {@code sql}; never throws: SQL JSqlParser cannot read is simply not splittable. */
    public static SingleTableQuery analyze(String sql) {
        String text = sql == null ? "" : sql.trim();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).trim();
        }
        Statement st;
        try {
            st = CCJSqlParserUtil.parse(text);
        } catch (JSQLParserException | RuntimeException e) {
            return no("the SQL parser (JSqlParser) cannot read it");
        }
        if (!(st instanceof PlainSelect)) {
            return no("it is not one plain SELECT (" + st.getClass().getSimpleName() + ")");
        }
        PlainSelect s = (PlainSelect) st;
        if (s.getWithItemsList() != null && !s.getWithItemsList().isEmpty()) {
            return no("it has a WITH clause");
        }
        if (!(s.getFromItem() instanceof Table)) {
            return no(s.getFromItem() == null ? "it reads no table" : "it reads from a subquery or function, not a"
                    + " table");
        }
        Table t = (Table) s.getFromItem();
        if (s.getJoins() != null && !s.getJoins().isEmpty()) {
            return no("it joins " + (s.getJoins().size() + 1) + " tables");
        }
        if (t.getAlias() != null) {
            return no("the table has an alias (" + t.getAlias().getName().trim() + ")");
        }
        if (s.getDistinct() != null) {
            return no("it is a SELECT DISTINCT");
        }
        if (s.getGroupBy() != null) {
            return no("it has GROUP BY");
        }
        if (s.getHaving() != null) {
            return no("it has HAVING");
        }
        if (s.getLimit() != null || s.getOffset() != null || s.getFetch() != null || s.getTop() != null
                || s.getLimitBy() != null) {
            return no("it has LIMIT/OFFSET/FETCH");
        }
        if (s.getIntoTables() != null && !s.getIntoTables().isEmpty()) {
            return no("it is a SELECT INTO");
        }
        if (s.getForMode() != null || s.getQualify() != null || s.getWindowDefinitions() != null) {
            return no("it has a locking, QUALIFY or WINDOW clause");
        }
        List<String> cols = new ArrayList<>();
        for (SelectItem<?> item : s.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns && item.getAlias() == null) {
                cols.add(e.toString());
                continue;
            }
            String itemText = item.toString();
            if (AGGREGATE_OR_WINDOW.matcher(itemText).find()) {
                return no("its select list has an aggregate or window function (" + itemText + ")");
            }
            cols.add(itemText);
        }
        String w = s.getWhere() == null ? null : s.getWhere().toString();
        return new SingleTableQuery(t.getFullyQualifiedName(), Collections.unmodifiableList(cols), w, null);
    }

    /** True when the query reads one table plainly and can be split on a key of that table. */
    public boolean splittable() {
        return reason == null;
    }

    /** Why it cannot be split (null when it can). */
    public String reason() {
        return reason;
    }

    /** The table as written (maybe qualified or quoted). */
    public String table() {
        return table;
    }

    /** The select list items as written ({@code *}, {@code name}, {@code upper(name) AS n} ...). */
    public List<String> columns() {
        return columns;
    }

    /** The WHERE condition, or null. */
    public String where() {
        return where;
    }

    /**
     * The first column of the table's primary key from the driver's metadata (a range split on it covers every row
     * exactly once), or null when the table has none or the driver does not say.
     */
    public static String primaryKey(Connection c, String table) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (String p : table.split("\\.")) {
            parts.add(unquote(p));
        }
        String name = parts.get(parts.size() - 1);
        String qualifier = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        DatabaseMetaData md = c.getMetaData();
        boolean catalogs = md.getDatabaseProductName().toLowerCase(Locale.ROOT).matches(".*(mysql|mariadb).*");
        String catalog = catalogs ? (qualifier != null ? qualifier : c.getCatalog()) : null;
        String schema = catalogs ? null : (qualifier != null ? qualifier : schemaOf(c));
        for (String candidate : new String[] {name, name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT)}) {
            TreeMap<Short, String> keys = new TreeMap<>();
            try (ResultSet rs = md.getPrimaryKeys(catalog, schema, candidate)) {
                while (rs.next()) {
                    keys.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
            if (!keys.isEmpty()) {
                return keys.firstEntry().getValue();
            }
        }
        return null;
    }

    private static String schemaOf(Connection c) {
        try {
            return c.getSchema();
        } catch (SQLException | AbstractMethodError e) {
            return null;
        }
    }

    private static String unquote(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.startsWith("`") && t.endsWith("`") || t.startsWith("\"") && t.endsWith("\""))) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
