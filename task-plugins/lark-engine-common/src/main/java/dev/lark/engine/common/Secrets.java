package dev.lark.engine.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets before text reaches a log, an exception or lineage: {@code password=...} pairs, user-info in URLs,
 * JSON members named like secrets, and any literal value registered with {@link #register(String)} (e.g. a password
 * resolved from a DS datasource, which can then appear anywhere).
 */
public final class Secrets {
    public static final String MASK = "******";

    /** Key names (lower case, without separators) whose values are secret. */
    private static final Set<String> SECRET_KEYS = Set.of("password", "passwd", "pwd", "secret", "token",
            "accesstoken", "secretkey", "accesskey", "apikey", "credential", "credentials", "sasljaasconfig", "privatekey", "sslpassword", "keystorepassword",
            "truststorepassword", "keypassword", "authorization");

    // key=value / key: value in free text, URLs, properties and JDBC query strings
    private static final Pattern KV = Pattern.compile(
            "(?i)([\\w.\\-]*(?:password|passwd|pwd|secret|token|access[_.-]?key|api[_.-]?key|sasl\\.jaas\\.config)"
                    + "[\\w.\\-]*)(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s&;,}\"']+)");
    // JSON "password": "value"
    private static final Pattern JSON_MEMBER = Pattern.compile(
            "(?i)(\"[\\w.\\-]*(?:password|passwd|pwd|secret|token|access[_.-]?key|api[_.-]?key|sasl\\.jaas\\.config)"
                    + "[\\w.\\-]*\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");
    // scheme://user:password@host
    private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][\\w+.\\-]*://[^/\\s:@]+:)([^@\\s/]+)(@)");

    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    /** True for keys like {@code password}, {@code sasl.jaas.config}, {@code ssl.keystore.password}. */
    public static boolean isSecretKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        if (SECRET_KEYS.contains(k)) {
            return true;
        }
        return k.endsWith("password") || k.endsWith("secret") || k.endsWith("token") || k.endsWith("secretkey")
                || k.endsWith("passwd") || k.equals("sasljaasconfig");
    }

    /**
     * Remembers a literal secret so that {@link #redact(String)} masks it wherever it appears. Values shorter than
     * 4 characters are not registered: masking them would garble ordinary text.
     */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 4) {
            REGISTERED.add(secret);
        }
    }

    /** Masks every secret found in the text. Null stays null. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String s = text;
        for (String secret : REGISTERED) {
            if (s.contains(secret)) {
                s = s.replace(secret, MASK);
            }
        }
        s = JSON_MEMBER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"" + MASK + "\""));
        s = URL_USERINFO.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + m.group(3)));
        s = KV.matcher(s).replaceAll(m -> {
            String v = m.group(3);
            if (v.equals(MASK) || v.equals("\"" + MASK + "\"")) {
                return Matcher.quoteReplacement(m.group());
            }
            return Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK);
        });
        return s;
    }

    /** A deep copy of the JSON tree with secret members masked and registered secrets removed from strings. */
    public static JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode) {
            ObjectNode o = (ObjectNode) node;
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isSecretKey(e.getKey()) && (e.getValue().isValueNode() && !e.getValue().isNull())) {
                    e.setValue(o.textNode(MASK));
                } else if (e.getValue().isTextual()) {
                    e.setValue(o.textNode(redact(e.getValue().asText())));
                } else {
                    redactInPlace(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode) {
            ArrayNode a = (ArrayNode) node;
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, a.textNode(redact(a.get(i).asText())));
                } else {
                    redactInPlace(a.get(i));
                }
            }
        }
    }
}
