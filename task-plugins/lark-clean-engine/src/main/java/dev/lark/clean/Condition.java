package dev.lark.clean;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled predicate on the current value. Config form:
 * {@code {"op":"equal","field":"status","value":200}}, {@code {"op":"and","conditions":[...]}},
 * {@code {"op":"not","condition":{...}}}. Without "field" (or "index") the condition tests the value itself.
 */
abstract class Condition {
    static final List<String> OPERATORS = List.of("equal", "not_equal", "greater", "less", "startswith", "endswith",
            "contains", "regex", "in", "is_null", "and", "or", "not", "true");

    abstract boolean test(Object current);

    /** True for the literal {"op":"true"}: cases after it are unreachable. */
    boolean always() {
        return false;
    }

    static Condition compile(JsonNode n, String label, Problems problems) {
        if (n == null || !n.isObject()) {
            problems.error("BAD_CONDITION", label, "condition must be an object, got " + n,
                    "write e.g. {\"op\":\"equal\",\"field\":\"status\",\"value\":\"200\"}");
            return FALSE;
        }
        String op = n.path("op").asText("");
        switch (op) {
            case "true": return TRUE;
            case "and": case "or": {
                List<Condition> parts = new ArrayList<>();
                JsonNode cs = n.path("conditions");
                if (!cs.isArray() || cs.isEmpty()) {
                    problems.error("MISSING_ARGUMENT", label, "'" + op + "' needs a non-empty \"conditions\" list",
                            "add \"conditions\": [{...}, {...}]");
                    return FALSE;
                }
                cs.forEach(c -> parts.add(compile(c, label, problems)));
                Condition[] arr = parts.toArray(new Condition[0]);
                return op.equals("and") ? new And(arr) : new Or(arr);
            }
            case "not": return new Not(compile(n.get("condition"), label, problems));
            default: break;
        }
        if (!OPERATORS.contains(op)) {
            problems.error("UNKNOWN_OPERATOR", label, "unknown condition operator '" + op + "'",
                    "use one of " + OPERATORS + Problems.didYouMean(op, OPERATORS));
            return FALSE;
        }
        String field = n.hasNonNull("field") ? n.get("field").asText() : null;
        int index = n.has("index") ? n.get("index").asInt(-1) : -1;
        if (op.equals("is_null")) {
            return new Leaf(field, index) {
                @Override
                boolean test(Object current) {
                    return get(current) == null;
                }
            };
        }
        if (op.equals("in")) {
            JsonNode vs = n.path("values");
            if (!vs.isArray()) {
                problems.error("MISSING_ARGUMENT", label, "'in' needs a \"values\" list", "add \"values\": [\"a\", \"b\"]");
                return FALSE;
            }
            Set<String> set = new HashSet<>();
            vs.forEach(v -> set.add(FieldType.asString(Values.fromNode(v))));
            return new Leaf(field, index) {
                @Override
                boolean test(Object current) {
                    Object v = get(current);
                    return v != null && set.contains(FieldType.asString(v));
                }
            };
        }
        if (!n.has("value")) {
            String what = op.equals("regex") ? "the pattern" : "the value to compare with";
            problems.error("MISSING_ARGUMENT", label, "condition '" + op + "' needs \"value\" (" + what + ")",
                    "add \"value\": ...");
            return FALSE;
        }
        Object lit = Values.fromNode(n.get("value"));
        String s = lit == null ? null : FieldType.asString(lit);
        boolean numeric = lit instanceof Number;
        double d = numeric ? ((Number) lit).doubleValue() : Double.NaN;
        switch (op) {
            case "equal": return new Compare(field, index, s, d, numeric, 0, false);
            case "not_equal": return new Not(new Compare(field, index, s, d, numeric, 0, false));
            case "greater": return new Compare(field, index, s, d, numeric, 1, true);
            case "less": return new Compare(field, index, s, d, numeric, -1, true);
            case "startswith": return new Leaf(field, index) {
                @Override
                boolean test(Object c) {
                    Object v = get(c);
                    return v != null && FieldType.asString(v).startsWith(s);
                }
            };
            case "endswith": return new Leaf(field, index) {
                @Override
                boolean test(Object c) {
                    Object v = get(c);
                    return v != null && FieldType.asString(v).endsWith(s);
                }
            };
            case "contains": return new Leaf(field, index) {
                @Override
                boolean test(Object c) {
                    Object v = get(c);
                    return v != null && FieldType.asString(v).contains(s);
                }
            };
            case "regex": {
                Pattern p;
                try {
                    p = Pattern.compile(s);
                } catch (PatternSyntaxException e) {
                    problems.error("BAD_PATTERN", label, "bad regex '" + s + "': " + e.getDescription(),
                            "fix the Java regular expression");
                    return FALSE;
                }
                return new Leaf(field, index) {
                    @Override
                    boolean test(Object c) {
                        Object v = get(c);
                        return v != null && p.matcher(FieldType.asString(v)).find();
                    }
                };
            }
            default: return FALSE;
        }
    }

    static final Condition TRUE = new Condition() {
        @Override
        boolean test(Object current) {
            return true;
        }

        @Override
        boolean always() {
            return true;
        }
    };

    static final Condition FALSE = new Condition() {
        @Override
        boolean test(Object current) {
            return false;
        }
    };

    abstract static class Leaf extends Condition {
        final String field;
        final int index;

        Leaf(String field, int index) {
            this.field = field;
            this.index = index;
        }

        final Object get(Object current) {
            if (field != null) {
                return current instanceof Map ? ((Map<?, ?>) current).get(field) : null;
            }
            if (index >= 0) {
                return current instanceof List && index < ((List<?>) current).size() ? ((List<?>) current).get(index) : null;
            }
            return current;
        }
    }

    /** Numeric when the literal is a number (and the value parses as one), else string comparison. */
    static final class Compare extends Leaf {
        final String s;
        final double d;
        final boolean numeric;
        final int sign;
        final boolean ordered;

        Compare(String field, int index, String s, double d, boolean numeric, int sign, boolean ordered) {
            super(field, index);
            this.s = s;
            this.d = d;
            this.numeric = numeric;
            this.sign = sign;
            this.ordered = ordered;
        }

        @Override
        boolean test(Object current) {
            Object v = get(current);
            if (v == null || s == null) {
                return v == null && s == null && !ordered;
            }
            int cmp;
            if (numeric) {
                double x;
                if (v instanceof Number) {
                    x = ((Number) v).doubleValue();
                } else {
                    try {
                        x = Double.parseDouble(FieldType.asString(v).trim());
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
                cmp = Double.compare(x, d);
            } else {
                cmp = FieldType.asString(v).compareTo(s);
            }
            return ordered ? Integer.signum(cmp) == sign : cmp == 0;
        }
    }

    static final class And extends Condition {
        final Condition[] parts;

        And(Condition[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(Object c) {
            for (Condition p : parts) {
                if (!p.test(c)) {
                    return false;
                }
            }
            return true;
        }
    }

    static final class Or extends Condition {
        final Condition[] parts;

        Or(Condition[] parts) {
            this.parts = parts;
        }

        @Override
        boolean test(Object c) {
            for (Condition p : parts) {
                if (p.test(c)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class Not extends Condition {
        final Condition inner;

        Not(Condition inner) {
            this.inner = inner;
        }

        @Override
        boolean test(Object c) {
            return !inner.test(c);
        }
    }
}
