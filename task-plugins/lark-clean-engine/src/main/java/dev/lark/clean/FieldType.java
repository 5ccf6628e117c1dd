package dev.lark.clean;

import dev.lark.clean.time.TimeParser;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Output field types and the conversions into them. Timestamps are epoch milliseconds (UTC) as {@link Long}. */
public enum FieldType {
    STRING, INT, LONG, BIGINT, DECIMAL, DOUBLE, BOOLEAN, TIMESTAMP;

    /** Returned by {@link #convert} when the value does not fit the type. */
    public static final Object FAILED = new Object() {
        @Override
        public String toString() {
            return "<conversion failed>";
        }
    };

    /** @throws IllegalArgumentException naming the accepted types */
    public static FieldType parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("missing type; use one of " + names());
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown type '" + name + "'; use one of " + names());
        }
    }

    public static String names() {
        return "string, int, long, bigint, decimal, double, boolean, timestamp";
    }

    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The converted value, null for null, or {@link #FAILED}. */
    public Object convert(Object v, TimeParser time) {
        if (v == null) {
            return null;
        }
        try {
            switch (this) {
                case STRING: return asString(v);
                case INT: {
                    if (v instanceof Integer) {
                        return v;
                    }
                    long l = toLong(v);
                    return l == (int) l ? Integer.valueOf((int) l) : FAILED;
                }
                case LONG: return v instanceof Long ? v : Long.valueOf(toLong(v));
                case BIGINT: {
                    if (v instanceof BigInteger) {
                        return v;
                    }
                    if (v instanceof Long || v instanceof Integer) {
                        return BigInteger.valueOf(((Number) v).longValue());
                    }
                    if (v instanceof BigDecimal) {
                        return ((BigDecimal) v).toBigIntegerExact();
                    }
                    if (v instanceof String) {
                        return new BigInteger(((String) v).trim());
                    }
                    return FAILED;
                }
                case DECIMAL: {
                    if (v instanceof BigDecimal) {
                        return v;
                    }
                    if (v instanceof Double) {
                        return BigDecimal.valueOf((Double) v);
                    }
                    if (v instanceof Number || v instanceof String) {
                        return new BigDecimal(v.toString().trim());
                    }
                    return FAILED;
                }
                case DOUBLE: {
                    if (v instanceof Double) {
                        return v;
                    }
                    if (v instanceof Number) {
                        return ((Number) v).doubleValue();
                    }
                    if (v instanceof String) {
                        return Double.parseDouble(((String) v).trim());
                    }
                    return FAILED;
                }
                case BOOLEAN: return toBoolean(v);
                case TIMESTAMP: {
                    if (time == null) {
                        return FAILED;
                    }
                    long ms = time.parse(v);
                    return ms == Long.MIN_VALUE ? FAILED : Long.valueOf(ms);
                }
                default: return FAILED;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            return FAILED;
        }
    }

    private static long toLong(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new NumberFormatException("not integral: " + d);
            }
            return (long) d;
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).longValueExact();
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).longValueExact();
        }
        if (v instanceof String) {
            return parseLong((String) v);
        }
        throw new NumberFormatException("not a number");
    }

    /** Long.parseLong without the trim allocation in the common case. */
    private static long parseLong(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return Long.parseLong(s.trim());
        }
        int i = 0;
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            i = 1;
            if (n == 1) {
                throw new NumberFormatException("sign only");
            }
        }
        long r = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.parseLong(s.trim());
            }
            r = r * 10 + (c - '0');
        }
        return neg ? -r : r;
    }

    private static Object toBoolean(Object v) {
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number) {
            long l = ((Number) v).longValue();
            return l == 0 ? Boolean.FALSE : l == 1 ? Boolean.TRUE : FAILED;
        }
        if (v instanceof String) {
            switch (((String) v).trim().toLowerCase(Locale.ROOT)) {
                case "true": case "1": case "yes": case "y": case "t": return Boolean.TRUE;
                case "false": case "0": case "no": case "n": case "f": return Boolean.FALSE;
                default: return FAILED;
            }
        }
        return FAILED;
    }

    /** Text form of any engine value (objects and lists as JSON). */
    public static String asString(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof Map || v instanceof List) {
            return Values.toJsonString(v);
        }
        if (v instanceof Double) {
            double d = (Double) v;
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
        }
        return String.valueOf(v);
    }
}
