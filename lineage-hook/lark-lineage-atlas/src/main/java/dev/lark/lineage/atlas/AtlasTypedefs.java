package dev.lark.lineage.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lark's Atlas types ({@code lark-typedefs.json}): DS project/workflow/task (Process)/instances (ProcessExecution),
 * column lineage, {@code clickhouse_table}, data-quality rule and check run, the {@code DataQuality} business
 * metadata and the {@code DataQualityIssue} classification.
 *
 * <p>{@link #bootstrap} is idempotent: it creates the types Atlas lacks and updates those whose attributes or
 * super types differ (attributes are only ever added, which Atlas allows), and does nothing when all match.
 */
public final class AtlasTypedefs {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasTypedefs.class);
    static final String[] CATEGORIES = {"enumDefs", "structDefs", "classificationDefs", "entityDefs",
            "relationshipDefs", "businessMetadataDefs"};

    private AtlasTypedefs() {
    }

    /** The bundled definitions. */
    public static ObjectNode definitions() {
        try (InputStream in = AtlasTypedefs.class.getResourceAsStream("lark-typedefs.json")) {
            return (ObjectNode) AtlasRestClient.JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("lark-typedefs.json missing from the classpath", e);
        }
    }

    /** Names of all Lark types, for tests and {@code lark lineage status}. */
    public static List<String> typeNames() {
        List<String> names = new ArrayList<>();
        ObjectNode defs = definitions();
        for (String c : CATEGORIES) {
            defs.path(c).forEach(d -> names.add(d.path("name").asText()));
        }
        return names;
    }

    /** What a bootstrap did. */
    public static final class Result {
        private final List<String> created;
        private final List<String> updated;

        Result(List<String> created, List<String> updated) {
            this.created = Collections.unmodifiableList(created);
            this.updated = Collections.unmodifiableList(updated);
        }

        public List<String> created() { return created; }
        public List<String> updated() { return updated; }

        @Override
        public String toString() {
            return "created " + created + ", updated " + updated;
        }
    }

    public static Result bootstrap(AtlasRestClient client) throws IOException, AtlasHttpException,
            InterruptedException {
        ObjectNode defs = definitions();
        ObjectNode toCreate = emptyDefs();
        ObjectNode toUpdate = emptyDefs();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (String category : CATEGORIES) {
            for (JsonNode def : defs.path(category)) {
                String name = def.path("name").asText();
                JsonNode existing = client.getOrNull("/api/atlas/v2/types/typedef/name/" + AtlasRestClient.enc(name));
                if (existing == null || existing.isNull() || existing.isMissingNode()) {
                    ((ArrayNode) toCreate.get(category)).add(def);
                    created.add(name);
                } else if (differs(def, existing)) {
                    ((ArrayNode) toUpdate.get(category)).add(merged(def, existing));
                    updated.add(name);
                }
            }
        }
        if (!created.isEmpty()) {
            client.post("/api/atlas/v2/types/typedefs", AtlasRestClient.JSON.writeValueAsBytes(toCreate));
        }
        if (!updated.isEmpty()) {
            client.put("/api/atlas/v2/types/typedefs", AtlasRestClient.JSON.writeValueAsBytes(toUpdate));
        }
        Result r = new Result(created, updated);
        if (!created.isEmpty() || !updated.isEmpty()) {
            LOG.info("Atlas typedefs bootstrapped at {}: {}", client.config().url(), r);
        }
        return r;
    }

    private static ObjectNode emptyDefs() {
        ObjectNode n = AtlasRestClient.JSON.createObjectNode();
        for (String c : CATEGORIES) {
            n.putArray(c);
        }
        return n;
    }

    /** True when ours has an attribute or super type the existing one lacks. */
    static boolean differs(JsonNode ours, JsonNode existing) {
        Set<String> have = new HashSet<>();
        existing.path("attributeDefs").forEach(a -> have.add(a.path("name").asText()));
        for (JsonNode a : ours.path("attributeDefs")) {
            if (!have.contains(a.path("name").asText())) {
                return true;
            }
        }
        Set<String> supers = new HashSet<>();
        existing.path("superTypes").forEach(s -> supers.add(s.asText()));
        for (JsonNode s : ours.path("superTypes")) {
            if (!supers.contains(s.asText())) {
                return true;
            }
        }
        return false;
    }

    /** Our definition plus any attribute the existing one has that ours lacks (Atlas forbids removing attributes). */
    private static JsonNode merged(JsonNode ours, JsonNode existing) {
        ObjectNode m = ((ObjectNode) ours).deepCopy();
        Set<String> mine = new HashSet<>();
        ours.path("attributeDefs").forEach(a -> mine.add(a.path("name").asText()));
        ArrayNode attrs = (ArrayNode) m.get("attributeDefs");
        for (JsonNode a : existing.path("attributeDefs")) {
            if (!mine.contains(a.path("name").asText())) {
                attrs.add(a);
            }
        }
        if (existing.has("guid")) {
            m.put("guid", existing.get("guid").asText());
        }
        return m;
    }
}
