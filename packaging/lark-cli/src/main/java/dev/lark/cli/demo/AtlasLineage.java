package dev.lark.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the lineage of a dataset back from Atlas's REST API v2: the dataset is found by a basic search on its
 * qualifiedName, then {@code GET /api/atlas/v2/lineage/{guid}?direction=INPUT} gives the graph, which is walked
 * upstream (dataset <- process <- dataset ...) into a chain of names.
 */
final class AtlasLineage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String restUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AtlasLineage(Map<String, String> endpoints) {
        this.restUrl = SourceSeeder.require(endpoints, "atlas", "restUrl");
        String user = SourceSeeder.require(endpoints, "atlas", "user");
        String password = endpoints.getOrDefault("password", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** One step of the chain: a dataset, or the process (task) between two datasets. */
    record Node(String guid, String typeName, String qualifiedName, String name, boolean process) {
        String label() {
            return process ? "[" + (name == null || name.isEmpty() ? qualifiedName : name) + "]" : qualifiedName;
        }
    }

    /**
     * The upstream chain of the newest active DataSet whose qualifiedName starts with {@code qualifiedNamePrefix},
     * from the sources to that dataset; levels with several entities (two inputs of one task) are one element.
     * Empty when Atlas has no such dataset yet.
     */
    List<List<Node>> upstreamChain(String qualifiedNamePrefix) {
        return upstreamChain(qualifiedNamePrefix, n -> true);
    }

    /**
     * Like {@link #upstreamChain(String)}, following only the processes {@code followProcess} accepts (e.g. the
     * tasks of one DS workflow: every run of a new workflow adds its own task processes to the same tables).
     */
    List<List<Node>> upstreamChain(String qualifiedNamePrefix, java.util.function.Predicate<Node> followProcess) {
        String guid = findDataset(qualifiedNamePrefix);
        if (guid == null) {
            return List.of();
        }
        JsonNode lineage = get("/api/atlas/v2/lineage/" + guid + "?direction=INPUT&depth=12");
        JsonNode entities = lineage.path("guidEntityMap");
        List<List<Node>> levels = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> current = List.of(guid);
        while (!current.isEmpty() && levels.size() < 24) {
            List<Node> level = new ArrayList<>();
            for (String g : current) {
                Node n = node(g, entities.path(g));
                if ((!n.process() || followProcess.test(n)) && seen.add(g)) {
                    level.add(n);
                }
            }
            if (level.isEmpty()) {
                break;
            }
            levels.add(level);
            List<String> next = new ArrayList<>();
            List<String> kept = level.stream().map(Node::guid).collect(java.util.stream.Collectors.toList());
            for (JsonNode r : lineage.path("relations")) {
                if (kept.contains(r.path("toEntityId").asText()) && !next.contains(r.path("fromEntityId").asText())) {
                    next.add(r.path("fromEntityId").asText());
                }
            }
            current = next;
        }
        Collections.reverse(levels);
        return levels;
    }

    /** "a -> [task] -> b" on one line. */
    static String render(List<List<Node>> chain) {
        StringBuilder b = new StringBuilder();
        for (List<Node> level : chain) {
            if (b.length() > 0) {
                b.append(" -> ");
            }
            b.append(level.stream().map(Node::label).reduce((x, y) -> x + " + " + y).orElse(""));
        }
        return b.toString();
    }

    private String findDataset(String prefix) {
        ObjectNode q = JSON.createObjectNode();
        q.put("typeName", "DataSet");
        q.put("includeSubTypes", true);
        q.put("excludeDeletedEntities", true);
        q.put("limit", 25);
        ObjectNode f = q.putObject("entityFilters");
        f.put("attributeName", "qualifiedName");
        f.put("operator", "startsWith");
        f.put("attributeValue", prefix);
        JsonNode found = send(HttpRequest.newBuilder(URI.create(restUrl + "/api/atlas/v2/search/basic"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(q.toString())));
        for (JsonNode e : found.path("entities")) {
            if (e.path("attributes").path("qualifiedName").asText().startsWith(prefix)) {
                return e.path("guid").asText();
            }
        }
        return null;
    }

    private static Node node(String guid, JsonNode e) {
        String type = e.path("typeName").asText("?");
        JsonNode a = e.path("attributes");
        boolean process = type.toLowerCase(java.util.Locale.ROOT).contains("process")
                || type.toLowerCase(java.util.Locale.ROOT).contains("task");
        return new Node(guid, type, a.path("qualifiedName").asText(e.path("displayText").asText(guid)),
                a.path("name").asText(e.path("displayText").asText("")), process);
    }

    private JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(restUrl + path)).GET());
    }

    private JsonNode send(HttpRequest.Builder b) {
        HttpRequest r = b.timeout(Duration.ofSeconds(60)).header("Authorization", authorization)
                .header("Accept", "application/json").build();
        try {
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (resp.statusCode() / 100 != 2) {
                throw new IllegalStateException("Atlas answered HTTP " + resp.statusCode() + " to " + r.uri()
                        .getPath() + ": " + (resp.body().length() > 300 ? resp.body().substring(0, 300) : resp.body()));
            }
            return JSON.readTree(resp.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach Atlas at " + restUrl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
