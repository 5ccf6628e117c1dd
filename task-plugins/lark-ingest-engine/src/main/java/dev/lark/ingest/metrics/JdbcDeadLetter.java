package dev.lark.ingest.metrics;

import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.SqlDialect;
import dev.lark.ingest.reader.JdbcSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

/** Dirty records as rows of a table {@code (job_key, ts, stage, reason, record)} in a JDBC database. */
final class JdbcDeadLetter implements DeadLetter {
    private final JdbcEndpoint endpoint;
    private final String table;
    private final String jobKey;
    private Connection conn;
    private PreparedStatement insert;

    JdbcDeadLetter(JdbcEndpoint endpoint, String table, String jobKey) {
        this.endpoint = endpoint;
        this.table = table;
        this.jobKey = jobKey;
    }

    @Override
    public synchronized void write(String stage, List<String> columns, Object[] values, String raw, String reason)
            throws SQLException {
        if (conn == null) {
            conn = endpoint.connect();
            SqlDialect d = endpoint.dialect();
            String t = JdbcSupport.quoteName(d, table);
            try (Statement st = conn.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + t + " (job_key VARCHAR(200), ts TIMESTAMP(3), stage"
                        + " VARCHAR(16), reason TEXT, record TEXT)");
            }
            insert = conn.prepareStatement("INSERT INTO " + t + " (job_key, ts, stage, reason, record) VALUES (?, ?,"
                    + " ?, ?, ?)");
        }
        insert.setString(1, jobKey);
        insert.setTimestamp(2, new Timestamp(System.currentTimeMillis()));
        insert.setString(3, stage);
        insert.setString(4, reason);
        insert.setString(5, FileDeadLetter.toJsonString(stage, columns, values, raw, reason));
        insert.executeUpdate();
    }

    @Override
    public String describe() {
        return "table " + table + " (" + JdbcSupport.normalizeUrl(endpoint.jdbcUrl()).replaceAll("\\?.*", "") + ")";
    }

    @Override
    public synchronized void close() throws SQLException {
        if (conn != null) {
            conn.close();
        }
    }
}
