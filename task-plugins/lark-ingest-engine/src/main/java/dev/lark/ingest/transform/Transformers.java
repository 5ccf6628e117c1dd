package dev.lark.ingest.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.job.Params;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.PatternSyntaxException;

/**
 * A content entry's DataX {@code transformer} list, validated at the boundary:
 * {@code [{"name":"dx_substr","parameter":{"columnIndex":1,"paras":["0","3"]}}, ...]}, applied in order to every
 * record. {@code dx_groovy} (arbitrary Groovy code in the job) is refused with a clear error.
 */
public final class Transformers {
    public static final Set<String> SUPPORTED = Collections.unmodifiableSet(new TreeSet<>(List.of("dx_substr",
            "dx_pad", "dx_replace", "dx_filter")));
    private static final Transformers NONE = new Transformers(Collections.emptyList());

    private final List<RowTransformer> steps;

    private Transformers(List<RowTransformer> steps) {
        this.steps = Collections.unmodifiableList(steps);
    }

    public static Transformers none() {
        return NONE;
    }

    /** Parses {@code node} (the {@code transformer} array; null or missing gives none) found at {@code path}. */
    public static Transformers parse(JsonNode node, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NONE;
        }
        if (!node.isArray()) {
            throw ConfigException.invalid(path, node.getNodeType(), "give a list of {\"name\":\"dx_...\","
                    + "\"parameter\":{\"columnIndex\":N,\"paras\":[...]}}");
        }
        List<RowTransformer> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            steps.add(step(new Params(path + "[" + i + "]", node.get(i))));
        }
        return new Transformers(steps);
    }

    private static RowTransformer step(Params t) {
        t.checkKnown(Set.of("name", "parameter"));
        String name = t.requireString("name", "name the transformer, one of " + SUPPORTED);
        if (name.equals("dx_groovy")) {
            throw new ConfigException(t.path("name"), name, "is not supported by Lark's engine (it would run"
                    + " arbitrary Groovy code inside the worker)", "use " + SUPPORTED + ", or clean the data with"
                    + " LARK_CLEAN / SQL after ingestion");
        }
        if (!SUPPORTED.contains(name)) {
            throw ConfigException.unknown(t.path("name"), name, SUPPORTED);
        }
        Params p = t.object("parameter");
        p.checkKnown(Set.of("columnIndex", "paras"));
        if (!p.has("columnIndex")) {
            throw ConfigException.missing(p.path("columnIndex"), "give the 0-based index of the record column");
        }
        int column = p.intValue("columnIndex", -1);
        if (column < 0) {
            throw ConfigException.invalid(p.path("columnIndex"), column, "give a 0-based column index (>= 0)");
        }
        List<String> paras = p.strings("paras");
        String parasPath = p.path("paras");
        switch (name) {
            case "dx_substr":
                arity(parasPath, paras, 2, "[\"startIndex\", \"length\"]");
                return new Substr(column, nonNegative(parasPath + "[0]", paras.get(0)),
                        nonNegative(parasPath + "[1]", paras.get(1)));
            case "dx_pad": {
                arity(parasPath, paras, 3, "[\"l\" or \"r\", \"length\", \"padString\"]");
                String side = paras.get(0).trim().toLowerCase(Locale.ROOT);
                if (!side.equals("l") && !side.equals("r")) {
                    throw ConfigException.invalid(parasPath + "[0]", paras.get(0), "give \"l\" (pad on the left) or"
                            + " \"r\" (pad on the right)");
                }
                if (paras.get(2).isEmpty()) {
                    throw ConfigException.invalid(parasPath + "[2]", "", "give a non-empty pad string");
                }
                return new Pad(column, side.equals("l"), nonNegative(parasPath + "[1]", paras.get(1)), paras.get(2));
            }
            case "dx_replace":
                arity(parasPath, paras, 3, "[\"startIndex\", \"length\", \"replaceString\"]");
                return new Replace(column, nonNegative(parasPath + "[0]", paras.get(0)),
                        nonNegative(parasPath + "[1]", paras.get(1)), paras.get(2));
            default: {
                arity(parasPath, paras, 2, "[\"operator\", \"value\"]");
                Filter.Op op = op(parasPath + "[0]", paras.get(0));
                try {
                    return new Filter(column, op, paras.get(1));
                } catch (PatternSyntaxException e) {
                    throw ConfigException.invalid(parasPath + "[1]", paras.get(1), "give a valid Java regular"
                            + " expression for like/not like (" + e.getDescription() + ")");
                }
            }
        }
    }

    private static Filter.Op op(String path, String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "like":
                return Filter.Op.LIKE;
            case "not like":
                return Filter.Op.NOT_LIKE;
            case "=":
            case "==":
                return Filter.Op.EQ;
            case "!=":
            case "<>":
                return Filter.Op.NE;
            case ">":
                return Filter.Op.GT;
            case ">=":
                return Filter.Op.GE;
            case "<":
                return Filter.Op.LT;
            case "<=":
                return Filter.Op.LE;
            default:
                throw ConfigException.unknown(path, s, List.of("like", "not like", "=", "!=", ">", ">=", "<", "<="));
        }
    }

    private static void arity(String path, List<String> paras, int n, String shape) {
        if (paras.size() != n) {
            throw ConfigException.invalid(path, paras, "give " + n + " values: " + shape);
        }
    }

    private static int nonNegative(String path, String s) {
        try {
            int v = Integer.parseInt(s.trim());
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ConfigException.invalid(path, s, "give a non-negative integer");
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    public List<RowTransformer> steps() {
        return steps;
    }

    /**
     * Runs the steps in order on {@code row}; null when a filter dropped it. A step that cannot handle the record
     * throws {@link TransformException}.
     */
    public Object[] apply(Object[] row) {
        Object[] r = row;
        for (RowTransformer t : steps) {
            r = t.apply(r);
            if (r == null) {
                return null;
            }
        }
        return r;
    }

    /** Names in order, e.g. {@code [dx_substr, dx_filter]}. */
    public List<String> names() {
        List<String> out = new ArrayList<>();
        steps.forEach(s -> out.add(s.name()));
        return out;
    }
}
