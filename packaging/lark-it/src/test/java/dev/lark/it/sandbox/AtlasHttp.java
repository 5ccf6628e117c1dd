package dev.lark.it.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.testkit.SandboxEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A few Atlas REST v2 calls over plain HTTP, authenticated as the sandbox admin from the published endpoints. */
final class AtlasHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String restUrl;
    private final String authorization;

    AtlasHttp(SandboxEndpoints endpoints) {
        this(endpoints.get("atlas", "restUrl"), endpoints.get("atlas", "user"), endpoints.get("atlas", "password"));
    }

    AtlasHttp(String restUrl, String user, String password) {
        this.restUrl = restUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** GET {@code path} (relative to the REST URL); the response whatever its status. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET without credentials, to see what an anonymous caller gets. */
    HttpResponse<String> getAnonymous(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, JsonNode body) throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET /api/atlas/v2/entity/uniqueAttribute/type/{type}?attr:qualifiedName=... */
    HttpResponse<String> entityByQualifiedName(String type, String qualifiedName)
            throws IOException, InterruptedException {
        return get("/api/atlas/v2/entity/uniqueAttribute/type/" + type + "?attr:qualifiedName="
                + URLEncoder.encode(qualifiedName, StandardCharsets.UTF_8));
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(restUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization).header("Accept", "application/json");
    }
}
