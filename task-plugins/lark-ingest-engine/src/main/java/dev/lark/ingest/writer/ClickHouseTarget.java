package dev.lark.ingest.writer;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.Secrets;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A ClickHouse endpoint parsed from a DataX-style JDBC URL, and the client-v2 client for it. */
public final class ClickHouseTarget implements AutoCloseable {
    private final String httpUrl;
    private final String database;
    private final Client client;

    private ClickHouseTarget(String httpUrl, String database, Client client) {
        this.httpUrl = httpUrl;
        this.database = database;
        this.client = client;
    }

    /**
     * Accepts {@code jdbc:clickhouse://host:port/db}, {@code jdbc:clickhouse:http://host:port/db},
     * {@code jdbc:ch://...} and {@code http://host:port/db}.
     */
    public static ClickHouseTarget connect(String field, String url, String user, String password) {
        String u = url.trim();
        for (String prefix : new String[] {"jdbc:clickhouse:", "jdbc:ch:"}) {
            if (u.startsWith(prefix)) {
                u = u.substring(prefix.length());
            }
        }
        if (u.startsWith("//")) {
            u = "http:" + u;
        }
        URI uri;
        try {
            uri = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid(field, url, "use jdbc:clickhouse://host:8123/database");
        }
        if (uri.getHost() == null) {
            throw ConfigException.invalid(field, url, "use jdbc:clickhouse://host:8123/database");
        }
        String scheme = uri.getScheme() == null || uri.getScheme().equals("clickhouse") ? "http" : uri.getScheme();
        int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 8443 : 8123);
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "default" : uri.getPath().substring(1);
        String http = scheme + "://" + uri.getHost() + ":" + port;
        Client c = new Client.Builder().addEndpoint(http).setUsername(user == null ? "default" : user)
                .setPassword(password == null ? "" : password).setDefaultDatabase(db)
                .compressClientRequest(false).compressServerResponse(false)
                .setClientName("lark-ingest").useAsyncRequests(true).build();
        return new ClickHouseTarget(http, db, c);
    }

    public Client client() {
        return client;
    }

    public String database() {
        return database;
    }

    public String location() {
        return httpUrl.replaceFirst("^https?://", "");
    }

    public void execute(String sql) {
        try {
            client.execute(sql).get(10, TimeUnit.MINUTES).close();
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse failed: " + Secrets.redact(sql) + ": " + rootMessage(e), e);
        }
    }

    public void execute(String sql, Map<String, Object> params) {
        try {
            client.execute(sql, params).get(10, TimeUnit.MINUTES).close();
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse failed: " + Secrets.redact(sql) + ": " + rootMessage(e), e);
        }
    }

    public List<GenericRecord> query(String sql, Map<String, Object> params) {
        try {
            return client.queryAll(sql, params);
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse failed: " + Secrets.redact(sql) + ": " + rootMessage(e), e);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return Secrets.redact(String.valueOf(r.getMessage()));
    }

    @Override
    public void close() {
        client.close();
    }
}
