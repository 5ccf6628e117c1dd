package dev.lark.clean.job.source;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.LineageReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a JDBC query. With {@code column} the raw record is that column's text (e.g. a JSON payload);
 * without it each row becomes a JSON object of all columns, so a config starts with a json step.
 */
public final class JdbcSource implements InputSource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JdbcEndpoint endpoint;
    private final String query;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rs;
    private final String column;
    private final int batchSize;

    public JdbcSource(JdbcEndpoint endpoint, String query, String column, int batchSize) throws SQLException {
        this.endpoint = endpoint;
        this.query = query;
        this.column = column == null || column.isEmpty() ? null : column;
        this.batchSize = batchSize;
        this.connection = endpoint.connect();
        this.statement = connection.createStatement();
        statement.setFetchSize(batchSize);
        this.rs = statement.executeQuery(query);
    }

    /** For the DS cancel hook: unblocks a long-running read. */
    public void cancel() {
        try {
            statement.cancel();
        } catch (SQLException ignored) {
            // the task is being killed anyway
        }
    }

    @Override
    public List<String> poll() throws SQLException {
        List<String> batch = new ArrayList<>(batchSize);
        ResultSetMetaData md = rs.getMetaData();
        while (batch.size() < batchSize && rs.next()) {
            if (column != null) {
                batch.add(rs.getString(column));
            } else {
                ObjectNode o = JSON.createObjectNode();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    o.set(md.getColumnLabel(i), v == null ? o.nullNode() : JSON.valueToTree(v instanceof java.util.Date ? v.toString() : v));
                }
                batch.add(o.toString());
            }
        }
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of(endpoint.dialect().name().toLowerCase(), endpoint.jdbcUrl(), "query: " + query);
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connection; Statement s = statement; ResultSet r = rs) {
            // closes all three
        }
    }
}
