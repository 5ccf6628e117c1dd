package dev.lark.clickhouse.load.client;

import com.clickhouse.client.api.Client;
import dev.lark.clickhouse.load.ConfigException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to reach the target ClickHouse over HTTP(S). The password never appears in {@link #toString()}; DS bindings
 * fill it from the datasource, never from task parameters.
 */
public final class ClickHouseTarget {
    private final List<String> endpoints;
    private final String user;
    private final String password;
    /** null: automatic (off for a loopback endpoint, on otherwise). */
    private final Boolean compression;
    private final Map<String, String> serverSettings;
    private final long socketTimeoutMs;

    private ClickHouseTarget(Builder b) {
        ConfigException.require(!b.endpoints.isEmpty(), "clickhouse.endpoints", "[]",
                "give at least one http://host:8123 endpoint");
        for (String e : b.endpoints) {
            ConfigException.require(e.startsWith("http://") || e.startsWith("https://"), "clickhouse.endpoints", e,
                    "endpoints are HTTP(S) URLs such as http://127.0.0.1:8123");
        }
        this.endpoints = Collections.unmodifiableList(new ArrayList<>(b.endpoints));
        this.user = b.user == null ? "default" : b.user;
        this.password = b.password == null ? "" : b.password;
        this.compression = b.compression;
        this.serverSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.serverSettings));
        this.socketTimeoutMs = b.socketTimeoutMs;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<String> endpoints() {
        return endpoints;
    }

    public String user() {
        return user;
    }

    /**
     * Whether requests to {@code endpoint} are LZ4-compressed. Automatic: not on loopback, where the server shares
     * the client's CPU and no network is saved (compressing in Java then costs more than it saves), yes otherwise.
     */
    public boolean compresses(String endpoint) {
        if (compression != null) {
            return compression;
        }
        try {
            String host = java.net.URI.create(endpoint).getHost();
            return !(host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                    || host.equals("::1")));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /**
     * Opens a client-v2 client. LZ4 compression both ways (automatic: off on loopback, see {@link #compresses});
     * several endpoints are tried in order (failover) by {@link ClickHouseSession}.
     */
    public Client open(String endpoint) {
        boolean compress = compresses(endpoint);
        Client.Builder b = new Client.Builder()
                .addEndpoint(endpoint)
                .setUsername(user)
                .setPassword(password)
                .compressClientRequest(compress)
                .compressServerResponse(compress)
                .setSocketTimeout(socketTimeoutMs, ChronoUnit.MILLIS)
                .setClientName("lark-clickhouse-load");
        for (Map.Entry<String, String> e : serverSettings.entrySet()) {
            b.serverSetting(e.getKey(), e.getValue());
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "ClickHouse " + endpoints + " as " + user;
    }

    public static final class Builder {
        private final List<String> endpoints = new ArrayList<>();
        private String user;
        private String password;
        private Boolean compression;
        private final Map<String, String> serverSettings = new LinkedHashMap<>();
        private long socketTimeoutMs = 600_000;

        public Builder endpoint(String url) {
            for (String u : url.split(",")) {
                if (!u.trim().isEmpty()) {
                    endpoints.add(u.trim().replaceAll("/+$", ""));
                }
            }
            return this;
        }

        public Builder user(String u) {
            this.user = u;
            return this;
        }

        public Builder password(String p) {
            this.password = p;
            return this;
        }

        /** true / false, or null for automatic (off on loopback endpoints, on otherwise; the default). */
        public Builder compression(Boolean c) {
            this.compression = c;
            return this;
        }

        public Builder serverSetting(String k, String v) {
            serverSettings.put(k, v);
            return this;
        }

        public Builder socketTimeoutMs(long ms) {
            this.socketTimeoutMs = ms;
            return this;
        }

        public ClickHouseTarget build() {
            return new ClickHouseTarget(this);
        }
    }
}
