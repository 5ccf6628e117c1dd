package dev.lark.lineage.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * A small Atlas v2 REST client on {@code java.net.http} + Jackson: only the calls the hook needs. Replaces
 * atlas-client-v2, which would bring Hadoop, Jersey 1, Jackson 1 and ZooKeeper into the DS worker.
 */
public final class AtlasRestClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final AtlasSinkConfig config;
    private final HttpClient http;
    private final String authorization;
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    public AtlasRestClient(AtlasSinkConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP requests sent so far (for benchmarks). */
    public long requestCount() {
        return requests.get();
    }

    public AtlasSinkConfig config() {
        return config;
    }

    /** GET {@code /api/atlas/v2/...}; null on 404. */
    public JsonNode getOrNull(String path) throws IOException, AtlasHttpException, InterruptedException {
        try {
            return send("GET", path, null);
        } catch (AtlasHttpException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    public JsonNode get(String path) throws IOException, AtlasHttpException, InterruptedException {
        return send("GET", path, null);
    }

    public JsonNode post(String path, byte[] body) throws IOException, AtlasHttpException, InterruptedException {
        return send("POST", path, body);
    }

    public JsonNode put(String path, byte[] body) throws IOException, AtlasHttpException, InterruptedException {
        return send("PUT", path, body);
    }

    public JsonNode delete(String path) throws IOException, AtlasHttpException, InterruptedException {
        return send("DELETE", path, null);
    }

    /** The guid of the entity with this type and qualifiedName, or null. */
    public String guidOf(String typeName, String qualifiedName) throws IOException, AtlasHttpException,
            InterruptedException {
        JsonNode n = getOrNull("/api/atlas/v2/entity/uniqueAttribute/type/" + enc(typeName)
                + "?minExtInfo=true&ignoreRelationships=true&attr:qualifiedName=" + enc(qualifiedName));
        return n == null ? null : n.path("entity").path("guid").asText(null);
    }

    /** The entity without relationships (attributes, classifications), or null. */
    public JsonNode entityHeader(String typeName, String qualifiedName) throws IOException, AtlasHttpException,
            InterruptedException {
        JsonNode n = getOrNull("/api/atlas/v2/entity/uniqueAttribute/type/" + enc(typeName)
                + "?minExtInfo=true&ignoreRelationships=true&attr:qualifiedName=" + enc(qualifiedName));
        return n == null ? null : n.path("entity");
    }

    /** The entity (with relationship attributes) with this type and qualifiedName, or null. */
    public JsonNode entityByQualifiedName(String typeName, String qualifiedName) throws IOException,
            AtlasHttpException, InterruptedException {
        JsonNode n = getOrNull("/api/atlas/v2/entity/uniqueAttribute/type/" + enc(typeName)
                + "?minExtInfo=true&attr:qualifiedName=" + enc(qualifiedName));
        return n == null ? null : n.path("entity");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonNode send(String method, String path, byte[] body) throws IOException, AtlasHttpException,
            InterruptedException {
        HttpRequest.Builder rb = HttpRequest.newBuilder(config.url().resolve(path)).timeout(config.timeout())
                .header("Authorization", authorization).header("Accept", "application/json");
        if (body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        HttpResponse<byte[]> resp = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
        String shownPath = path.length() > 200 ? path.substring(0, 200) + "..." : path;
        if (resp.statusCode() >= 300) {
            throw new AtlasHttpException(method, shownPath, resp.statusCode(),
                    new String(resp.body(), StandardCharsets.UTF_8));
        }
        byte[] b = resp.body();
        if (b == null || b.length == 0) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(b);
        } catch (IOException e) {
            // some endpoints answer plain text (e.g. 204-like deletes); callers only need success
            return JSON.nullNode();
        }
    }
}
