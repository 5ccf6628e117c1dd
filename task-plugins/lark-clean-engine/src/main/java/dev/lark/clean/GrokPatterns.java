package dev.lark.clean;

import io.krakens.grok.api.GrokCompiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands grok patterns into one Java regex. The standard pattern library (COMBINEDAPACHELOG, IPORHOST, HTTPDATE,
 * SYSLOGLINE, ...) comes from java-grok's bundled definitions; the expansion is ours so that only fields that are
 * named in the pattern become capturing groups (fewer groups, faster matching).
 */
final class GrokPatterns {
    private static final Pattern REF = Pattern.compile("%\\{(\\w+)(?::([^:}]+))?(?::[^}]*)?}");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Map<String, String> LIBRARY;

    static {
        GrokCompiler c = GrokCompiler.newInstance();
        c.registerDefaultPatterns();
        LIBRARY = Map.copyOf(c.getPatternDefinitions());
    }

    private GrokPatterns() {
    }

    static boolean known(String name) {
        return LIBRARY.containsKey(name);
    }

    /** The expanded regex with, per captured field, the regex group name and the field name. */
    static final class Expanded {
        final String regex;
        final String[] groups;
        final String[] fields;

        Expanded(String regex, String[] groups, String[] fields) {
            this.regex = regex;
            this.groups = groups;
            this.fields = fields;
        }
    }

    /** @throws IllegalArgumentException naming an unknown pattern or a recursive definition */
    static Expanded expand(String pattern, Map<String, String> extra) {
        Map<String, String> defs = extra == null || extra.isEmpty() ? LIBRARY : merged(extra);
        List<String> groups = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        String regex = expand(pattern, defs, groups, fields, 0);
        // user-written (?<name>...) groups are fields too
        Matcher m = NAMED_GROUP.matcher(pattern);
        while (m.find()) {
            if (!groups.contains(m.group(1))) {
                groups.add(m.group(1));
                fields.add(m.group(1));
            }
        }
        return new Expanded(regex, groups.toArray(new String[0]), fields.toArray(new String[0]));
    }

    private static Map<String, String> merged(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(LIBRARY);
        m.putAll(extra);
        return m;
    }

    private static String expand(String p, Map<String, String> defs, List<String> groups, List<String> fields, int depth) {
        if (depth > 40) {
            throw new IllegalArgumentException("grok pattern definitions nest too deep (recursive definition?)");
        }
        Matcher m = REF.matcher(p);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(p, last, m.start());
            String name = m.group(1);
            String field = m.group(2);
            String def = defs.get(name);
            if (def == null) {
                throw new IllegalArgumentException("unknown grok pattern %{" + name + "}; define it in \"patterns\" or use a standard one"
                        + Problems.didYouMean(name, defs.keySet()));
            }
            String inner = expand(def, defs, groups, fields, depth + 1);
            if (field != null && !field.equals("UNWANTED")) {
                String g = "lkg" + groups.size();
                groups.add(g);
                fields.add(field);
                out.append("(?<").append(g).append('>').append(inner).append(')');
            } else {
                out.append("(?:").append(inner).append(')');
            }
            last = m.end();
        }
        out.append(p, last, p.length());
        return out.toString();
    }

    /** Names of (?<name>...) groups in a plain regex (Java 11 has no Matcher.namedGroups()). */
    static List<String> namedGroups(String regex) {
        List<String> names = new ArrayList<>();
        Matcher m = NAMED_GROUP.matcher(regex);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
