package dev.lark.ingest.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.engine.common.ConfigException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, path-aware access to a plugin's {@code parameter} object. Every error names the full JSON path, e.g.
 * {@code job.content[0].reader.parameter.splitPk}.
 */
public final class Params {
    private final String path;
    private final ObjectNode node;

    public Params(String path, JsonNode node) {
        this.path = path;
        if (node == null || node.isNull() || node.isMissingNode()) {
            this.node = JsonNodeFactory.instance.objectNode();
        } else if (node instanceof ObjectNode) {
            this.node = (ObjectNode) node;
        } else {
            throw ConfigException.invalid(path, node.getNodeType(), "must be a JSON object");
        }
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return path + "." + key;
    }

    public ObjectNode raw() {
        return node;
    }

    public boolean has(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
    }

    /** Fails with the supported list when a parameter is not one of {@code supported}. */
    public void checkKnown(Set<String> supported) {
        Iterator<String> it = node.fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            if (!supported.contains(k)) {
                throw ConfigException.unknown(path(k), k, supported);
            }
        }
    }

    public String string(String key, String dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isArray() && v.size() == 1) {
            v = v.get(0);
        }
        if (!v.isValueNode()) {
            throw ConfigException.invalid(path(key), v.toString(), "must be a string");
        }
        String s = v.asText();
        return s.isEmpty() ? dflt : s;
    }

    public String requireString(String key, String fix) {
        String s = string(key, null);
        if (s == null) {
            throw ConfigException.missing(path(key), fix);
        }
        return s;
    }

    public long longValue(String key, long dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return dflt;
        }
        if (v.isIntegralNumber()) {
            return v.asLong();
        }
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw ConfigException.invalid(path(key), v.asText(), "must be an integer");
    }

    public int intValue(String key, int dflt) {
        long l = longValue(key, dflt);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw ConfigException.invalid(path(key), l, "must fit in a 32-bit integer");
        }
        return (int) l;
    }

    public int positiveInt(String key, int dflt) {
        int i = intValue(key, dflt);
        if (i <= 0) {
            throw ConfigException.invalid(path(key), i, "must be a positive integer");
        }
        return i;
    }

    public double doubleValue(String key, double dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText().trim());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(path(key), v.asText(), "must be a number");
        }
    }

    public boolean bool(String key, boolean dflt) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        String s = v.asText().trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("true") || s.equals("1") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("0") || s.equals("no")) {
            return false;
        }
        throw ConfigException.invalid(path(key), v.asText(), "must be true or false");
    }

    /** A string list; a single string is accepted as a one-element list. */
    public List<String> strings(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                if (e.isObject()) {
                    // DataX streamreader/txtfilereader style column objects are read through objects()
                    throw ConfigException.invalid(path(key), e.toString(), "must be a list of strings");
                }
                out.add(e.asText());
            }
        } else {
            out.add(v.asText());
        }
        return out;
    }

    /** The elements of an array parameter as nested Params (for {@code connection}, column objects ...). */
    public List<Params> objects(String key) {
        JsonNode v = node.get(key);
        List<Params> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isObject()) {
            out.add(new Params(path(key), v));
            return out;
        }
        if (!v.isArray()) {
            throw ConfigException.invalid(path(key), v.toString(), "must be a list of objects");
        }
        for (int i = 0; i < v.size(); i++) {
            out.add(new Params(path(key) + "[" + i + "]", v.get(i)));
        }
        return out;
    }

    public Params object(String key) {
        return new Params(path(key), node.get(key));
    }

    public JsonNode get(String key) {
        return node.get(key);
    }
}
