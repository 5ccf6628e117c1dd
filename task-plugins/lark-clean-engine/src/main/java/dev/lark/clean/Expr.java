package dev.lark.clean;

import java.util.Map;
import java.util.Set;

/**
 * Arithmetic for the calculate step: numbers, field names of the current object, + - * / %, unary minus and
 * parentheses. Integer arithmetic stays in long (except /, which is double); anything else is double.
 */
abstract class Expr {
    /** An evaluation failure as a value (no exceptions on bad data). */
    static final class Failure {
        final String field;
        final String message;

        Failure(String field, String message) {
            this.field = field;
            this.message = message;
        }
    }

    abstract Object eval(Map<String, Object> m);

    abstract void fields(Set<String> out);

    /** @throws IllegalArgumentException with the position of the syntax error */
    static Expr parse(String text) {
        Parser p = new Parser(text);
        Expr e = p.sum();
        p.skip();
        if (p.pos < text.length()) {
            throw new IllegalArgumentException("unexpected '" + text.charAt(p.pos) + "' at position " + p.pos + " of '" + text + "'");
        }
        return e;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Expr sum() {
            Expr l = product();
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    char op = s.charAt(pos++);
                    l = new Bin(op, l, product());
                } else {
                    return l;
                }
            }
        }

        Expr product() {
            Expr l = unary();
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == '*' || s.charAt(pos) == '/' || s.charAt(pos) == '%')) {
                    char op = s.charAt(pos++);
                    l = new Bin(op, l, unary());
                } else {
                    return l;
                }
            }
        }

        Expr unary() {
            skip();
            if (pos < s.length() && s.charAt(pos) == '-') {
                pos++;
                return new Bin('-', new Lit(0L), unary());
            }
            return atom();
        }

        Expr atom() {
            skip();
            if (pos >= s.length()) {
                throw new IllegalArgumentException("expression '" + s + "' ends too early");
            }
            char c = s.charAt(pos);
            if (c == '(') {
                pos++;
                Expr e = sum();
                skip();
                if (pos >= s.length() || s.charAt(pos) != ')') {
                    throw new IllegalArgumentException("missing ')' at position " + pos + " of '" + s + "'");
                }
                pos++;
                return e;
            }
            int start = pos;
            if (Character.isDigit(c) || c == '.') {
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
                    pos++;
                }
                String num = s.substring(start, pos);
                return num.contains(".") ? new Lit(Double.parseDouble(num)) : new Lit(Long.parseLong(num));
            }
            if (Character.isLetter(c) || c == '_') {
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
                    pos++;
                }
                return new Ref(s.substring(start, pos));
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at position " + pos + " of '" + s + "'");
        }
    }

    static final class Lit extends Expr {
        final Object v;

        Lit(Object v) {
            this.v = v;
        }

        @Override
        Object eval(Map<String, Object> m) {
            return v;
        }

        @Override
        void fields(Set<String> out) {
        }
    }

    static final class Ref extends Expr {
        final String name;

        Ref(String name) {
            this.name = name;
        }

        @Override
        Object eval(Map<String, Object> m) {
            Object v = m.get(name);
            if (v instanceof Long || v instanceof Double) {
                return v;
            }
            if (v instanceof Number) {
                return ((Number) v).doubleValue();
            }
            if (v instanceof String) {
                String t = ((String) v).trim();
                try {
                    return Long.parseLong(t);
                } catch (NumberFormatException e) {
                    try {
                        return Double.parseDouble(t);
                    } catch (NumberFormatException e2) {
                        return new Failure(name, "field '" + name + "' is not a number: '" + v + "'");
                    }
                }
            }
            return new Failure(name, v == null ? "field '" + name + "' is missing or null" : "field '" + name + "' is not a number: " + Values.typeName(v));
        }

        @Override
        void fields(Set<String> out) {
            out.add(name);
        }
    }

    static final class Bin extends Expr {
        final char op;
        final Expr l;
        final Expr r;

        Bin(char op, Expr l, Expr r) {
            this.op = op;
            this.l = l;
            this.r = r;
        }

        @Override
        Object eval(Map<String, Object> m) {
            Object a = l.eval(m);
            if (a instanceof Failure) {
                return a;
            }
            Object b = r.eval(m);
            if (b instanceof Failure) {
                return b;
            }
            if (a instanceof Long && b instanceof Long && op != '/') {
                long x = (Long) a;
                long y = (Long) b;
                switch (op) {
                    case '+': return x + y;
                    case '-': return x - y;
                    case '*': return x * y;
                    default:
                        if (y == 0) {
                            return new Failure(null, "modulo by zero");
                        }
                        return x % y;
                }
            }
            double x = ((Number) a).doubleValue();
            double y = ((Number) b).doubleValue();
            switch (op) {
                case '+': return x + y;
                case '-': return x - y;
                case '*': return x * y;
                case '/':
                    if (y == 0) {
                        return new Failure(null, "division by zero");
                    }
                    return x / y;
                default:
                    if (y == 0) {
                        return new Failure(null, "modulo by zero");
                    }
                    return x % y;
            }
        }

        @Override
        void fields(Set<String> out) {
            l.fields(out);
            r.fields(out);
        }
    }
}
