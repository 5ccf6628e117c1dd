package dev.lark.clickhouse.load.client;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.DataStreamWriter;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import dev.lark.clickhouse.load.LoadException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A client-v2 connection to the first reachable endpoint, with the few calls the loader needs. */
public final class ClickHouseSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSession.class);
    private final Client client;
    private final String endpoint;

    private ClickHouseSession(Client client, String endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Tries the endpoints in order and keeps the first that answers a ping (simple failover). */
    public static ClickHouseSession open(ClickHouseTarget target) {
        RuntimeException last = null;
        for (String e : target.endpoints()) {
            Client c = target.open(e);
            try {
                if (c.ping(10_000)) {
                    return new ClickHouseSession(c, e);
                }
                last = new LoadException("ClickHouse at " + e + " does not answer ping");
            } catch (RuntimeException ex) {
                last = ex;
            }
            LOG.warn("ClickHouse endpoint {} unreachable, trying the next one", e);
            c.close();
        }
        throw new LoadException("no ClickHouse endpoint reachable among " + target.endpoints(), last);
    }

    public String endpoint() {
        return endpoint;
    }

    public Client client() {
        return client;
    }

    public long execute(String sql) {
        return execute(sql, Map.of());
    }

    /** Runs a statement; returns the rows it wrote (INSERT ... SELECT), 0 for DDL. */
    public long execute(String sql, Map<String, Object> params) {
        try (com.clickhouse.client.api.command.CommandResponse r = client.execute(sql, params).get(6, TimeUnit.HOURS)) {
            return r.getWrittenRows();
        } catch (Exception e) {
            throw failure(sql, e);
        }
    }

    public List<GenericRecord> query(String sql, Map<String, Object> params) {
        try {
            return client.queryAll(sql, params);
        } catch (RuntimeException e) {
            throw failure(sql, e);
        }
    }

    public long scalarLong(String sql, Map<String, Object> params) {
        List<GenericRecord> rows = query(sql, params);
        return rows.isEmpty() ? 0 : rows.get(0).getLong(1);
    }

    public InsertResponse insert(String table, List<String> columns, InputStream data, ClickHouseFormat format,
            InsertSettings settings) {
        try {
            return client.insert(table, columns, data, format, settings).get();
        } catch (Exception e) {
            throw failure("INSERT INTO " + table, e);
        }
    }

    public InsertResponse insert(String table, List<String> columns, DataStreamWriter writer, ClickHouseFormat format,
            InsertSettings settings) {
        try {
            return client.insert(table, columns, writer, format, settings).get();
        } catch (Exception e) {
            throw failure("INSERT INTO " + table, e);
        }
    }

    private static LoadException failure(String sql, Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        String head = sql.length() > 300 ? sql.substring(0, 300) + "..." : sql;
        return new LoadException("ClickHouse rejected: " + head + "\n  -> " + cause.getMessage(), cause);
    }

    @Override
    public void close() {
        client.close();
    }
}
