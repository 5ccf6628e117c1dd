package dev.lark.clickhouse.load.source;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a text value against a ClickHouse column type the way ClickHouse's text formats would parse it, so a
 * wrong-typed source column is reported (column, row, value, fix) before any data is sent. Types it does not know
 * (arrays, maps, tuples, enums, geo) are accepted here and left to the server.
 */
public final class ValueChecker {
    private static final Pattern WRAPPED = Pattern.compile("(Nullable|LowCardinality)\\((.*)\\)");
    private static final Pattern INT = Pattern.compile("(U?)Int(8|16|32|64|128|256)");
    private static final Pattern DECIMAL = Pattern.compile("Decimal(32|64|128|256)?\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)");
    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyy-MM-dd[ ]['T']HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    private ValueChecker() {
    }

    /** Null when {@code value} fits {@code type}; otherwise why not. {@code null} value means SQL NULL / \N. */
    public static String problem(String type, String value) {
        String t = type.trim();
        boolean nullable = false;
        Matcher w;
        while ((w = WRAPPED.matcher(t)).matches()) {
            nullable |= w.group(1).equals("Nullable");
            t = w.group(2).trim();
        }
        if (value == null) {
            return nullable || t.equals("String") ? null : "NULL in a non-Nullable " + type + " column";
        }
        String v = value.trim();
        Matcher m = INT.matcher(t);
        if (m.matches()) {
            if (v.isEmpty() && nullable) {
                return null;
            }
            try {
                BigInteger i = new BigInteger(v);
                int bits = Integer.parseInt(m.group(2));
                boolean unsigned = !m.group(1).isEmpty();
                BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
                BigInteger max = unsigned ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                        : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
                return i.compareTo(min) < 0 || i.compareTo(max) > 0 ? "out of range for " + t : null;
            } catch (NumberFormatException e) {
                return "not an integer";
            }
        }
        if (t.equals("Float32") || t.equals("Float64") || t.equals("BFloat16")) {
            if (v.isEmpty() && nullable) {
                return null;
            }
            String l = v.toLowerCase(Locale.ROOT);
            if (l.equals("nan") || l.equals("inf") || l.equals("-inf") || l.equals("+inf")) {
                return null;
            }
            try {
                Double.parseDouble(v);
                return null;
            } catch (NumberFormatException e) {
                return "not a number";
            }
        }
        m = DECIMAL.matcher(t);
        if (m.matches()) {
            if (v.isEmpty() && nullable) {
                return null;
            }
            try {
                BigDecimal d = new BigDecimal(v);
                int precision = Integer.parseInt(m.group(2));
                int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                int intDigits = d.precision() - d.scale();
                return intDigits > precision - scale ? "too many digits for " + t : null;
            } catch (NumberFormatException e) {
                return "not a decimal number";
            }
        }
        if (t.equals("Bool") || t.equals("Boolean")) {
            String l = v.toLowerCase(Locale.ROOT);
            return l.matches("true|false|0|1|yes|no|on|off|t|f|y|n|enable|disable|enabled|disabled")
                    || (v.isEmpty() && nullable) ? null : "not a boolean";
        }
        if (t.equals("Date") || t.equals("Date32")) {
            if (v.isEmpty() && nullable) {
                return null;
            }
            try {
                LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
                return null;
            } catch (DateTimeParseException e) {
                return "not a date (YYYY-MM-DD)";
            }
        }
        if (t.startsWith("DateTime")) {
            if (v.isEmpty() && nullable) {
                return null;
            }
            if (v.matches("\\d{1,10}(\\.\\d+)?")) {
                return null; // unix time
            }
            String s = v.endsWith("Z") ? v.substring(0, v.length() - 1) : v;
            s = s.replaceAll("[+-]\\d{2}:?\\d{2}$", "");
            try {
                LocalDateTime.parse(s, DT);
                return null;
            } catch (DateTimeParseException e) {
                try {
                    LocalDate.parse(s);
                    return null;
                } catch (DateTimeParseException e2) {
                    return "not a date-time (YYYY-MM-DD hh:mm:ss)";
                }
            }
        }
        if (t.equals("UUID")) {
            try {
                UUID.fromString(v);
                return null;
            } catch (IllegalArgumentException e) {
                return (v.isEmpty() && nullable) ? null : "not a UUID";
            }
        }
        if (t.startsWith("FixedString(")) {
            int n = Integer.parseInt(t.substring(12, t.length() - 1).trim());
            return value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > n ? "longer than " + n + " bytes" : null;
        }
        return null;
    }

    /** A short hint for the fix, given the column's type. */
    public static String fixFor(String column, String type) {
        return "clean the source so '" + column + "' holds " + type + " values, change the declared type of '"
                + column + "' (e.g. to String or Nullable(...)), or raise the error budget to send such rows to the"
                + " dead-letter";
    }
}
