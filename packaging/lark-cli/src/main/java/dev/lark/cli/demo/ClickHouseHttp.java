package dev.lark.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Statements and small queries against ClickHouse's HTTP interface (the demo only creates its database and reads
 * counts, so a plain HTTP client is enough). Credentials go in headers, never in the URL.
 */
final class ClickHouseHttp {
    private final String url;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ClickHouseHttp(Map<String, String> endpoints) {
        this.url = SourceSeeder.require(endpoints, "clickhouse", "httpUrl");
        this.user = endpoints.getOrDefault("user", "default");
        this.password = endpoints.getOrDefault("password", "");
    }

    String jdbcUrl(String database) {
        return "jdbc:clickhouse://" + URI.create(url).getAuthority() + "/" + database;
    }

    String host() {
        return URI.create(url).getHost();
    }

    int port() {
        return URI.create(url).getPort();
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    void execute(String sql) {
        send(sql);
    }

    /** Rows of a TabSeparated answer, each split into columns. */
    List<String[]> rows(String sql) {
        String body = send(sql + " FORMAT TabSeparated");
        List<String[]> out = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                out.add(line.split("\t", -1));
            }
        }
        return out;
    }

    long count(String qualifiedTable) {
        return Long.parseLong(rows("SELECT count() FROM " + qualifiedTable).get(0)[0]);
    }

    boolean tableExists(String database, String table) {
        return !rows("SELECT 1 FROM system.tables WHERE database = '" + database.replace("'", "\\'")
                + "' AND name = '" + table.replace("'", "\\'") + "'").isEmpty();
    }

    private String send(String sql) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url + "/")).timeout(Duration.ofMinutes(5))
                .header("X-ClickHouse-User", user).header("X-ClickHouse-Key", password)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (resp.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse at " + url + " refused `" + abbreviate(sql) + "`: "
                        + abbreviate(resp.body()));
            }
            return resp.body();
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach ClickHouse at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String abbreviate(String s) {
        String one = Arrays.stream(s.split("\n")).map(String::trim).reduce((a, b) -> a + " " + b).orElse("");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
