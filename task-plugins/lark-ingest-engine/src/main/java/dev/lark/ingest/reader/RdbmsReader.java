package dev.lark.ingest.reader;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.SqlDialect;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.job.Params;
import dev.lark.ingest.split.KeyRangeSplitter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mysqlreader}, {@code postgresqlreader}, {@code clickhousereader} and {@code rdbmsreader}: DataX's
 * parameters ({@code username, password, column, splitPk, where, connection[{table|querySql, jdbcUrl}], fetchSize,
 * session}) plus Lark's {@code incrementalColumn}, {@code splitFactor}, {@code sampleSize}, {@code driver}.
 * Rows stream with a fetch size; each split is one SELECT with a bound key range.
 */
public final class RdbmsReader implements Reader {
    public static final Set<String> PARAMETERS = Set.of("username", "password", "column", "splitPk", "where",
            "connection", "fetchSize", "session", "incrementalColumn", "splitFactor", "sampleSize", "driver",
            "jdbcUrl", "table", "querySql", "mandatoryEncoding");

    private final String pluginName;
    private final Params p;
    private final JdbcEndpoint endpoint;
    private final SqlDialect dialect;
    private final String table;
    private final List<String> querySqls;
    private final List<String> columnSpecs;
    private final String where;
    private final String splitPk;
    private final String incrementalColumn;
    private final int fetchSize;
    private final int splitFactor;
    private final int sampleSize;
    private final List<String> session;

    private IngestContext ctx;
    private List<String> columns = Collections.emptyList();
    private String low;
    private Object lowBinding;
    private Object highBinding;
    private String high;
    private long estimate = -1;

    public RdbmsReader(String pluginName, Params p) {
        this.pluginName = pluginName;
        this.p = p;
        p.checkKnown(PARAMETERS);
        List<Params> conns = p.objects("connection");
        String url;
        List<String> tables;
        List<String> sqls;
        if (!conns.isEmpty()) {
            if (conns.size() > 1) {
                throw ConfigException.invalid(p.path("connection"), conns.size() + " entries",
                        "give one connection per content entry (add another job.content entry for another source)");
            }
            Params c = conns.get(0);
            c.checkKnown(Set.of("jdbcUrl", "table", "querySql"));
            List<String> urls = c.strings("jdbcUrl");
            if (urls.isEmpty()) {
                throw ConfigException.missing(c.path("jdbcUrl"), "give the source JDBC URL");
            }
            url = urls.get(0);
            tables = c.strings("table");
            sqls = c.strings("querySql");
        } else {
            url = p.requireString("jdbcUrl", "give connection[{jdbcUrl, table}] or jdbcUrl");
            tables = p.strings("table");
            sqls = p.strings("querySql");
        }
        if (tables.isEmpty() && sqls.isEmpty()) {
            throw ConfigException.missing(p.path("connection[0].table"), "name a table or give querySql");
        }
        if (tables.size() > 1) {
            throw ConfigException.invalid(p.path("connection[0].table"), tables, "read one table per content"
                    + " entry (sharded tables: one content entry each)");
        }
        this.table = tables.isEmpty() ? null : tables.get(0);
        this.querySqls = sqls;
        this.endpoint = JdbcSupport.endpoint(url, p.string("username", null), p.string("password", null),
                p.string("driver", null));
        this.dialect = pluginName.equals("clickhousereader") ? SqlDialect.CLICKHOUSE : endpoint.dialect();
        this.columnSpecs = p.strings("column");
        if (table != null && columnSpecs.isEmpty()) {
            throw ConfigException.missing(p.path("column"), "list the columns to read, or [\"*\"] for all");
        }
        this.where = p.string("where", null);
        this.splitPk = p.string("splitPk", null);
        this.incrementalColumn = p.string("incrementalColumn", null);
        if (incrementalColumn != null && table == null) {
            throw ConfigException.invalid(p.path("incrementalColumn"), incrementalColumn,
                    "incremental reads need connection[].table, not querySql");
        }
        this.fetchSize = p.positiveInt("fetchSize", 4096);
        this.splitFactor = p.positiveInt("splitFactor", 5);
        this.sampleSize = p.positiveInt("sampleSize", 2000);
        this.session = p.strings("session");
    }

    @Override
    public String incrementalColumn() {
        return incrementalColumn;
    }

    @Override
    public void setLowWatermark(String lowWatermark) {
        this.low = lowWatermark;
    }

    Connection connect() throws SQLException {
        Connection c = endpoint.connect();
        for (String s : session) {
            try (Statement st = c.createStatement()) {
                st.execute(s);
            }
        }
        return c;
    }

    @Override
    public void prepare(IngestContext ctx) throws Exception {
        this.ctx = ctx;
        try (Connection c = connect()) {
            if (table == null) {
                columns = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(querySqls.get(0))) {
                    ps.setMaxRows(1);
                    try (ResultSet rs = ps.executeQuery()) {
                        ResultSetMetaData md = rs.getMetaData();
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            columns.add(md.getColumnLabel(i));
                        }
                    }
                }
                return;
            }
            columns = resolveColumns(c);
            if (incrementalColumn != null) {
                prepareIncremental(c);
            }
            estimate = estimateRows(c);
        }
    }

    private List<String> resolveColumns(Connection c) throws SQLException {
        if (columnSpecs.size() == 1 && columnSpecs.get(0).trim().equals("*")) {
            List<String> out = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + from()
                    + " WHERE 1=0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    out.add(md.getColumnLabel(i));
                }
            }
            return out;
        }
        List<String> out = new ArrayList<>();
        // fail early, with the column list, when a name does not exist
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + selectList() + " FROM "
                + from() + " WHERE 1=0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 0; i < columnSpecs.size(); i++) {
                String spec = columnSpecs.get(i);
                // an expression ("upper(name) AS n") is named by its label, as the same query would name it
                boolean plain = JdbcSupport.isPlainIdentifier(JdbcSupport.plainName(spec));
                out.add(plain || md.getColumnCount() != columnSpecs.size() ? JdbcSupport.plainName(spec)
                        : md.getColumnLabel(i + 1));
            }
        } catch (SQLException e) {
            throw ConfigException.invalid(p.path("column"), columnSpecs, "the source rejected the column list ("
                    + e.getMessage() + ")");
        }
        return out;
    }

    private String from() {
        return JdbcSupport.quoteName(dialect, table);
    }

    private String selectList() {
        if (columnSpecs.size() == 1 && columnSpecs.get(0).trim().equals("*")) {
            StringBuilder sb = new StringBuilder();
            for (String col : columns) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(dialect.quote(col));
            }
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (String col : columnSpecs) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(JdbcSupport.quoteColumn(dialect, col));
        }
        return sb.toString();
    }

    private void prepareIncremental(Connection c) throws SQLException {
        String inc = dialect.quote(JdbcSupport.plainName(incrementalColumn));
        int type;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + inc + " FROM " + from()
                + " WHERE 1=0")) {
            type = rs.getMetaData().getColumnType(1);
        } catch (SQLException e) {
            throw ConfigException.invalid(p.path("incrementalColumn"), incrementalColumn, "no such column in "
                    + table + " (" + e.getMessage() + ")");
        }
        if (low != null) {
            lowBinding = JdbcSupport.watermarkBinding(low, type, p.path("incrementalColumn"));
        }
        StringBuilder sql = new StringBuilder("SELECT MAX(").append(inc).append(") FROM ").append(from());
        List<String> conds = new ArrayList<>();
        if (where != null) {
            conds.add("(" + where + ")");
        }
        if (lowBinding != null) {
            conds.add(inc + " > ?");
        }
        if (!conds.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conds));
        }
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            if (lowBinding != null) {
                ps.setObject(1, lowBinding);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                highBinding = rs.getObject(1);
                if (highBinding instanceof java.time.LocalDateTime) {
                    highBinding = java.sql.Timestamp.valueOf((java.time.LocalDateTime) highBinding);
                }
                high = JdbcSupport.watermarkString(highBinding);
            }
        }
        ctx.log(pluginName + ": incremental on " + incrementalColumn + ": after " + (low == null ? "(start)" : low)
                + " up to " + (high == null ? "(no new rows)" : high));
    }

    private long estimateRows(Connection c) {
        if (where != null || incrementalColumn != null) {
            return -1;
        }
        List<String> parts = dialect.splitQualified(table);
        String name = parts.get(parts.size() - 1);
        String sql;
        if (dialect == SqlDialect.MYSQL) {
            sql = parts.size() > 1 ? "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND"
                    + " TABLE_NAME = ?" : "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA ="
                    + " DATABASE() AND TABLE_NAME = ?";
        } else if (dialect == SqlDialect.POSTGRESQL) {
            sql = "SELECT reltuples::bigint FROM pg_class WHERE relname = ?";
        } else {
            return -1;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (dialect == SqlDialect.MYSQL && parts.size() > 1) {
                ps.setString(1, parts.get(0));
                ps.setString(2, name);
            } else {
                ps.setString(1, name);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            return -1;
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public long estimatedRows() {
        return estimate;
    }

    @Override
    public String newWatermark() {
        return incrementalColumn == null ? null : (high != null ? high : low);
    }

    @Override
    public String oldWatermark() {
        return low;
    }

    /** Base predicate: user's where plus the incremental range. Bindings in order. */
    private String basePredicate(List<Object> bindings) {
        List<String> conds = new ArrayList<>();
        if (where != null) {
            conds.add("(" + where + ")");
        }
        if (incrementalColumn != null) {
            String inc = dialect.quote(JdbcSupport.plainName(incrementalColumn));
            if (lowBinding != null) {
                conds.add(inc + " > ?");
                bindings.add(lowBinding);
            }
            conds.add(inc + " <= ?");
            bindings.add(highBinding);
        }
        return conds.isEmpty() ? null : String.join(" AND ", conds);
    }

    @Override
    public List<Split> splits(int channels) throws Exception {
        List<Split> out = new ArrayList<>();
        if (table == null) {
            for (int i = 0; i < querySqls.size(); i++) {
                out.add(new Split(i, "querySql[" + i + "]", null, null, querySqls.get(i)));
            }
            return out;
        }
        if (incrementalColumn != null && highBinding == null) {
            return out; // nothing new
        }
        List<Object> baseBindings = new ArrayList<>();
        String base = basePredicate(baseBindings);
        if (splitPk == null || channels <= 1) {
            out.add(new Split(0, "all", base, baseBindings, null));
            return out;
        }
        try (Connection c = connect()) {
            KeyRangeSplitter splitter = new KeyRangeSplitter(dialect, from(), JdbcSupport.plainName(splitPk),
                    p.path("splitPk"), base, baseBindings, channels * splitFactor, sampleSize);
            out.addAll(splitter.split(c));
        }
        ctx.log(pluginName + ": " + out.size() + " splits on " + splitPk + " for " + channels + " channels");
        return out;
    }

    @Override
    public void read(Split split, RowSink sink) throws Exception {
        String sql;
        List<Object> bindings;
        if (table == null) {
            sql = (String) split.payload();
            bindings = Collections.emptyList();
        } else {
            sql = "SELECT " + selectList() + " FROM " + from() + (split.predicate() == null ? "" : " WHERE "
                    + split.predicate());
            bindings = split.bindings();
        }
        try (Connection c = connect()) {
            boolean pg = dialect == SqlDialect.POSTGRESQL;
            if (pg) {
                c.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            }
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                // MySQL Connector/J (on DS's classpath for MYSQL datasources) buffers the whole result unless
                // asked to stream row by row; MariaDB's and PostgreSQL's drivers honour the fetch size
                ps.setFetchSize(isMySqlConnectorJ(c) ? Integer.MIN_VALUE : fetchSize);
                for (int i = 0; i < bindings.size(); i++) {
                    ps.setObject(i + 1, bindings.get(i));
                }
                Runnable cancelHook = () -> {
                    try {
                        ps.cancel();
                    } catch (SQLException e) {
                        // best effort
                    }
                };
                try (ResultSet rs = ps.executeQuery()) {
                    JdbcSupport.Extractor[] ex = JdbcSupport.extractors(rs.getMetaData());
                    int n = ex.length;
                    long count = 0;
                    while (rs.next()) {
                        Object[] row = new Object[n];
                        for (int i = 0; i < n; i++) {
                            row[i] = ex[i].get(rs);
                        }
                        sink.put(row);
                        if ((++count & 1023) == 0 && ctx.cancellation().isCancelled()) {
                            cancelHook.run();
                            ctx.cancellation().throwIfCancelled();
                        }
                    }
                }
            } finally {
                if (pg) {
                    c.rollback();
                }
            }
        }
    }

    private static boolean isMySqlConnectorJ(Connection c) throws SQLException {
        return c.getMetaData().getDriverName().startsWith("MySQL Connector");
    }

    @Override
    public LineageReport.Dataset dataset() {
        String system = pluginName.replace("reader", "");
        String location = hostPort(endpoint.jdbcUrl());
        String name = table != null ? table : "query:" + Integer.toHexString(String.join(";", querySqls).hashCode());
        String db = database(endpoint.jdbcUrl());
        if (table != null && !table.contains(".") && db != null) {
            name = db + "." + table;
        }
        return LineageReport.Dataset.of(system.equals("rdbms") ? "jdbc" : system, location, name);
    }

    static String hostPort(String url) {
        int s = url.indexOf("//");
        if (s < 0) {
            return url;
        }
        int e = url.indexOf('/', s + 2);
        int q = url.indexOf('?', s + 2);
        int end = e < 0 ? (q < 0 ? url.length() : q) : (q < 0 ? e : Math.min(e, q));
        String hp = url.substring(s + 2, end);
        int at = hp.lastIndexOf('@');
        return at >= 0 ? hp.substring(at + 1) : hp;
    }

    static String database(String url) {
        int s = url.indexOf("//");
        if (s < 0) {
            return null;
        }
        int e = url.indexOf('/', s + 2);
        if (e < 0) {
            return null;
        }
        int q = url.indexOf('?', e);
        String db = url.substring(e + 1, q < 0 ? url.length() : q);
        return db.isEmpty() ? null : db.toLowerCase(Locale.ROOT).equals(db) ? db : db;
    }
}
