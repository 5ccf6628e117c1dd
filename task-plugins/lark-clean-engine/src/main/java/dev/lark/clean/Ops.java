package dev.lark.clean;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The step implementations. Each is configured once at compile time; run() touches only the record's data. */
final class Ops {
    private Ops() {
    }

    /** Base for steps that need a string: a non-string input is a TYPE_MISMATCH. */
    abstract static class StringStep extends Step {
        StringStep(String label, String op) {
            super(label, op);
        }

        @Override
        final void run(Object in, Exec x) {
            if (!(in instanceof String)) {
                throw fail(ErrorKind.TYPE_MISMATCH, null, op + " needs a string but got " + Values.typeName(in) + " " + show(in));
            }
            runString((String) in, x);
        }

        abstract void runString(String s, Exec x);
    }

    // ---------------------------------------------------------------- parse

    static final class Json extends StringStep {
        final boolean list;

        Json(String label, boolean list) {
            super(label, list ? "json_list" : "json");
            this.list = list;
        }

        @Override
        void runString(String s, Exec x) {
            Object v;
            try {
                v = Values.parseJson(s);
            } catch (Values.BadJson e) {
                throw fail(ErrorKind.BAD_JSON, null, e.getMessage());
            }
            if (list && !(v instanceof List)) {
                throw fail(ErrorKind.BAD_JSON, null, "expected a JSON array but got " + Values.typeName(v));
            }
            x.forward(this, v);
        }
    }

    static final class Csv extends StringStep {
        final char sep;
        final char quote;

        Csv(String label, char sep, char quote) {
            super(label, "csv");
            this.sep = sep;
            this.quote = quote;
        }

        @Override
        void runString(String s, Exec x) {
            List<Object> out = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean inQuote = false;
            boolean wasQuoted = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (inQuote) {
                    if (c == quote) {
                        if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                            cur.append(quote);
                            i++;
                        } else {
                            inQuote = false;
                        }
                    } else {
                        cur.append(c);
                    }
                } else if (c == sep) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    wasQuoted = false;
                } else if (c == quote && cur.length() == 0 && !wasQuoted) {
                    inQuote = true;
                    wasQuoted = true;
                } else {
                    cur.append(c);
                }
            }
            if (inQuote) {
                throw fail(ErrorKind.BAD_CSV, null, "unterminated quote in CSV line " + show(s));
            }
            out.add(cur.toString());
            x.forward(this, out);
        }
    }

    static final class Delimiter extends StringStep {
        final String delim;
        final int limit;

        Delimiter(String label, String delim, int limit) {
            super(label, "delimiter");
            this.delim = delim;
            this.limit = limit;
        }

        @Override
        void runString(String s, Exec x) {
            List<Object> out = new ArrayList<>(16);
            int from = 0;
            int dl = delim.length();
            while (true) {
                if (limit > 0 && out.size() == limit - 1) {
                    out.add(s.substring(from));
                    break;
                }
                int at = s.indexOf(delim, from);
                if (at < 0) {
                    out.add(s.substring(from));
                    break;
                }
                out.add(s.substring(from, at));
                from = at + dl;
            }
            x.forward(this, out);
        }
    }

    static final class Kv extends StringStep {
        final String pairSep;
        final String kvSep;
        final boolean trim;

        Kv(String label, String pairSep, String kvSep, boolean trim) {
            super(label, "kv");
            this.pairSep = pairSep;
            this.kvSep = kvSep;
            this.trim = trim;
        }

        @Override
        void runString(String s, Exec x) {
            Map<String, Object> out = new HashMap<>();
            int from = 0;
            while (from <= s.length()) {
                int end = s.indexOf(pairSep, from);
                if (end < 0) {
                    end = s.length();
                }
                if (end > from) {
                    int eq = s.indexOf(kvSep, from);
                    String k;
                    String v;
                    if (eq < 0 || eq >= end) {
                        k = s.substring(from, end);
                        v = "";
                    } else {
                        k = s.substring(from, eq);
                        v = s.substring(eq + kvSep.length(), end);
                    }
                    if (trim) {
                        k = k.trim();
                        v = v.trim();
                    }
                    if (!k.isEmpty()) {
                        out.put(k, v);
                    }
                }
                from = end + pairSep.length();
            }
            x.forward(this, out);
        }
    }

    /** regex (named groups) and grok (compiled to a regex with generated group names). */
    static final class Regex extends StringStep {
        final Pattern pattern;
        final String[] groups;
        final String[] names;
        final boolean find;

        Regex(String label, String op, Pattern pattern, String[] groups, String[] names, boolean find) {
            super(label, op);
            this.pattern = pattern;
            this.groups = groups;
            this.names = names;
            this.find = find;
        }

        @Override
        void runString(String s, Exec x) {
            Matcher m = pattern.matcher(s);
            if (!(find ? m.find() : m.matches())) {
                throw fail(ErrorKind.NO_MATCH, null, op + " pattern does not match " + show(s));
            }
            Map<String, Object> out = new HashMap<>(names.length * 2);
            for (int i = 0; i < groups.length; i++) {
                String v = m.group(groups[i]);
                if (v != null || !out.containsKey(names[i])) {
                    out.put(names[i], v);
                }
            }
            x.forward(this, out);
        }
    }

    /** dissect: "%{a} - %{b} [%{c}]" split by the literal text between keys; %{} and %{?x} skip a part. */
    static final class Dissect extends StringStep {
        final String prefix;
        final String[] keys;
        final String[] delims;

        Dissect(String label, String prefix, String[] keys, String[] delims) {
            super(label, "dissect");
            this.prefix = prefix;
            this.keys = keys;
            this.delims = delims;
        }

        @Override
        void runString(String s, Exec x) {
            if (!s.startsWith(prefix)) {
                throw fail(ErrorKind.NO_MATCH, null, "dissect: text does not start with '" + prefix + "': " + show(s));
            }
            Map<String, Object> out = new HashMap<>(keys.length * 2);
            int pos = prefix.length();
            for (int i = 0; i < keys.length; i++) {
                String d = delims[i];
                int end;
                if (d.isEmpty()) {
                    end = s.length();
                } else {
                    end = s.indexOf(d, pos);
                    if (end < 0) {
                        throw fail(ErrorKind.NO_MATCH, keys[i], "dissect: delimiter '" + d + "' after %{" + keys[i]
                                + "} not found in " + show(s));
                    }
                }
                if (keys[i] != null) {
                    out.put(keys[i], s.substring(pos, end));
                }
                pos = end + d.length();
            }
            x.forward(this, out);
        }
    }

    static final class UrlDecode extends Step {
        final String field;

        UrlDecode(String label, String field) {
            super(label, "url_decode");
            this.field = field;
        }

        @Override
        void run(Object in, Exec x) {
            x.forward(this, Transform.apply(this, field, in, v -> {
                try {
                    return URLDecoder.decode(v, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw fail(ErrorKind.BAD_URL_ENCODING, field, "cannot url-decode " + show(v) + ": " + e.getMessage());
                }
            }));
        }
    }

    // ---------------------------------------------------------------- navigate

    static final class Access extends Step {
        final String key;
        final int index;
        final boolean hasDefault;
        final Object dflt;

        Access(String label, String key, int index, boolean hasDefault, Object dflt) {
            super(label, "access");
            this.key = key;
            this.index = index;
            this.hasDefault = hasDefault;
            this.dflt = dflt;
        }

        @Override
        void run(Object in, Exec x) {
            Object v;
            if (key != null) {
                if (!(in instanceof Map)) {
                    throw fail(ErrorKind.TYPE_MISMATCH, key, "access by key needs an object but got " + Values.typeName(in) + " " + show(in));
                }
                Map<?, ?> m = (Map<?, ?>) in;
                v = m.get(key);
                if (v == null && !m.containsKey(key)) {
                    if (!hasDefault) {
                        throw fail(ErrorKind.MISSING_KEY, key, "no key '" + key + "' in object with keys " + m.keySet());
                    }
                    v = dflt;
                }
            } else {
                if (!(in instanceof List)) {
                    throw fail(ErrorKind.TYPE_MISMATCH, "[" + index + "]", "access by index needs a list but got " + Values.typeName(in) + " " + show(in));
                }
                List<?> l = (List<?>) in;
                int i = index < 0 ? l.size() + index : index;
                if (i < 0 || i >= l.size()) {
                    if (!hasDefault) {
                        throw fail(ErrorKind.INDEX_OUT_OF_RANGE, "[" + index + "]", "index " + index + " out of range for list of size " + l.size());
                    }
                    v = dflt;
                } else {
                    v = l.get(i);
                }
            }
            x.forward(this, v);
        }
    }

    static final class Iterate extends Step {
        Iterate(String label) {
            super(label, "iterate");
        }

        @Override
        void run(Object in, Exec x) {
            if (!(in instanceof List)) {
                throw fail(ErrorKind.TYPE_MISMATCH, null, "iterate needs a list but got " + Values.typeName(in) + " " + show(in));
            }
            x.fanOut(this, (List<?>) in);
        }
    }

    // ---------------------------------------------------------------- branch / filter

    static final class Select extends Step {
        final Condition when;

        Select(String label, Condition when) {
            super(label, "select");
            this.when = when;
        }

        @Override
        void run(Object in, Exec x) {
            if (when.test(in)) {
                x.forward(this, in);
            }
        }
    }

    static final class Branch extends Step {
        final Condition[] cases;
        final Step[][] caseSteps;
        final Step[] otherwise;

        Branch(String label, Condition[] cases, Step[][] caseSteps, Step[] otherwise) {
            super(label, "branch");
            this.cases = cases;
            this.caseSteps = caseSteps;
            this.otherwise = otherwise;
        }

        @Override
        void run(Object in, Exec x) {
            for (int i = 0; i < cases.length; i++) {
                if (cases[i].test(in)) {
                    pass(caseSteps[i], in, x);
                    return;
                }
            }
            if (otherwise == null) {
                throw fail(ErrorKind.NO_BRANCH_MATCHED, null, "no case matches " + show(in) + " and the branch has no default");
            }
            pass(otherwise, in, x);
        }

        private void pass(Step[] steps, Object in, Exec x) {
            x.stepOut[id]++;
            if (x.tracer != null) {
                x.tracer.after(this, in);
            }
            x.runAll(steps, in);
        }

        @Override
        Step[][] otherChildren() {
            if (otherwise == null) {
                return caseSteps;
            }
            Step[][] all = java.util.Arrays.copyOf(caseSteps, caseSteps.length + 1);
            all[caseSteps.length] = otherwise;
            return all;
        }
    }

    static final class Filter extends Step {
        final Condition when;

        Filter(String label, Condition when) {
            super(label, "filter");
            this.when = when;
        }

        @Override
        void run(Object in, Exec x) {
            if (when.test(in)) {
                throw new Exec.Filtered(label);
            }
            x.forward(this, in);
        }
    }

    // ---------------------------------------------------------------- transform

    /** One output assignment, resolved at compile time to the row slot and the conversion. */
    static final class Target {
        final String key;
        final int index;
        final int slot;
        final String outName;
        final FieldType type;
        final boolean hasDefault;
        final Object dflt;
        final boolean optional;
        final boolean isTime;
        /** A constant instead of a value from the input ("value" in the config). */
        final boolean constant;
        /** Per-field time formats; null means the schema's. */
        final dev.lark.clean.time.TimeParser time;

        Target(String key, int index, int slot, String outName, FieldType type, boolean hasDefault, Object dflt,
               boolean optional, boolean isTime, boolean constant, dev.lark.clean.time.TimeParser time) {
            this.constant = constant;
            this.time = time;
            this.key = key;
            this.index = index;
            this.slot = slot;
            this.outName = outName;
            this.type = type;
            this.hasDefault = hasDefault;
            this.dflt = dflt;
            this.optional = optional;
            this.isTime = isTime;
        }
    }

    static final class Assign extends Step {
        final Target[] targets;
        final dev.lark.clean.time.TimeParser time;

        Assign(String label, Target[] targets, dev.lark.clean.time.TimeParser time) {
            super(label, "assign");
            this.targets = targets;
            this.time = time;
        }

        @Override
        void run(Object in, Exec x) {
            Object[] row = x.row;
            for (Target t : targets) {
                Object v;
                boolean present;
                if (t.constant) {
                    v = t.dflt;
                    present = true;
                } else if (t.key != null) {
                    if (!(in instanceof Map)) {
                        throw fail(ErrorKind.TYPE_MISMATCH, t.key, "assign by key needs an object but got " + Values.typeName(in) + " " + show(in));
                    }
                    Map<?, ?> m = (Map<?, ?>) in;
                    v = m.get(t.key);
                    present = v != null || m.containsKey(t.key);
                } else if (t.index >= 0) {
                    if (!(in instanceof List)) {
                        throw fail(ErrorKind.TYPE_MISMATCH, "[" + t.index + "]", "assign by index needs a list but got " + Values.typeName(in) + " " + show(in));
                    }
                    List<?> l = (List<?>) in;
                    present = t.index < l.size();
                    v = present ? l.get(t.index) : null;
                } else {
                    v = in;
                    present = true;
                }
                if (v == null && t.hasDefault) {
                    v = t.dflt;
                } else if (!present && !t.optional) {
                    if (t.key != null) {
                        throw fail(ErrorKind.MISSING_KEY, t.key, "no key '" + t.key + "' for output field '" + t.outName
                                + "' in object with keys " + ((Map<?, ?>) in).keySet());
                    }
                    throw fail(ErrorKind.INDEX_OUT_OF_RANGE, "[" + t.index + "]", "index " + t.index + " out of range for list of size "
                            + ((List<?>) in).size() + " (output field '" + t.outName + "')");
                }
                dev.lark.clean.time.TimeParser tp = t.time != null ? t.time : time;
                Object c = t.type.convert(v, tp);
                if (c == FieldType.FAILED) {
                    if (t.type == FieldType.TIMESTAMP) {
                        throw fail(ErrorKind.TIME_FORMAT, t.outName, "time value " + show(v) + " matches none of the formats " + tp.formats());
                    }
                    throw fail(ErrorKind.TYPE_CONVERSION, t.outName, "cannot convert " + show(v) + " to " + t.type.lowerName());
                }
                row[t.slot] = c;
            }
            x.forward(this, in);
        }
    }

    /** replace/trim/lower/upper/url_decode on the value itself or on one key of an object (changed in place). */
    static final class Transform extends Step {
        interface Fn {
            String apply(String s);
        }

        final String field;
        final Fn fn;

        Transform(String label, String op, String field, Fn fn) {
            super(label, op);
            this.field = field;
            this.fn = fn;
        }

        @Override
        void run(Object in, Exec x) {
            x.forward(this, apply(this, field, in, fn));
        }

        @SuppressWarnings("unchecked")
        static Object apply(Step s, String field, Object in, Fn fn) {
            if (field == null) {
                if (in == null) {
                    return null;
                }
                if (!(in instanceof String)) {
                    throw s.fail(ErrorKind.TYPE_MISMATCH, null, s.op + " needs a string but got " + Values.typeName(in) + " " + show(in));
                }
                return fn.apply((String) in);
            }
            if (!(in instanceof Map)) {
                throw s.fail(ErrorKind.TYPE_MISMATCH, field, s.op + " on field '" + field + "' needs an object but got " + Values.typeName(in));
            }
            Map<String, Object> m = (Map<String, Object>) in;
            Object v = m.get(field);
            if (v != null) {
                m.put(field, fn.apply(FieldType.asString(v)));
            }
            return in;
        }

        static Fn replace(Pattern p, String to) {
            return s -> p.matcher(s).replaceAll(to);
        }

        static Fn literal(String from, String to) {
            return s -> s.replace(from, to);
        }

        static final Fn TRIM = String::trim;
        static final Fn LOWER = s -> s.toLowerCase(Locale.ROOT);
        static final Fn UPPER = s -> s.toUpperCase(Locale.ROOT);
    }

    /** rename/drop/default/calculate: edit keys of the current object in place. */
    abstract static class ObjectEdit extends Step {
        ObjectEdit(String label, String op) {
            super(label, op);
        }

        @Override
        @SuppressWarnings("unchecked")
        final void run(Object in, Exec x) {
            if (!(in instanceof Map)) {
                throw fail(ErrorKind.TYPE_MISMATCH, null, op + " needs an object but got " + Values.typeName(in) + " " + show(in));
            }
            edit((Map<String, Object>) in);
            x.forward(this, in);
        }

        abstract void edit(Map<String, Object> m);
    }

    static final class Rename extends ObjectEdit {
        final String[] from;
        final String[] to;

        Rename(String label, String[] from, String[] to) {
            super(label, "rename");
            this.from = from;
            this.to = to;
        }

        @Override
        void edit(Map<String, Object> m) {
            for (int i = 0; i < from.length; i++) {
                if (m.containsKey(from[i])) {
                    m.put(to[i], m.remove(from[i]));
                }
            }
        }
    }

    static final class Drop extends ObjectEdit {
        final String[] fields;

        Drop(String label, String[] fields) {
            super(label, "drop");
            this.fields = fields;
        }

        @Override
        void edit(Map<String, Object> m) {
            for (String f : fields) {
                m.remove(f);
            }
        }
    }

    static final class Default extends ObjectEdit {
        final String field;
        final Object value;

        Default(String label, String field, Object value) {
            super(label, "default");
            this.field = field;
            this.value = value;
        }

        @Override
        void edit(Map<String, Object> m) {
            Object v = m.get(field);
            if (v == null || (v instanceof String && ((String) v).isEmpty())) {
                m.put(field, value);
            }
        }
    }

    static final class Calculate extends ObjectEdit {
        final Expr expr;
        final String as;

        Calculate(String label, Expr expr, String as) {
            super(label, "calculate");
            this.expr = expr;
            this.as = as;
        }

        @Override
        void edit(Map<String, Object> m) {
            Object r = expr.eval(m);
            if (r instanceof Expr.Failure) {
                throw fail(ErrorKind.CALCULATION, ((Expr.Failure) r).field, ((Expr.Failure) r).message);
            }
            m.put(as, r);
        }
    }
}
