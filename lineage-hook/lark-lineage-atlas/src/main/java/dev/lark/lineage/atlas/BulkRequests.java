package dev.lark.lineage.atlas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns entity drafts into Atlas bulk request bodies ({@code {"entities":[...]}}), in dependency order and split so
 * that no body holds more than {@code maxEntities} entities or {@code maxBytes} bytes. A reference to an entity in
 * the same body uses its temporary (negative) guid; a reference to one sent in an earlier body uses type +
 * qualifiedName, which Atlas resolves because that body was accepted first.
 */
final class BulkRequests {
    private BulkRequests() {
    }

    /** Merges drafts by type+qualifiedName (the later one wins: events are in order) and sorts by level. */
    static List<EntityDraft> mergeAndOrder(Collection<EntityDraft> drafts) {
        Map<String, EntityDraft> byKey = new LinkedHashMap<>();
        for (EntityDraft d : drafts) {
            byKey.remove(d.key());
            byKey.put(d.key(), d);
        }
        List<EntityDraft> sorted = new ArrayList<>(byKey.values());
        sorted.sort(Comparator.comparingInt(d -> d.level)); // stable: keeps event order within a level
        return sorted;
    }

    static List<byte[]> split(List<EntityDraft> ordered, int maxEntities, int maxBytes) {
        List<byte[]> bodies = new ArrayList<>();
        List<EntityDraft> chunk = new ArrayList<>();
        int chunkBytes = 32;
        for (EntityDraft d : ordered) {
            int size = estimate(d);
            if (!chunk.isEmpty() && (chunk.size() >= maxEntities || chunkBytes + size > maxBytes)) {
                bodies.add(body(chunk));
                chunk = new ArrayList<>();
                chunkBytes = 32;
            }
            chunk.add(d);
            chunkBytes += size;
        }
        if (!chunk.isEmpty()) {
            bodies.add(body(chunk));
        }
        return bodies;
    }

    private static int estimate(EntityDraft d) {
        try {
            return AtlasRestClient.JSON.writeValueAsBytes(entityJson(d, new HashMap<>(), "-1")).length + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] body(List<EntityDraft> chunk) {
        Map<String, String> guids = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            guids.put(chunk.get(i).key(), "-" + (i + 1));
        }
        ObjectNode root = AtlasRestClient.JSON.createObjectNode();
        ArrayNode entities = root.putArray("entities");
        for (EntityDraft d : chunk) {
            entities.add(entityJson(d, guids, guids.get(d.key())));
        }
        try {
            return AtlasRestClient.JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode entityJson(EntityDraft d, Map<String, String> guids, String guid) {
        ObjectNode e = AtlasRestClient.JSON.createObjectNode();
        e.put("typeName", d.typeName);
        e.put("guid", guid);
        e.set("attributes", AtlasRestClient.JSON.valueToTree(d.attributes));
        ObjectNode rel = e.putObject("relationshipAttributes");
        for (Map.Entry<String, Object> r : d.relationshipAttributes.entrySet()) {
            Object v = r.getValue();
            if (v instanceof EntityDraft.Ref) {
                rel.set(r.getKey(), objectId((EntityDraft.Ref) v, guids));
            } else if (v instanceof List) {
                ArrayNode arr = rel.putArray(r.getKey());
                for (Object o : (List<?>) v) {
                    arr.add(objectId((EntityDraft.Ref) o, guids));
                }
            }
        }
        return e;
    }

    private static ObjectNode objectId(EntityDraft.Ref ref, Map<String, String> guids) {
        ObjectNode id = AtlasRestClient.JSON.createObjectNode();
        String guid = guids.get(ref.key());
        if (guid != null) {
            id.put("guid", guid);
        }
        id.put("typeName", ref.typeName);
        id.putObject("uniqueAttributes").put("qualifiedName", ref.qualifiedName);
        return id;
    }
}
