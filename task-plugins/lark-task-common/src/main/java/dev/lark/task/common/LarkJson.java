package dev.lark.task.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.lark.engine.common.ConfigException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Parses {@code taskParams} into a parameters bean, with placeholder substitution and field-naming errors. */
public final class LarkJson {
    /** Lenient towards DS's own members (localParams, resourceList, conditionResult ...), strict about types. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, true)
            .configure(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT, true);

    private LarkJson() {
    }

    /** Parses without substitution (what the API server and master see). */
    public static <P> P parse(String taskParams, Class<P> type) {
        return parse(taskParams, type, UnaryOperator.identity());
    }

    /**
     * Parses after applying {@code substitute} to every string value except DS's own {@code localParams} and
     * {@code varPool} (the worker sets the varPool itself; its JSON would not bind to AbstractParameters' String
     * setter anyway).
     */
    public static <P> P parse(String taskParams, Class<P> type, UnaryOperator<String> substitute) {
        if (taskParams == null || taskParams.trim().isEmpty()) {
            throw ConfigException.missing("taskParams", "the task definition has no parameters");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(taskParams);
        } catch (JsonProcessingException e) {
            throw new ConfigException("taskParams", null, "is not valid JSON (" + e.getOriginalMessage() + ")",
                    "fix the JSON syntax");
        }
        if (!(tree instanceof ObjectNode)) {
            throw ConfigException.invalid("taskParams", tree.getNodeType(), "taskParams must be a JSON object");
        }
        ObjectNode root = (ObjectNode) tree;
        root.remove("varPool");
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("localParams")) {
                e.setValue(substituteAll(e.getValue(), substitute));
            }
        }
        try {
            return MAPPER.treeToValue(root, type);
        } catch (JsonMappingException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[");
            throw new ConfigException(path.isEmpty() ? "taskParams" : path, null,
                    "has the wrong type (" + e.getOriginalMessage() + ")", "give a value of the expected type");
        } catch (JsonProcessingException e) {
            throw new ConfigException("taskParams", null, "cannot be read (" + e.getOriginalMessage() + ")",
                    "check the task parameters");
        }
    }

    private static JsonNode substituteAll(JsonNode node, UnaryOperator<String> substitute) {
        if (node.isTextual()) {
            String s = node.asText();
            return s.contains("$") ? new TextNode(substitute.apply(s)) : node;
        }
        if (node instanceof ObjectNode) {
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                e.setValue(substituteAll(e.getValue(), substitute));
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                a.set(i, substituteAll(a.get(i), substitute));
            }
        }
        return node;
    }
}
