package dev.lark.clean;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's value model: String, Long, Double, BigInteger, BigDecimal, Boolean, null, {@code Map<String,Object>}
 * and {@code List<Object>}. JSON is stream-parsed with Jackson straight into these (no JsonNode tree).
 */
public final class Values {
    static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build();

    private Values() {
    }

    /** Thrown (without stack trace) by {@link #parseJson} for malformed JSON. */
    public static final class BadJson extends Exception {
        private static final long serialVersionUID = 1L;

        BadJson(String message) {
            super(message, null, false, false);
        }
    }

    public static Object parseJson(String text) throws BadJson {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new BadJson("empty input");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                throw new BadJson("trailing content after the JSON value at column " + p.currentLocation().getColumnNr());
            }
            return v;
        } catch (IOException e) {
            String m = e.getMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            throw new BadJson(nl > 0 ? m.substring(0, nl) : String.valueOf(m));
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new HashMap<>(16);
                String name;
                while ((name = p.nextFieldName()) != null) {
                    m.put(name, read(p, p.nextToken()));
                }
                if (p.currentToken() != JsonToken.END_OBJECT) {
                    throw new IOException("malformed object");
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (n == null) {
                        throw new IOException("unterminated array");
                    }
                    l.add(read(p, n));
                }
                return l;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw new IOException("unexpected token " + t);
        }
    }

    public static String toJsonString(Object v) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, v);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    @SuppressWarnings("unchecked")
    public static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String) {
            g.writeString((String) v);
        } else if (v instanceof Long || v instanceof Integer) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double) {
            g.writeNumber((Double) v);
        } else if (v instanceof BigDecimal) {
            g.writeNumber((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            g.writeNumber((BigInteger) v);
        } else if (v instanceof Boolean) {
            g.writeBoolean((Boolean) v);
        } else if (v instanceof Map) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                g.writeFieldName(e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List) {
            g.writeStartArray();
            for (Object o : (List<Object>) v) {
                write(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** A Jackson tree copy of a value (for debug output; keys sorted for stable output). */
    @SuppressWarnings("unchecked")
    public static JsonNode toNode(Object v) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v == null) {
            return f.nullNode();
        } else if (v instanceof String) {
            return f.textNode((String) v);
        } else if (v instanceof Long || v instanceof Integer) {
            return f.numberNode(((Number) v).longValue());
        } else if (v instanceof Double) {
            return f.numberNode((Double) v);
        } else if (v instanceof BigDecimal) {
            return f.numberNode((BigDecimal) v);
        } else if (v instanceof BigInteger) {
            return f.numberNode((BigInteger) v);
        } else if (v instanceof Boolean) {
            return f.booleanNode((Boolean) v);
        } else if (v instanceof Map) {
            ObjectNode o = f.objectNode();
            new java.util.TreeMap<>((Map<String, Object>) v).forEach((k, x) -> o.set(k, toNode(x)));
            return o;
        } else if (v instanceof List) {
            ArrayNode a = f.arrayNode();
            for (Object o : (List<Object>) v) {
                a.add(toNode(o));
            }
            return a;
        }
        return f.textNode(v.toString());
    }

    /** Engine value from a Jackson tree (for config literals). */
    public static Object fromNode(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        } else if (n.isTextual()) {
            return n.textValue();
        } else if (n.isBoolean()) {
            return n.booleanValue();
        } else if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        } else if (n.isNumber()) {
            return n.doubleValue();
        } else if (n.isArray()) {
            List<Object> l = new ArrayList<>();
            n.forEach(x -> l.add(fromNode(x)));
            return l;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), fromNode(e.getValue()));
        }
        return m;
    }

    /** object, list, string, number, boolean or null: what a debug hint keys on. */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        } else if (v instanceof Map) {
            return "object";
        } else if (v instanceof List) {
            return "list";
        } else if (v instanceof String) {
            return "string";
        } else if (v instanceof Boolean) {
            return "boolean";
        }
        return "number";
    }
}
