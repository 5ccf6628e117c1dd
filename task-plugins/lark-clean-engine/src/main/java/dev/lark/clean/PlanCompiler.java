package dev.lark.clean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.clean.time.TimeParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Validates a config and compiles it into steps. Reports every problem it can find, not just the first. */
final class PlanCompiler {
    /** Statically known shape of a step's output. */
    enum Shape { ANY, STRING, OBJECT, LIST }

    static final List<String> OPERATORS = List.of("json", "json_list", "csv", "delimiter", "kv", "regex", "grok", "dissect",
            "url_decode", "access", "iterate", "select", "branch", "filter", "assign", "replace", "trim", "lower", "upper",
            "calculate", "rename", "drop", "default");

    final Problems problems = new Problems();
    OutputSchema schema;
    ErrorBudget budget = ErrorBudget.NONE;
    final List<Step> all = new ArrayList<>();
    Step[] roots = Step.NONE;

    private final Map<String, ObjectNode> topLevel = new LinkedHashMap<>();
    private final Map<String, Step> compiled = new HashMap<>();
    private final Set<String> inProgress = new HashSet<>();
    private final Set<String> seenLabels = new HashSet<>();
    private final Set<String> visited = new HashSet<>();
    private final Set<Integer> assignedSlots = new HashSet<>();
    private int autoLabel;

    void compile(ObjectNode root) {
        schema = compileSchema(root.path("schema"));
        budget = compileBudget(root.path("error_budget"));
        JsonNode steps = root.path("steps");
        if (!steps.isArray() || steps.isEmpty()) {
            problems.error("NO_STEPS", null, "the config has no \"steps\"", "add \"steps\": [{\"label\":\"parse\",\"op\":\"json\", ...}]");
            return;
        }
        List<ObjectNode> tops = new ArrayList<>();
        for (JsonNode s : steps) {
            if (!s.isObject()) {
                problems.error("BAD_STEP", null, "a step must be an object, got " + s, "write {\"label\":...,\"op\":...}");
                continue;
            }
            ObjectNode o = (ObjectNode) s;
            if (!o.hasNonNull("label")) {
                o.put("label", o.path("op").asText("step") + "_" + (++autoLabel));
                problems.warning("MISSING_LABEL", o.get("label").asText(), "a step has no label; it was named '" + o.get("label").asText() + "'",
                        "give every step a \"label\" so errors and counters name it");
            }
            String label = o.get("label").asText();
            if (topLevel.putIfAbsent(label, o) != null) {
                problems.error("DUPLICATE_LABEL", label, "two top-level steps are labelled '" + label + "'", "rename one of them");
            }
            tops.add(o);
        }
        Set<String> referenced = new HashSet<>();
        for (ObjectNode o : tops) {
            collectRefs(o, referenced);
        }
        List<String> rootLabels = new ArrayList<>();
        JsonNode rootSpec = root.path("root");
        if (rootSpec.isTextual()) {
            rootLabels.add(rootSpec.asText());
        } else if (rootSpec.isArray()) {
            rootSpec.forEach(r -> rootLabels.add(r.asText()));
        } else {
            for (ObjectNode o : tops) {
                if (!referenced.contains(o.get("label").asText())) {
                    rootLabels.add(o.get("label").asText());
                }
            }
            if (rootLabels.isEmpty()) {
                problems.error("CYCLE", null, "every top-level step is referenced by another one, so there is no starting step",
                        "set \"root\" to the first step's label and remove the loop");
                return;
            }
        }
        List<Step> rootSteps = new ArrayList<>();
        for (String r : rootLabels) {
            ObjectNode o = topLevel.get(r);
            if (o == null) {
                problems.error("UNKNOWN_STEP_REFERENCE", r, "\"root\" names '" + r + "' but no top-level step has that label",
                        "use one of " + topLevel.keySet());
                continue;
            }
            Step s = step(o, Shape.STRING, null);
            if (s != null) {
                rootSteps.add(s);
            }
        }
        roots = order(rootSteps);
        for (String label : topLevel.keySet()) {
            if (!visited.contains(label)) {
                problems.error("UNREACHABLE_STEP", label, "step '" + label + "' is never reached from the root step(s) " + rootLabels,
                        "reference it from a step's \"next\" (\"next\": [\"" + label + "\"]), add it to \"root\", or delete it");
            }
        }
        if (schema != null) {
            for (int i = 0; i < schema.size(); i++) {
                OutputField f = schema.fields().get(i);
                if (!assignedSlots.contains(i)) {
                    if (f.isTime()) {
                        problems.error("MISSING_TIME_FIELD", null, "the time field '" + f.name() + "' is never assigned by any step",
                                "add an assign step with {\"key\": \"<input key>\", \"as\": \"" + f.name() + "\"}");
                    } else if (!f.nullable()) {
                        problems.error("FIELD_NEVER_ASSIGNED", null, "the required field '" + f.name() + "' is never assigned",
                                "assign it in a step or declare it \"nullable\": true");
                    } else {
                        problems.warning("FIELD_NEVER_ASSIGNED", null, "output field '" + f.name() + "' is never assigned (always null)",
                                "assign it in a step or remove it from the schema");
                    }
                }
            }
        }
    }

    private void collectRefs(JsonNode step, Set<String> out) {
        for (JsonNode group : childGroups(step)) {
            for (JsonNode c : group) {
                if (c.isTextual()) {
                    out.add(c.asText());
                } else {
                    collectRefs(c, out);
                }
            }
        }
    }

    private static List<JsonNode> childGroups(JsonNode step) {
        List<JsonNode> groups = new ArrayList<>();
        if (step.has("next")) {
            groups.add(asArray(step.get("next")));
        }
        for (JsonNode c : step.path("cases")) {
            if (c.has("next")) {
                groups.add(asArray(c.get("next")));
            }
        }
        if (step.has("default_next")) {
            groups.add(asArray(step.get("default_next")));
        }
        return groups;
    }

    private static JsonNode asArray(JsonNode n) {
        if (n.isArray()) {
            return n;
        }
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(n);
    }

    /** Runs subtrees that fan out (iterate) after their siblings, so the siblings' assignments reach every element. */
    private static Step[] order(List<Step> steps) {
        Step[] arr = steps.toArray(new Step[0]);
        Arrays.sort(arr, Comparator.comparing(s -> s.fansOut));
        return arr;
    }

    private Step[] children(JsonNode group, Shape in, String parent) {
        if (group == null || group.isNull()) {
            return Step.NONE;
        }
        List<Step> out = new ArrayList<>();
        for (JsonNode c : asArray(group)) {
            Step s = null;
            if (c.isTextual()) {
                ObjectNode o = topLevel.get(c.asText());
                if (o == null) {
                    problems.error("UNKNOWN_STEP_REFERENCE", parent, "\"next\" names '" + c.asText() + "' but no top-level step has that label",
                            "use one of " + topLevel.keySet());
                } else {
                    s = step(o, in, parent);
                }
            } else if (c.isObject()) {
                ObjectNode o = (ObjectNode) c;
                if (!o.hasNonNull("label")) {
                    o.put("label", o.path("op").asText("step") + "_" + (++autoLabel));
                    problems.warning("MISSING_LABEL", o.get("label").asText(), "a step under '" + parent + "' has no label; it was named '"
                            + o.get("label").asText() + "'", "give every step a \"label\" so errors and counters name it");
                }
                s = step(o, in, parent);
            } else {
                problems.error("BAD_STEP", parent, "\"next\" entries must be step objects or labels, got " + c, "fix the \"next\" list");
            }
            if (s != null) {
                out.add(s);
            }
        }
        return order(out);
    }

    private Step step(ObjectNode o, Shape in, String parent) {
        String label = o.get("label").asText();
        if (inProgress.contains(label)) {
            problems.error("CYCLE", label, "step '" + label + "' is reached again from its own descendants", "remove the loop in \"next\"");
            return null;
        }
        Step done = compiled.get(label);
        if (done != null || !visited.add(label)) {
            return done;
        }
        inProgress.add(label);
        if (!seenLabels.add(label) && !topLevel.containsKey(label)) {
            problems.error("DUPLICATE_LABEL", label, "two steps are labelled '" + label + "'", "rename one of them");
        }
        try {
            String op = o.path("op").asText("");
            if (!OPERATORS.contains(op)) {
                problems.error("UNKNOWN_OPERATOR", label, "unknown operator '" + op + "'",
                        "use one of " + OPERATORS + Problems.didYouMean(op, OPERATORS));
                children(o.get("next"), Shape.ANY, label); // still check the subtree
                return null;
            }
            Args a = new Args(o, label);
            Shape need = needs(op, o);
            if (need != Shape.ANY && in != Shape.ANY && need != in) {
                problems.error("TYPE_MISMATCH", label, "'" + op + "' needs " + article(need) + " but "
                                + (parent == null ? "the raw input" : "step '" + parent + "'") + " outputs " + article(in),
                        fixFor(need, in));
            }
            Step s = build(op, a, in);
            if (s == null) {
                if (!op.equals("branch")) {
                    children(o.get("next"), Shape.ANY, label); // still check the subtree
                }
                return null;
            }
            Shape out = produces(op, o, in);
            s.id = all.size();
            all.add(s);
            compiled.put(label, s);
            if (s instanceof Ops.Branch) {
                Ops.Branch b = (Ops.Branch) s;
                for (Step[] g : b.otherChildren()) {
                    for (Step c : g) {
                        s.fansOut |= c.fansOut;
                    }
                }
            } else {
                s.next = children(o.get("next"), out, label);
                s.fansOut = s instanceof Ops.Iterate || Arrays.stream(s.next).anyMatch(c -> c.fansOut);
            }
            return s;
        } finally {
            inProgress.remove(label);
        }
    }

    private static String article(Shape s) {
        switch (s) {
            case OBJECT: return "an object";
            case LIST: return "a list";
            case STRING: return "a string";
            default: return "any value";
        }
    }

    private static String fixFor(Shape need, Shape have) {
        if (have == Shape.STRING) {
            return need == Shape.OBJECT ? "parse the string first (json, kv, regex, grok or dissect)"
                    : "parse the string into a list first (json_list, csv or delimiter)";
        }
        if (have == Shape.LIST) {
            return need == Shape.OBJECT ? "add an 'iterate' (one record per element) or 'access' by index first"
                    : "take one element with 'access' {\"index\": 0} first";
        }
        if (have == Shape.OBJECT) {
            return need == Shape.LIST ? "take the array out with 'access' {\"key\": \"...\"} first"
                    : "take the text out with 'access' {\"key\": \"...\"} first";
        }
        return "insert a step that produces " + article(need);
    }

    private static Shape needs(String op, JsonNode o) {
        switch (op) {
            case "json": case "json_list": case "csv": case "delimiter": case "kv": case "regex": case "grok": case "dissect":
                return Shape.STRING;
            case "url_decode": case "replace": case "trim": case "lower": case "upper":
                return o.hasNonNull("field") ? Shape.OBJECT : Shape.STRING;
            case "access": return o.has("key") ? Shape.OBJECT : o.has("index") ? Shape.LIST : Shape.ANY;
            case "iterate": return Shape.LIST;
            case "calculate": case "rename": case "drop": case "default": return Shape.OBJECT;
            case "assign": {
                boolean key = false;
                boolean index = false;
                for (JsonNode f : o.path("fields")) {
                    key |= f.has("key");
                    index |= f.has("index");
                }
                return key && !index ? Shape.OBJECT : index && !key ? Shape.LIST : Shape.ANY;
            }
            default: return Shape.ANY;
        }
    }

    private static Shape produces(String op, JsonNode o, Shape in) {
        switch (op) {
            case "json": case "access": case "iterate": return Shape.ANY;
            case "json_list": case "csv": case "delimiter": return Shape.LIST;
            case "kv": case "regex": case "grok": case "dissect": return Shape.OBJECT;
            default: return in;
        }
    }

    /** Typed access to a step's arguments that reports problems instead of throwing. */
    private final class Args {
        final ObjectNode o;
        final String label;

        Args(ObjectNode o, String label) {
            this.o = o;
            this.label = label;
        }

        String str(String key, String dflt) {
            JsonNode n = o.get(key);
            return n == null || n.isNull() ? dflt : n.asText();
        }

        String required(String key, String example) {
            String v = str(key, null);
            if (v == null || v.isEmpty()) {
                problems.error("MISSING_ARGUMENT", label, "'" + o.path("op").asText() + "' needs \"" + key + "\"", "add \"" + key + "\": " + example);
            }
            return v;
        }

        String[] strings(String key) {
            JsonNode n = o.get(key);
            if (n == null) {
                return null;
            }
            List<String> l = new ArrayList<>();
            asArray(n).forEach(x -> l.add(x.asText()));
            return l.toArray(new String[0]);
        }
    }

    private Step build(String op, Args a, Shape in) {
        String label = a.label;
        switch (op) {
            case "json": return new Ops.Json(label, false);
            case "json_list": return new Ops.Json(label, true);
            case "csv": {
                String sep = a.str("separator", ",");
                String quote = a.str("quote", "\"");
                if (sep.length() != 1 || quote.length() != 1) {
                    problems.error("BAD_ARGUMENT", label, "csv \"separator\" and \"quote\" must be single characters", "e.g. \"separator\": \";\"");
                    return null;
                }
                return new Ops.Csv(label, sep.charAt(0), quote.charAt(0));
            }
            case "delimiter": {
                String d = a.required("delimiter", "\"|\"");
                return d == null || d.isEmpty() ? null : new Ops.Delimiter(label, unescape(d), a.o.path("limit").asInt(-1));
            }
            case "kv": return new Ops.Kv(label, unescape(a.str("pair_separator", "&")), unescape(a.str("kv_separator", "=")),
                    a.o.path("trim").asBoolean(true));
            case "regex": {
                String p = a.required("pattern", "\"(?<ip>\\\\S+) (?<path>\\\\S+)\"");
                if (p == null) {
                    return null;
                }
                try {
                    Pattern compiled = Pattern.compile(p);
                    List<String> names = GrokPatterns.namedGroups(p);
                    if (names.isEmpty()) {
                        problems.error("BAD_PATTERN", label, "regex has no named groups, so it extracts nothing",
                                "name the parts you need: (?<name>...)");
                    }
                    String[] arr = names.toArray(new String[0]);
                    return new Ops.Regex(label, "regex", compiled, arr, arr, !a.o.path("full_match").asBoolean(false));
                } catch (PatternSyntaxException e) {
                    problems.error("BAD_PATTERN", label, "bad regex: " + e.getDescription() + " near index " + e.getIndex(), "fix the Java regular expression");
                    return null;
                }
            }
            case "grok": {
                String p = a.required("pattern", "\"%{COMBINEDAPACHELOG}\"");
                if (p == null) {
                    return null;
                }
                Map<String, String> extra = new HashMap<>();
                a.o.path("patterns").fields().forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asText()));
                try {
                    GrokPatterns.Expanded x = GrokPatterns.expand(p, extra);
                    return new Ops.Regex(label, "grok", Pattern.compile(x.regex), x.groups, x.fields, !a.o.path("full_match").asBoolean(false));
                } catch (IllegalArgumentException e) {
                    problems.error("BAD_PATTERN", label, "grok: " + (e instanceof PatternSyntaxException
                            ? ((PatternSyntaxException) e).getDescription() : e.getMessage()), "fix the grok pattern");
                    return null;
                }
            }
            case "dissect": return dissect(a);
            case "url_decode": return new Ops.UrlDecode(label, a.str("field", null));
            case "access": {
                boolean key = a.o.has("key");
                boolean index = a.o.has("index");
                if (key == index) {
                    problems.error("MISSING_ARGUMENT", label, "access needs exactly one of \"key\" or \"index\"", "add \"key\": \"data\" or \"index\": 0");
                    return null;
                }
                return new Ops.Access(label, key ? a.str("key", null) : null, index ? a.o.get("index").asInt() : -1,
                        a.o.has("default"), Values.fromNode(a.o.get("default")));
            }
            case "iterate": return new Ops.Iterate(label);
            case "select": return new Ops.Select(label, condition(a));
            case "filter": return new Ops.Filter(label, condition(a));
            case "branch": return branch(a, in);
            case "assign": return assign(a);
            case "replace": {
                String field = a.str("field", null);
                String to = a.str("to", "");
                if (a.o.has("pattern")) {
                    try {
                        return new Ops.Transform(label, op, field, Ops.Transform.replace(Pattern.compile(a.str("pattern", "")), to));
                    } catch (PatternSyntaxException e) {
                        problems.error("BAD_PATTERN", label, "bad regex: " + e.getDescription(), "fix the Java regular expression");
                        return null;
                    }
                }
                String from = a.required("from", "\"-\" (literal) or use \"pattern\" for a regex");
                return from == null ? null : new Ops.Transform(label, op, field, Ops.Transform.literal(from, to));
            }
            case "trim": return new Ops.Transform(label, op, a.str("field", null), Ops.Transform.TRIM);
            case "lower": return new Ops.Transform(label, op, a.str("field", null), Ops.Transform.LOWER);
            case "upper": return new Ops.Transform(label, op, a.str("field", null), Ops.Transform.UPPER);
            case "calculate": {
                String e = a.required("expr", "\"bytes / 1024\"");
                String as = a.required("as", "\"kb\"");
                if (e == null || as == null) {
                    return null;
                }
                try {
                    return new Ops.Calculate(label, Expr.parse(e), as);
                } catch (IllegalArgumentException ex) {
                    problems.error("BAD_EXPRESSION", label, ex.getMessage(), "use numbers, field names, + - * / % and parentheses");
                    return null;
                }
            }
            case "rename": {
                String[] from = a.strings("from");
                String[] to = a.strings("to");
                if (from == null || to == null || from.length != to.length) {
                    problems.error("MISSING_ARGUMENT", label, "rename needs \"from\" and \"to\" of the same length", "e.g. \"from\": \"ip\", \"to\": \"client_ip\"");
                    return null;
                }
                return new Ops.Rename(label, from, to);
            }
            case "drop": {
                String[] f = a.strings("fields");
                if (f == null) {
                    problems.error("MISSING_ARGUMENT", label, "drop needs \"fields\"", "add \"fields\": [\"password\"]");
                    return null;
                }
                return new Ops.Drop(label, f);
            }
            case "default": {
                String f = a.required("field", "\"status\"");
                if (!a.o.has("value")) {
                    problems.error("MISSING_ARGUMENT", label, "default needs \"value\"", "add \"value\": \"-\"");
                    return null;
                }
                return f == null ? null : new Ops.Default(label, f, Values.fromNode(a.o.get("value")));
            }
            default: return null;
        }
    }

    private static String unescape(String s) {
        return s.replace("\\t", "\t").replace("\\u0001", "\u0001");
    }

    private Condition condition(Args a) {
        if (!a.o.has("when")) {
            problems.error("MISSING_ARGUMENT", a.label, "'" + a.o.path("op").asText() + "' needs a \"when\" condition",
                    "add \"when\": {\"op\":\"equal\",\"field\":\"type\",\"value\":\"click\"}");
            return Condition.FALSE;
        }
        return Condition.compile(a.o.get("when"), a.label, problems);
    }

    private Step branch(Args a, Shape in) {
        JsonNode cases = a.o.path("cases");
        if (!cases.isArray() || cases.isEmpty()) {
            problems.error("MISSING_ARGUMENT", a.label, "branch needs \"cases\"", "add \"cases\": [{\"when\": {...}, \"next\": [...]}]");
            return null;
        }
        List<Condition> conds = new ArrayList<>();
        List<Step[]> steps = new ArrayList<>();
        boolean always = false;
        int i = 0;
        for (JsonNode c : cases) {
            if (always) {
                problems.error("UNREACHABLE_STEP", a.label, "case " + i + " comes after an always-true case and can never run",
                        "move the {\"op\":\"true\"} case last or use \"default_next\"");
            }
            Condition cond = Condition.compile(c.get("when"), a.label, problems);
            always |= cond.always();
            conds.add(cond);
            steps.add(children(c.get("next"), in, a.label));
            i++;
        }
        Step[] otherwise = a.o.has("default_next") ? children(a.o.get("default_next"), in, a.label) : null;
        if (always && otherwise != null) {
            problems.error("UNREACHABLE_STEP", a.label, "\"default_next\" can never run: a case is always true", "remove the always-true case or the default");
        }
        return new Ops.Branch(a.label, conds.toArray(new Condition[0]), steps.toArray(new Step[0][]), otherwise);
    }

    private Step assign(Args a) {
        JsonNode fields = a.o.path("fields");
        if (!fields.isArray() || fields.isEmpty()) {
            problems.error("MISSING_ARGUMENT", a.label, "assign needs \"fields\"", "add \"fields\": [{\"key\": \"status\", \"as\": \"status\", \"type\": \"int\"}]");
            return null;
        }
        if (schema == null) {
            return null;
        }
        List<Ops.Target> targets = new ArrayList<>();
        for (JsonNode f : fields) {
            String key = f.hasNonNull("key") ? f.get("key").asText() : null;
            int index = f.has("index") ? f.get("index").asInt() : -1;
            String as = f.hasNonNull("as") ? f.get("as").asText() : key;
            if (as == null) {
                problems.error("MISSING_ARGUMENT", a.label, "an assign entry needs \"as\" (the output field)", "add \"as\": \"<output field>\"");
                continue;
            }
            int slot = schema.indexOf(as);
            if (slot < 0) {
                List<String> names = new ArrayList<>();
                schema.fields().forEach(x -> names.add(x.name()));
                problems.error("UNKNOWN_OUTPUT_FIELD", a.label, "assign writes '" + as + "' but the schema declares no such field",
                        "declare it in \"schema\".\"fields\" or use one of " + names + Problems.didYouMean(as, names));
                continue;
            }
            OutputField out = schema.fields().get(slot);
            FieldType type = out.type();
            if (f.hasNonNull("type")) {
                try {
                    FieldType t = FieldType.parse(f.get("type").asText());
                    if (t != type) {
                        problems.error("TYPE_MISMATCH", a.label, "assign gives '" + as + "' type " + t.lowerName()
                                + " but the schema declares " + type.lowerName(), "make the two types the same");
                    }
                } catch (IllegalArgumentException e) {
                    problems.error("UNKNOWN_TYPE", a.label, e.getMessage(), "fix the \"type\" of '" + as + "'");
                }
            }
            TimeParser own = null;
            if (f.has("formats")) {
                List<String> formats = new ArrayList<>();
                asArray(f.get("formats")).forEach(x -> formats.add(x.asText()));
                try {
                    TimeParser base = schema.time();
                    own = TimeParser.of(formats, base == null ? "UTC" : base.zone().getId(), base == null ? "none" : base.rounding().name());
                } catch (IllegalArgumentException e) {
                    problems.error("BAD_TIME_FORMAT", a.label, "field '" + as + "': " + e.getMessage(), "fix its \"formats\"");
                }
                if (type != FieldType.TIMESTAMP) {
                    problems.error("BAD_ARGUMENT", a.label, "\"formats\" given for '" + as + "' which is not a timestamp", "remove \"formats\"");
                }
            }
            boolean constant = f.has("value");
            if (constant && (key != null || index >= 0)) {
                problems.error("BAD_ARGUMENT", a.label, "assign entry for '" + as + "' has both \"value\" and \"key\"/\"index\"", "keep one");
            }
            assignedSlots.add(slot);
            targets.add(new Ops.Target(key, index, slot, as, type, constant || f.has("default"),
                    Values.fromNode(constant ? f.get("value") : f.get("default")), f.path("optional").asBoolean(false), out.isTime(),
                    constant, own));
        }
        return new Ops.Assign(a.label, targets.toArray(new Ops.Target[0]), schema.time());
    }

    private Step dissect(Args a) {
        String p = a.required("pattern", "\"%{ip} - %{user} [%{time}] %{rest}\"");
        if (p == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        List<String> delims = new ArrayList<>();
        int pos = p.indexOf("%{");
        if (pos < 0) {
            problems.error("BAD_PATTERN", a.label, "dissect pattern has no %{key}", "e.g. \"%{ip} - %{user} [%{time}]\"");
            return null;
        }
        String prefix = p.substring(0, pos);
        while (pos >= 0) {
            int end = p.indexOf('}', pos);
            if (end < 0) {
                problems.error("BAD_PATTERN", a.label, "unclosed %{ in dissect pattern", "close it with }");
                return null;
            }
            String key = p.substring(pos + 2, end);
            keys.add(key.isEmpty() || key.startsWith("?") ? null : key);
            int nextKey = p.indexOf("%{", end);
            String delim = p.substring(end + 1, nextKey < 0 ? p.length() : nextKey);
            if (delim.isEmpty() && nextKey >= 0) {
                problems.error("BAD_PATTERN", a.label, "two dissect keys without text between them", "put the separating text between %{...}%{...}");
                return null;
            }
            delims.add(delim);
            pos = nextKey;
        }
        // a trailing literal must end the text: keep it as the last delimiter; an empty one means "the rest"
        return new Ops.Dissect(a.label, prefix, keys.toArray(new String[0]), delims.toArray(new String[0]));
    }

    private OutputSchema compileSchema(JsonNode s) {
        if (!s.isObject() || !s.path("fields").isArray() || s.path("fields").isEmpty()) {
            problems.error("BAD_SCHEMA", null, "the config has no \"schema\" with \"fields\"",
                    "add \"schema\": {\"fields\": [{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true}, ...], \"time\": {\"formats\": [...]}}");
            return null;
        }
        List<OutputField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int times = 0;
        boolean ok = true;
        String timeField = s.path("time").path("field").asText(null);
        for (JsonNode f : s.get("fields")) {
            String name = f.path("name").asText("");
            if (name.isEmpty()) {
                problems.error("BAD_SCHEMA", null, "an output field has no \"name\": " + f, "add \"name\"");
                ok = false;
                continue;
            }
            if (!names.add(name)) {
                problems.error("BAD_SCHEMA", null, "output field '" + name + "' is declared twice", "remove one");
                ok = false;
            }
            FieldType type;
            try {
                type = FieldType.parse(f.path("type").asText(null));
            } catch (IllegalArgumentException e) {
                problems.error("UNKNOWN_TYPE", null, "field '" + name + "': " + e.getMessage(), "fix its \"type\"");
                ok = false;
                continue;
            }
            boolean isTime = f.path("is_time").asBoolean(false) || name.equals(timeField);
            if (isTime) {
                times++;
                if (type != FieldType.TIMESTAMP) {
                    problems.error("TYPE_MISMATCH", null, "time field '" + name + "' has type " + type.lowerName(), "declare it \"type\": \"timestamp\"");
                }
            }
            fields.add(new OutputField(name, type, f.path("description").asText(""), f.path("is_dimension").asBoolean(false),
                    isTime, f.path("nullable").asBoolean(true)));
        }
        if (times == 0) {
            problems.error("MISSING_TIME_FIELD", null, "the schema has no time field",
                    "mark one timestamp field \"is_time\": true (and set \"time\": {\"formats\": [...]})");
        } else if (times > 1) {
            problems.error("BAD_SCHEMA", null, "the schema has " + times + " time fields", "mark exactly one field \"is_time\": true");
        }
        TimeParser tp = null;
        JsonNode t = s.path("time");
        List<String> formats = new ArrayList<>();
        t.path("formats").forEach(x -> formats.add(x.asText()));
        if (t.hasNonNull("format")) {
            formats.add(t.get("format").asText());
        }
        boolean needsTime = fields.stream().anyMatch(f -> f.type() == FieldType.TIMESTAMP);
        if (needsTime) {
            try {
                tp = TimeParser.of(formats, t.path("timezone").asText("UTC"), t.path("round").asText("none"));
            } catch (IllegalArgumentException e) {
                problems.error("BAD_TIME_FORMAT", null, e.getMessage(), "fix \"schema\".\"time\"");
                ok = false;
            }
        }
        return ok ? new OutputSchema(fields, tp) : null;
    }

    private ErrorBudget compileBudget(JsonNode b) {
        if (b.isMissingNode() || b.isNull()) {
            return ErrorBudget.NONE;
        }
        return new ErrorBudget(b.path("max_records").asLong(-1), b.path("max_percent").asDouble(-1));
    }
}
