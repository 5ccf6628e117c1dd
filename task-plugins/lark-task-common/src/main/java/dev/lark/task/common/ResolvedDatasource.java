package dev.lark.task.common;

import dev.lark.engine.common.JdbcEndpoint;
import java.util.Objects;

/** A DS datasource resolved on the worker: its id, DS type name (MYSQL, POSTGRESQL, CLICKHOUSE ...) and endpoint. */
public final class ResolvedDatasource {
    private final int id;
    private final String type;
    private final String database;
    private final JdbcEndpoint endpoint;

    public ResolvedDatasource(int id, String type, String database, JdbcEndpoint endpoint) {
        this.id = id;
        this.type = Objects.requireNonNull(type);
        this.database = database;
        this.endpoint = Objects.requireNonNull(endpoint);
    }

    public int id() {
        return id;
    }

    /** The DS {@code DbType} name. */
    public String type() {
        return type;
    }

    /** The database (schema) the datasource points at; may be null. */
    public String database() {
        return database;
    }

    public JdbcEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String toString() {
        return "datasource " + id + " (" + type + ", " + endpoint + ")";
    }
}
