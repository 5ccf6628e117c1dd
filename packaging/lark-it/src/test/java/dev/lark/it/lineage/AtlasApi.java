package dev.lark.it.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.testkit.SandboxEndpoints;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Independent read-side checks against Atlas's REST API (not through the hook's own client). */
public final class AtlasApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private final String url;
    private final String auth;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The sandbox Atlas, with the endpoints' URL, user and password. */
    public static AtlasApi of(SandboxEndpoints endpoints) {
        return new AtlasApi(endpoints.get("atlas", "restUrl"), endpoints.get("atlas", "user"),
                endpoints.get("atlas", "password"));
    }

    public AtlasApi(String url, String user, String password) {
        this.url = url;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    public JsonNode post(String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException("POST " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The entity (with relationships, classifications, business attributes) or null. */
    public JsonNode entity(String type, String qualifiedName) throws Exception {
        JsonNode n = get("/api/atlas/v2/entity/uniqueAttribute/type/" + type + "?attr:qualifiedName="
                + URLEncoder.encode(qualifiedName, StandardCharsets.UTF_8));
        return n == null ? null : n.get("entity");
    }

    public String guid(String type, String qualifiedName) throws Exception {
        JsonNode e = entity(type, qualifiedName);
        return e == null ? null : e.get("guid").asText();
    }

    /** Active entities of {@code type} (and subtypes) whose qualifiedName contains {@code fragment}. */
    public List<JsonNode> search(String type, String fragment) throws Exception {
        var body = JSON.createObjectNode();
        body.put("typeName", type);
        body.put("excludeDeletedEntities", true);
        body.put("includeSubTypes", true);
        body.put("limit", 1000);
        var f = body.putObject("entityFilters");
        f.put("attributeName", "qualifiedName");
        f.put("operator", "like"); // Atlas 2.1: "contains"/"startsWith" miss dotted names, "like" matches
        f.put("attributeValue", fragment);
        JsonNode r = post("/api/atlas/v2/search/basic", body);
        List<JsonNode> out = new ArrayList<>();
        r.path("entities").forEach(out::add);
        return out;
    }

    public JsonNode lineage(String guid, String direction, int depth) throws Exception {
        return get("/api/atlas/v2/lineage/" + guid + "?direction=" + direction + "&depth=" + depth);
    }
}
