package dev.lark.datasource.clickhouse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns what DS stores for a CLICKHOUSE datasource (address {@code jdbc:clickhouse://h1:8123,h2:8123}, database,
 * "other" parameters) into one JDBC URL per host for clickhouse-jdbc 0.11 plus driver properties:
 * <ul>
 * <li>several hosts: tried in order on every new connection (failover);</li>
 * <li>compression on by default ({@code compress=true}; set {@code compress=false} in "other" to turn it off);</li>
 * <li>"other" keys starting with {@code session.} become ClickHouse settings of every query
 * ({@code clickhouse_setting_<name>}), e.g. {@code session.max_execution_time=60};</li>
 * <li>{@code ssl=true} switches every host to HTTPS; all other keys go to the driver unchanged.</li>
 * </ul>
 */
public final class ClickHouseJdbcTargets {
    static final String SESSION_PREFIX = "session.";
    static final String DRIVER_SETTING_PREFIX = "clickhouse_setting_";

    private final List<String> urls;
    private final Properties properties;

    private ClickHouseJdbcTargets(List<String> urls, Properties properties) {
        this.urls = Collections.unmodifiableList(urls);
        this.properties = properties;
    }

    public static ClickHouseJdbcTargets of(String address, String database, Map<String, String> other) {
        if (address == null || !address.contains("//")) {
            throw new IllegalArgumentException("ClickHouse datasource address '" + address + "' is not"
                    + " jdbc:clickhouse://host:port; fix the host and port of the datasource");
        }
        Map<String, String> opts = new LinkedHashMap<>(other == null ? Map.of() : other);
        boolean ssl = "true".equalsIgnoreCase(opts.get("ssl"));
        String hostsPart = address.substring(address.indexOf("//") + 2);
        int slash = hostsPart.indexOf('/');
        if (slash >= 0) {
            hostsPart = hostsPart.substring(0, slash);
        }
        List<String> hostPorts = new ArrayList<>();
        String defaultPort = null;
        for (String h : hostsPart.split(",")) {
            h = h.trim();
            if (h.isEmpty()) {
                continue;
            }
            hostPorts.add(h);
            if (h.contains(":")) {
                defaultPort = h.substring(h.lastIndexOf(':') + 1);
            }
        }
        if (hostPorts.isEmpty()) {
            throw new IllegalArgumentException("ClickHouse datasource address '" + address + "' names no host");
        }
        List<String> urls = new ArrayList<>();
        String db = database == null || database.trim().isEmpty() ? "default" : database.trim();
        for (String h : hostPorts) {
            String hp = h.contains(":") ? h : h + ":" + (defaultPort != null ? defaultPort : ssl ? "8443" : "8123");
            urls.add("jdbc:clickhouse:" + (ssl ? "https" : "http") + "://" + hp + "/" + db);
        }
        Properties p = new Properties();
        p.setProperty("compress", "true");
        for (Map.Entry<String, String> e : opts.entrySet()) {
            String k = e.getKey();
            if (k.equals("ssl")) {
                continue;
            }
            if (k.toLowerCase(Locale.ROOT).startsWith(SESSION_PREFIX)) {
                p.setProperty(DRIVER_SETTING_PREFIX + k.substring(SESSION_PREFIX.length()), e.getValue());
            } else {
                p.setProperty(k, e.getValue());
            }
        }
        return new ClickHouseJdbcTargets(urls, p);
    }

    /** Parses DS's "other" string ({@code k=v&k2=v2}) as stored in the connection params. */
    public static Map<String, String> parseOther(String other) {
        Map<String, String> m = new LinkedHashMap<>();
        if (other == null) {
            return m;
        }
        for (String kv : other.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int e = kv.indexOf('=');
            m.put(e < 0 ? kv : kv.substring(0, e), e < 0 ? "" : kv.substring(e + 1));
        }
        return m;
    }

    public List<String> urls() {
        return urls;
    }

    /** Driver properties without user and password (added at connect time). */
    public Properties properties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
