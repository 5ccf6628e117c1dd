package dev.lark.clickhouse.load.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * The tables a source query reads, as {@code db.table}, for lineage: a query source is reported as the tables it
 * reads, not as the query text. Names without a database get the database the query runs in. CTE names, subqueries
 * and table functions ({@code numbers(10)}, {@code file(...)}) are not tables and are left out.
 */
public final class QueryTables {
    private QueryTables() {
    }

    /**
     * @param query a SELECT (ClickHouse dialect as far as JSqlParser understands it)
     * @param defaultDatabase the database unqualified names resolve to
     * @return distinct {@code db.table} names in order of appearance, possibly empty
     * @throws IllegalArgumentException when the query cannot be parsed; the message says why
     */
    public static List<String> read(String query, String defaultDatabase) {
        if (query == null || query.trim().isEmpty()) {
            throw new IllegalArgumentException("the query is empty");
        }
        if (defaultDatabase == null || defaultDatabase.trim().isEmpty()) {
            throw new IllegalArgumentException("no default database for unqualified table names");
        }
        Statement st;
        try {
            st = CCJSqlParserUtil.parse(query);
        } catch (JSQLParserException | RuntimeException e) {
            throw new IllegalArgumentException("JSqlParser could not parse the query: " + firstLine(e), e);
        }
        Recorder finder = new Recorder();
        // getTables leaves out WITH (CTE) names; the recorder maps each remaining name back to its parts
        Set<String> names = finder.getTables(st);
        Map<String, String> qualified = new LinkedHashMap<>();
        for (Map.Entry<String, Table> e : finder.seen.entrySet()) {
            if (names.contains(e.getKey())) {
                Table t = e.getValue();
                String db = t.getSchemaName() == null || t.getSchemaName().isEmpty() ? defaultDatabase.trim()
                        : unquote(t.getSchemaName());
                String name = db + "." + unquote(t.getName());
                qualified.put(name, name);
            }
        }
        return Collections.unmodifiableList(new ArrayList<>(qualified.values()));
    }

    static String unquote(String identifier) {
        String s = identifier.trim();
        if (s.length() >= 2) {
            char first = s.charAt(0);
            char last = s.charAt(s.length() - 1);
            if ((first == '`' && last == '`') || (first == '"' && last == '"')) {
                return s.substring(1, s.length() - 1);
            }
        }
        return s;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Remembers the parsed {@link Table} behind every name TablesNamesFinder reports. */
    private static final class Recorder extends TablesNamesFinder<Void> {
        private final Map<String, Table> seen = new LinkedHashMap<>();

        @Override
        protected String extractTableName(Table table) {
            String name = super.extractTableName(table);
            seen.putIfAbsent(name, table);
            return name;
        }
    }
}
