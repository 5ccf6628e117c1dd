package dev.lark.ingest.writer;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.SqlDialect;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import dev.lark.ingest.reader.JdbcSupport;
import dev.lark.ingest.state.WatermarkStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code mysqlwriter}, {@code postgresqlwriter}, {@code rdbmswriter}: batches of {@code batchSize} rows per channel
 * connection. With {@code staging} (default) the channels load a staging table and commit merges it into the target
 * in ONE transaction together with the watermark row, so a failed or killed run changes nothing and a rerun never
 * duplicates. {@code writeMode}: {@code insert}; {@code replace} (MySQL {@code REPLACE INTO}, PostgreSQL
 * {@code ON CONFLICT (pk) DO UPDATE}); {@code update} ({@code ON DUPLICATE KEY UPDATE} / {@code ON CONFLICT}).
 * A batch the database rejects is retried row by row: the rows it still rejects go to the dead-letter with the
 * database's message.
 */
public final class JdbcWriter implements Writer {
    public static final Set<String> PARAMETERS = Set.of("username", "password", "column", "connection", "preSql",
            "postSql", "batchSize", "writeMode", "session", "staging", "stateTable", "driver", "jdbcUrl", "table",
            "encoding");
    private static final Set<String> MODES = Set.of("insert", "replace", "update");

    private final String pluginName;
    private final Params p;
    private final JdbcEndpoint endpoint;
    private final SqlDialect dialect;
    private final String table;
    private final List<String> columnParam;
    private final List<String> preSql;
    private final List<String> postSql;
    private final List<String> session;
    private final int batchSize;
    private final String writeMode;
    private final boolean staging;
    private final String stateTable;

    private IngestContext ctx;
    private List<String> columns;
    private List<String> keyColumns = new ArrayList<>();
    private String stagingTable;

    public JdbcWriter(String pluginName, Params p) {
        this.pluginName = pluginName;
        this.p = p;
        p.checkKnown(PARAMETERS);
        String url;
        String t;
        List<Params> conns = p.objects("connection");
        if (!conns.isEmpty()) {
            Params c = conns.get(0);
            c.checkKnown(Set.of("jdbcUrl", "table"));
            url = c.requireString("jdbcUrl", "give the target JDBC URL");
            List<String> ts = c.strings("table");
            if (ts.size() != 1) {
                throw ConfigException.invalid(c.path("table"), ts, "name exactly one target table");
            }
            t = ts.get(0);
        } else {
            url = p.requireString("jdbcUrl", "give connection[{jdbcUrl, table}]");
            t = p.requireString("table", "name the target table");
        }
        this.table = t;
        this.endpoint = JdbcSupport.endpoint(url, p.string("username", null), p.string("password", null),
                p.string("driver", null));
        this.dialect = endpoint.dialect();
        this.columnParam = p.strings("column");
        this.preSql = p.strings("preSql");
        this.postSql = p.strings("postSql");
        this.session = p.strings("session");
        this.batchSize = p.positiveInt("batchSize", 2048);
        this.writeMode = p.string("writeMode", "insert").toLowerCase(Locale.ROOT);
        if (!MODES.contains(writeMode)) {
            throw ConfigException.unknown(p.path("writeMode"), writeMode, MODES);
        }
        this.staging = p.bool("staging", true);
        this.stateTable = p.string("stateTable", "lark_ingest_state");
    }

    private Connection connect() throws SQLException {
        JdbcEndpoint e = endpoint;
        if (dialect == SqlDialect.POSTGRESQL && !e.jdbcUrl().contains("reWriteBatchedInserts")) {
            e = JdbcEndpoint.builder(e.jdbcUrl()).user(e.user()).password(e.password()).driverClass(e.driverClass())
                    .property("reWriteBatchedInserts", "true").build();
        }
        Connection c = e.connect();
        for (String s : session) {
            try (Statement st = c.createStatement()) {
                st.execute(s);
            }
        }
        return c;
    }

    private String q(String name) {
        return JdbcSupport.quoteName(dialect, name);
    }

    @Override
    public WatermarkStore watermarkStore(IngestContext ctx) {
        return new JdbcStateStore();
    }

    @Override
    public void prepare(IngestContext ctx, List<String> sourceColumns) throws Exception {
        this.ctx = ctx;
        try (Connection c = connect()) {
            List<String> tableCols = new ArrayList<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + q(table)
                    + " WHERE 1=0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    tableCols.add(md.getColumnName(i));
                }
            } catch (SQLException e) {
                throw ConfigException.invalid(p.path("connection[0].table"), table, "the target table cannot be"
                        + " read (" + e.getMessage() + ")");
            }
            List<String> cols = new ArrayList<>();
            if (columnParam.size() == 1 && columnParam.get(0).equals("*")) {
                cols.addAll(tableCols);
            } else {
                // no column list: target columns named like the reader's columns
                for (String s : columnParam.isEmpty() ? sourceColumns : columnParam) {
                    String name = JdbcSupport.plainName(s);
                    String match = null;
                    for (String tc : tableCols) {
                        if (tc.equalsIgnoreCase(name)) {
                            match = tc;
                        }
                    }
                    if (match == null) {
                        throw ConfigException.unknown(p.path("column"), name, tableCols);
                    }
                    cols.add(match);
                }
            }
            if (cols.size() != sourceColumns.size()) {
                throw ConfigException.invalid(p.path("column"), cols, "the reader yields " + sourceColumns.size()
                        + " columns " + sourceColumns + " but the writer lists " + cols.size());
            }
            this.columns = cols;
            if (!writeMode.equals("insert") && dialect == SqlDialect.POSTGRESQL) {
                keyColumns = primaryKey(c);
                if (keyColumns.isEmpty()) {
                    throw ConfigException.invalid(p.path("writeMode"), writeMode, "the PostgreSQL table " + table
                            + " has no primary key to match rows on; use insert or add a primary key");
                }
            }
            for (String sql : preSql) {
                try (Statement st = c.createStatement()) {
                    st.execute(sql.replace("@table", q(table)));
                }
            }
            if (staging) {
                stagingTable = stagingName();
                try (Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + q(stagingTable));
                    if (dialect == SqlDialect.POSTGRESQL) {
                        st.execute("CREATE TABLE " + q(stagingTable) + " (LIKE " + q(table) + " INCLUDING DEFAULTS)");
                    } else {
                        st.execute("CREATE TABLE " + q(stagingTable) + " LIKE " + q(table));
                    }
                }
                ctx.log(pluginName + ": loading into staging table " + stagingTable + ", merged into " + table
                        + " in one transaction at the end");
            }
        }
    }

    private String stagingName() {
        List<String> parts = dialect.splitQualified(table);
        String last = parts.get(parts.size() - 1);
        String name = last + "__lark_stg_" + Math.abs((ctx.jobKey() + "|" + ctx.runKey()).hashCode() % 100000);
        if (name.length() > 60) {
            name = name.substring(name.length() - 60);
        }
        parts.set(parts.size() - 1, name);
        return String.join(".", parts);
    }

    private List<String> primaryKey(Connection c) throws SQLException {
        List<String> parts = dialect.splitQualified(table);
        String schema = parts.size() > 1 ? parts.get(0) : null;
        String name = parts.get(parts.size() - 1);
        List<String> out = new ArrayList<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getPrimaryKeys(null, schema, name)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    private String columnList() {
        StringBuilder sb = new StringBuilder();
        for (String c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(dialect.quote(c));
        }
        return sb.toString();
    }

    /** INSERT/REPLACE/UPSERT head for the given table, without the VALUES/SELECT part. */
    private String writeHead(String into) {
        String verb = writeMode.equals("replace") && dialect == SqlDialect.MYSQL ? "REPLACE INTO " : "INSERT INTO ";
        return verb + q(into) + " (" + columnList() + ") ";
    }

    private String upsertTail() {
        if (writeMode.equals("insert") || (writeMode.equals("replace") && dialect == SqlDialect.MYSQL)) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        if (dialect == SqlDialect.MYSQL) {
            sb.append(" ON DUPLICATE KEY UPDATE ");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                String c = dialect.quote(columns.get(i));
                sb.append(c).append(" = VALUES(").append(c).append(')');
            }
            return sb.toString();
        }
        sb.append(" ON CONFLICT (");
        for (int i = 0; i < keyColumns.size(); i++) {
            sb.append(i > 0 ? ", " : "").append(dialect.quote(keyColumns.get(i)));
        }
        sb.append(") DO UPDATE SET ");
        boolean first = true;
        for (String col : columns) {
            if (keyColumns.contains(col)) {
                continue;
            }
            sb.append(first ? "" : ", ").append(dialect.quote(col)).append(" = EXCLUDED.").append(dialect.quote(col));
            first = false;
        }
        return first ? " ON CONFLICT DO NOTHING" : sb.toString();
    }

    @Override
    public WriterChannel open(int channel) throws SQLException {
        Connection c = connect();
        c.setAutoCommit(false);
        StringBuilder values = new StringBuilder("VALUES (");
        for (int i = 0; i < columns.size(); i++) {
            values.append(i > 0 ? ", ?" : "?");
        }
        values.append(')');
        // staging tables of MySQL keep the keys: write them with the same statement so duplicates merge there too
        String into = staging ? stagingTable : table;
        boolean upsertInStaging = !staging || dialect == SqlDialect.MYSQL;
        String sql = writeHead(into) + values + (upsertInStaging ? upsertTail() : "");
        PreparedStatement ps = c.prepareStatement(sql);
        return new WriterChannel() {
            @Override
            public void write(List<Object[]> batch, DirtySink dirty) throws Exception {
                int inBatch = 0;
                List<Object[]> pending = new ArrayList<>(batchSize);
                for (Object[] row : batch) {
                    bind(ps, row);
                    ps.addBatch();
                    pending.add(row);
                    if (++inBatch >= batchSize) {
                        execute(pending, dirty);
                        pending.clear();
                        inBatch = 0;
                    }
                }
                if (!pending.isEmpty()) {
                    execute(pending, dirty);
                }
            }

            private void execute(List<Object[]> rows, DirtySink dirty) throws Exception {
                try {
                    ps.executeBatch();
                    c.commit();
                } catch (SQLException batchError) {
                    c.rollback();
                    ps.clearBatch();
                    for (Object[] row : rows) {
                        try {
                            bind(ps, row);
                            ps.executeUpdate();
                            c.commit();
                        } catch (SQLException rowError) {
                            c.rollback();
                            dirty.dirty(row, "rejected by " + pluginName + ": " + rowError.getMessage());
                        }
                    }
                }
            }

            @Override
            public void finish() {
            }

            @Override
            public void close() throws SQLException {
                try {
                    ps.close();
                } finally {
                    c.close();
                }
            }
        };
    }

    private static void bind(PreparedStatement ps, Object[] row) throws SQLException {
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            if (v instanceof BigInteger) {
                ps.setBigDecimal(i + 1, new BigDecimal((BigInteger) v));
            } else if (v instanceof java.time.LocalDateTime) {
                ps.setTimestamp(i + 1, Timestamp.valueOf((java.time.LocalDateTime) v));
            } else if (v instanceof java.time.LocalDate) {
                ps.setDate(i + 1, java.sql.Date.valueOf((java.time.LocalDate) v));
            } else if (v instanceof java.util.List || v instanceof java.util.Map) {
                ps.setString(i + 1, toJson(v));
            } else if (v instanceof java.util.UUID || v instanceof java.net.InetAddress) {
                ps.setString(i + 1, Values.toStringValue(v));
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    private static String toJson(Object v) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(v);
        } catch (Exception e) {
            return String.valueOf(v);
        }
    }

    @Override
    public void commit(CommitRequest req) throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                if (req.incremental() && req.redoHigh() != null) {
                    String col = dialect.quote(req.targetIncrementalColumn());
                    if (req.low() == null) {
                        try (Statement st = c.createStatement()) {
                            st.executeUpdate("DELETE FROM " + q(table));
                        }
                    } else {
                        int type = columnType(c, req.targetIncrementalColumn());
                        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + q(table) + " WHERE " + col
                                + " > ?")) {
                            ps.setObject(1, JdbcSupport.watermarkBinding(req.low(), type, "watermark"));
                            ps.executeUpdate();
                        }
                    }
                    ctx.log(pluginName + ": rerun of run " + req.runKey() + ": replacing target rows after "
                            + (req.low() == null ? "(start)" : req.low()));
                }
                if (staging) {
                    try (Statement st = c.createStatement()) {
                        st.executeUpdate(writeHead(table) + "SELECT " + columnList() + " FROM " + q(stagingTable)
                                + upsertTail());
                    }
                }
                if (req.incremental()) {
                    new JdbcStateStore().save(c, req);
                }
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
            if (staging) {
                dropStaging(c);
            }
            for (String sql : postSql) {
                try (Statement st = c.createStatement()) {
                    st.execute(sql.replace("@table", q(table)));
                }
                // dropping the staging table switched to autocommit; MySQL Connector/J refuses commit() then
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        }
    }

    private int columnType(Connection c, String column) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + dialect.quote(column)
                + " FROM " + q(table) + " WHERE 1=0")) {
            return rs.getMetaData().getColumnType(1);
        }
    }

    private void dropStaging(Connection c) throws SQLException {
        if (stagingTable != null) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + q(stagingTable));
            }
            stagingTable = null;
        }
    }

    @Override
    public void abort() {
        if (stagingTable == null) {
            return;
        }
        try (Connection c = connect()) {
            dropStaging(c);
            ctx.log(pluginName + ": dropped the staging table; " + table + " is unchanged");
        } catch (SQLException e) {
            ctx.log(pluginName + ": could not drop staging table " + stagingTable + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public LineageReport.Dataset dataset() {
        String system = pluginName.replace("writer", "");
        String url = endpoint.jdbcUrl();
        int s = url.indexOf("//");
        String rest = s < 0 ? url : url.substring(s + 2);
        int slash = rest.indexOf('/');
        String location = slash < 0 ? rest : rest.substring(0, slash);
        String db = null;
        if (slash >= 0) {
            String d = rest.substring(slash + 1);
            int qm = d.indexOf('?');
            db = qm < 0 ? d : d.substring(0, qm);
        }
        String name = table.contains(".") || db == null || db.isEmpty() ? table : db + "." + table;
        return LineageReport.Dataset.of(system.equals("rdbms") ? "jdbc" : system, location, name);
    }

    /** Watermarks in {@code lark_ingest_state} on the target database, written in the data's transaction. */
    private final class JdbcStateStore implements WatermarkStore {
        private void ensure(Connection c) throws SQLException {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + q(stateTable) + " (job_key VARCHAR(200) NOT NULL, run_key"
                        + " VARCHAR(200) NOT NULL, low VARCHAR(200), high VARCHAR(200), rows_loaded BIGINT,"
                        + " committed_at TIMESTAMP(3) NOT NULL, PRIMARY KEY (job_key, run_key))");
            }
        }

        @Override
        public RunState forRun(String jobKey, String runKey) throws SQLException {
            try (Connection c = connect()) {
                ensure(c);
                try (PreparedStatement ps = c.prepareStatement("SELECT low, high FROM " + q(stateTable)
                        + " WHERE job_key = ? AND run_key = ?")) {
                    ps.setString(1, jobKey);
                    ps.setString(2, runKey);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? new RunState(rs.getString(1), rs.getString(2)) : null;
                    }
                }
            }
        }

        @Override
        public String latest(String jobKey) throws SQLException {
            try (Connection c = connect()) {
                ensure(c);
                try (PreparedStatement ps = c.prepareStatement("SELECT high FROM " + q(stateTable)
                        + " WHERE job_key = ? AND high IS NOT NULL ORDER BY committed_at DESC")) {
                    ps.setString(1, jobKey);
                    ps.setMaxRows(1);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            }
        }

        /** Inside the merge transaction: no DDL here (MySQL would commit implicitly); forRun created the table. */
        void save(Connection c, CommitRequest req) throws SQLException {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + q(stateTable) + " WHERE job_key = ? AND"
                    + " run_key = ?")) {
                del.setString(1, req.jobKey());
                del.setString(2, req.runKey());
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + q(stateTable) + " (job_key, run_key, low,"
                    + " high, rows_loaded, committed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, req.jobKey());
                ins.setString(2, req.runKey());
                ins.setString(3, req.low());
                ins.setString(4, req.high());
                ins.setLong(5, req.rows());
                ins.setTimestamp(6, new Timestamp(System.currentTimeMillis()));
                ins.executeUpdate();
            }
        }
    }
}
