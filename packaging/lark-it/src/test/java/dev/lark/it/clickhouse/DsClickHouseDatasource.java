package dev.lark.it.clickhouse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Creates CLICKHOUSE datasources in the sandbox DS through its REST API, as the UI does (JSON body, session cookie),
 * so Lark tasks can reference the sandbox ClickHouse by datasource id.
 */
public final class DsClickHouseDatasource {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    private final String rest;
    private final SandboxEndpoints endpoints;

    public DsClickHouseDatasource(SandboxEndpoints e) throws Exception {
        this.endpoints = e;
        this.rest = e.get("dolphinscheduler", "restUrl");
        String form = "userName=" + URLEncoder.encode(e.get("dolphinscheduler", "user"), StandardCharsets.UTF_8)
                + "&userPassword=" + URLEncoder.encode(e.get("dolphinscheduler", "password"), StandardCharsets.UTF_8);
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(rest + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (JSON.readTree(login.body()).path("code").asInt() != 0) {
            throw new IllegalStateException("DS login failed: " + login.body());
        }
    }

    /** The sandbox ClickHouse with its real credentials; returns the datasource id. */
    public int create(String name) throws Exception {
        return create(name, endpoints.of("clickhouse").getOrDefault("password", ""));
    }

    private int create(String name, String password) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", "CLICKHOUSE").put("name", name).put("note", "lark it")
                .put("host", "127.0.0.1").put("port", Integer.parseInt(endpoints.get("clickhouse", "httpPort")))
                .put("database", "default").put("userName", endpoints.get("clickhouse", "user"))
                .put("password", password);
        body.putObject("other");
        return createAndFind(body, "CLICKHOUSE");
    }

    /** A POSTGRESQL datasource on the sandbox PostgreSQL as {@code user}; returns the datasource id. */
    public int createPostgres(String name, String user, String password) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("type", "POSTGRESQL").put("name", name).put("note", "lark it")
                .put("host", "127.0.0.1").put("port", Integer.parseInt(endpoints.get("postgresql", "port")))
                .put("database", endpoints.get("postgresql", "database")).put("userName", user)
                .put("password", password);
        body.putObject("other");
        return createAndFind(body, "POSTGRESQL");
    }

    private int createAndFind(ObjectNode body, String type) throws Exception {
        String name = body.get("name").asText();
        JsonNode created = call("POST", "/datasources", body.toString());
        if (created.path("code").asInt() != 0) {
            throw new IllegalStateException("creating datasource " + name + " failed: " + created);
        }
        for (JsonNode d : call("GET", "/datasources/list?type=" + type, null).path("data")) {
            if (name.equals(d.path("name").asText())) {
                return d.path("id").asInt();
            }
        }
        throw new IllegalStateException("datasource " + name + " not listed");
    }

    private JsonNode call(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rest + path)).timeout(Duration.ofMinutes(1));
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return JSON.readTree(http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
