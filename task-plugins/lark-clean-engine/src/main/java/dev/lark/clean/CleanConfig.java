package dev.lark.clean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A cleaning config as written by the user (JSON or YAML). It is only a document: {@link CleanPlan#compile}
 * validates it and builds the executable plan. See docs/tasks/lark-clean.md for the format.
 */
public final class CleanConfig {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final ObjectNode root;

    private CleanConfig(ObjectNode root) {
        this.root = root;
    }

    public static CleanConfig of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a cleaning config must be a JSON/YAML object with \"steps\" and \"schema\"");
        }
        return new CleanConfig(((ObjectNode) root).deepCopy());
    }

    /** Parses JSON, or YAML when the text does not start with '{'. */
    public static CleanConfig parse(String text) {
        String t = text.strip();
        try {
            return of(t.startsWith("{") ? JSON.readTree(t) : YAML.readTree(t));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read cleaning config: " + e.getMessage(), e);
        }
    }

    public static CleanConfig load(Path file) {
        try {
            String text = Files.readString(file);
            String name = file.getFileName().toString().toLowerCase();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return of(YAML.readTree(text));
            }
            return parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cleaning config " + file, e);
        }
    }

    /** A copy of the document. */
    public ObjectNode toJson() {
        return root.deepCopy();
    }

    ObjectNode root() {
        return root;
    }

    public String name() {
        return root.path("name").asText("clean");
    }
}
