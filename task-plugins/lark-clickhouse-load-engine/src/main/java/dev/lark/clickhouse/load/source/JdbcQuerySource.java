package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.ConfigException;
import java.sql.Connection;
import java.sql.SQLException;

/** Rows of a query on any JDBC database, streamed with a fetch size and sent to ClickHouse as TSV batches. */
public final class JdbcQuerySource implements SourceSpec {
    /** Opens the source connection; the caller owns credentials (DS resolves them from a datasource id). */
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    private final ConnectionFactory connections;
    private final String query;
    private final String description;
    private final int fetchSize;

    public JdbcQuerySource(ConnectionFactory connections, String query, String description, int fetchSize) {
        ConfigException.require(connections != null, "source.datasource", null, "choose the source datasource");
        ConfigException.require(query != null && !query.trim().isEmpty(), "source.query", query,
                "give the SELECT that produces the rows");
        ConfigException.require(fetchSize > 0, "source.fetchSize", fetchSize, "use a positive fetch size, e.g. 10000");
        this.connections = connections;
        this.query = query;
        this.description = description == null ? "jdbc" : description;
        this.fetchSize = fetchSize;
    }

    public ConnectionFactory connections() {
        return connections;
    }

    public String query() {
        return query;
    }

    public int fetchSize() {
        return fetchSize;
    }

    @Override
    public String describe() {
        return "query on " + description;
    }
}
