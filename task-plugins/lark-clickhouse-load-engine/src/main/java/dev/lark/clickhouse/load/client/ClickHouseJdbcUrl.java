package dev.lark.clickhouse.load.client;

import dev.lark.clickhouse.load.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a ClickHouse JDBC URL as DS stores it ({@code jdbc:clickhouse://h1:8123,h2:8123/db?ssl=true&k=v}, also
 * {@code jdbc:ch:} and {@code jdbc:clickhouse:http://...}) into HTTP endpoints, database and URL options, so a load
 * can address the same servers as the DS datasource with client-v2.
 */
public final class ClickHouseJdbcUrl {
    private final List<String> endpoints;
    private final String database;
    private final Map<String, String> options;

    private ClickHouseJdbcUrl(List<String> endpoints, String database, Map<String, String> options) {
        this.endpoints = endpoints;
        this.database = database;
        this.options = options;
    }

    public static ClickHouseJdbcUrl parse(String field, String url) {
        ConfigException.require(url != null, field, null, "the datasource needs a JDBC URL");
        String rest;
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:clickhouse:")) {
            rest = url.substring("jdbc:clickhouse:".length());
        } else if (lower.startsWith("jdbc:ch:")) {
            rest = url.substring("jdbc:ch:".length());
        } else {
            throw new ConfigException(field, url, "use a ClickHouse JDBC URL such as jdbc:clickhouse://host:8123/db");
        }
        String scheme = "http";
        if (rest.startsWith("https:") || rest.startsWith("http:")) {
            scheme = rest.startsWith("https:") ? "https" : "http";
            rest = rest.substring(scheme.length() + 1);
        }
        ConfigException.require(rest.startsWith("//"), field, url, "the URL needs //host:port after the prefix");
        rest = rest.substring(2);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String hosts = rest;
        String db = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hosts = rest.substring(0, slash);
            db = rest.substring(slash + 1);
            if (db.isEmpty()) {
                db = null;
            }
        }
        Map<String, String> opts = new LinkedHashMap<>();
        for (String kv : query.split("&")) {
            if (kv.isEmpty()) {
                continue;
            }
            int e = kv.indexOf('=');
            opts.put(e < 0 ? kv : kv.substring(0, e), e < 0 ? "" : kv.substring(e + 1));
        }
        if ("true".equalsIgnoreCase(opts.get("ssl"))) {
            scheme = "https";
        }
        List<String> eps = new ArrayList<>();
        for (String h : hosts.split(",")) {
            h = h.trim();
            if (h.isEmpty()) {
                continue;
            }
            if (h.contains("://")) {
                eps.add(h);
                continue;
            }
            eps.add(scheme + "://" + (h.contains(":") ? h : h + (scheme.equals("https") ? ":8443" : ":8123")));
        }
        ConfigException.require(!eps.isEmpty(), field, url, "name at least one host");
        return new ClickHouseJdbcUrl(eps, db, opts);
    }

    public List<String> endpoints() {
        return endpoints;
    }

    /** The database in the URL path, or null. */
    public String database() {
        return database;
    }

    public Map<String, String> options() {
        return options;
    }
}
