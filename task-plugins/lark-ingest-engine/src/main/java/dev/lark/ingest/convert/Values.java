package dev.lark.ingest.convert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Conversions between the engine's row values and target types. Rows carry Long, BigInteger, Double, BigDecimal,
 * Boolean, String, byte[], LocalDate, LocalDateTime, OffsetDateTime, LocalTime, List and Map; every converter accepts
 * those plus their string forms and throws {@link ConversionException} naming the value and the target type.
 */
public final class Values {
    private static final DateTimeFormatter FLEXIBLE_DATE_TIME = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T')
            .optionalEnd().optionalStart().appendLiteral(' ').optionalEnd().optionalStart()
            .append(DateTimeFormatter.ISO_LOCAL_TIME).optionalEnd()
            .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).toFormatter(Locale.ROOT);

    private Values() {
    }

    public static ConversionException fail(Object v, String type) {
        String shown = display(v);
        if (shown != null && shown.length() > 80) {
            shown = shown.substring(0, 80) + "...";
        }
        return new ConversionException("cannot convert " + (v == null ? "NULL" : "'" + shown + "' ("
                + v.getClass().getSimpleName() + ")") + " to " + type);
    }

    /** A human/JSON-friendly string of a value (dates ISO, bytes base64). */
    public static String display(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof byte[]) {
            return Base64.getEncoder().encodeToString((byte[]) v);
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        return v.toString();
    }

    public static long toLong(Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            try {
                return ((BigInteger) v).longValueExact();
            } catch (ArithmeticException e) {
                throw fail(v, "a 64-bit integer");
            }
        }
        if (v instanceof BigDecimal) {
            try {
                return ((BigDecimal) v).longValueExact();
            } catch (ArithmeticException e) {
                throw fail(v, "an integer");
            }
        }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.2e18) {
                return (long) d;
            }
            throw fail(v, "an integer");
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? 1 : 0;
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                try {
                    return new BigDecimal(s).longValueExact();
                } catch (NumberFormatException | ArithmeticException e2) {
                    throw fail(v, "an integer");
                }
            }
        }
        throw fail(v, "an integer");
    }

    /** A long within [min, max]. */
    public static long toLong(Object v, long min, long max, String type) {
        long l = toLong(v);
        if (l < min || l > max) {
            throw fail(v, type + " (range " + min + ".." + max + ")");
        }
        return l;
    }

    public static BigInteger toBigInteger(Object v) {
        if (v instanceof BigInteger) {
            return (BigInteger) v;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return BigInteger.valueOf(((Number) v).longValue());
        }
        if (v instanceof BigDecimal) {
            try {
                return ((BigDecimal) v).toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw fail(v, "an integer");
            }
        }
        if (v instanceof String) {
            try {
                return new BigDecimal(((String) v).trim()).toBigIntegerExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw fail(v, "an integer");
            }
        }
        return BigInteger.valueOf(toLong(v));
    }

    public static BigInteger toBigInteger(Object v, BigInteger min, BigInteger max, String type) {
        BigInteger b = toBigInteger(v);
        if (b.compareTo(min) < 0 || b.compareTo(max) > 0) {
            throw fail(v, type);
        }
        return b;
    }

    public static double toDouble(Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? 1 : 0;
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble(((String) v).trim());
            } catch (NumberFormatException e) {
                throw fail(v, "a floating-point number");
            }
        }
        throw fail(v, "a floating-point number");
    }

    /** A decimal with the given precision and scale; rounds HALF_UP to the scale, rejects overflow. */
    public static BigDecimal toDecimal(Object v, int precision, int scale) {
        BigDecimal d;
        if (v instanceof BigDecimal) {
            d = (BigDecimal) v;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            d = new BigDecimal((BigInteger) v);
        } else if (v instanceof Double || v instanceof Float) {
            double x = ((Number) v).doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw fail(v, "Decimal(" + precision + "," + scale + ")");
            }
            d = BigDecimal.valueOf(x);
        } else if (v instanceof String) {
            try {
                d = new BigDecimal(((String) v).trim());
            } catch (NumberFormatException e) {
                throw fail(v, "Decimal(" + precision + "," + scale + ")");
            }
        } else {
            throw fail(v, "Decimal(" + precision + "," + scale + ")");
        }
        BigDecimal scaled = d.setScale(scale, RoundingMode.HALF_UP);
        if (precision > 0 && scaled.precision() - scaled.scale() > precision - scale) {
            throw fail(v, "Decimal(" + precision + "," + scale + ") (too many integer digits)");
        }
        return scaled;
    }

    public static boolean toBoolean(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue() != 0;
        }
        if (v instanceof String) {
            String s = ((String) v).trim().toLowerCase(Locale.ROOT);
            switch (s) {
                case "true": case "t": case "1": case "yes": case "y":
                    return true;
                case "false": case "f": case "0": case "no": case "n":
                    return false;
                default:
                    break;
            }
        }
        throw fail(v, "a boolean");
    }

    public static String toStringValue(Object v) {
        if (v instanceof String) {
            return (String) v;
        }
        if (v instanceof byte[]) {
            return new String((byte[]) v, StandardCharsets.UTF_8);
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        return String.valueOf(v);
    }

    public static byte[] toBytes(Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        return toStringValue(v).getBytes(StandardCharsets.UTF_8);
    }

    public static LocalDate toLocalDate(Object v) {
        if (v instanceof LocalDate) {
            return (LocalDate) v;
        }
        if (v instanceof LocalDateTime) {
            return ((LocalDateTime) v).toLocalDate();
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).toLocalDate();
        }
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate();
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                return s.length() <= 10 ? LocalDate.parse(s) : LocalDateTime.parse(s, FLEXIBLE_DATE_TIME)
                        .toLocalDate();
            } catch (DateTimeParseException e) {
                throw fail(v, "a date (yyyy-MM-dd)");
            }
        }
        throw fail(v, "a date");
    }

    /** A local date-time; zoned values are converted to {@code zone}. */
    public static LocalDateTime toLocalDateTime(Object v, ZoneId zone) {
        if (v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime();
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).atZoneSameInstant(zone).toLocalDateTime();
        }
        if (v instanceof ZonedDateTime) {
            return ((ZonedDateTime) v).withZoneSameInstant(zone).toLocalDateTime();
        }
        if (v instanceof Instant) {
            return LocalDateTime.ofInstant((Instant) v, zone);
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        }
        if (v instanceof Long) {
            return LocalDateTime.ofInstant(Instant.ofEpochSecond((Long) v), zone);
        }
        if (v instanceof String) {
            String s = ((String) v).trim();
            try {
                return LocalDateTime.parse(s, FLEXIBLE_DATE_TIME);
            } catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(s).atZoneSameInstant(zone).toLocalDateTime();
                } catch (DateTimeParseException e2) {
                    throw fail(v, "a date-time (yyyy-MM-dd HH:mm:ss[.fff])");
                }
            }
        }
        throw fail(v, "a date-time");
    }

    public static ZonedDateTime toZonedDateTime(Object v, ZoneId zone) {
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).atZoneSameInstant(zone);
        }
        if (v instanceof ZonedDateTime) {
            return ((ZonedDateTime) v).withZoneSameInstant(zone);
        }
        return toLocalDateTime(v, zone).atZone(zone);
    }

    public static LocalTime toLocalTime(Object v) {
        if (v instanceof LocalTime) {
            return (LocalTime) v;
        }
        if (v instanceof String) {
            try {
                return LocalTime.parse(((String) v).trim());
            } catch (DateTimeParseException e) {
                throw fail(v, "a time");
            }
        }
        throw fail(v, "a time");
    }

    public static UUID toUuid(Object v) {
        if (v instanceof UUID) {
            return (UUID) v;
        }
        try {
            return UUID.fromString(toStringValue(v).trim());
        } catch (IllegalArgumentException e) {
            throw fail(v, "a UUID");
        }
    }

    public static List<?> toList(Object v) {
        if (v instanceof List) {
            return (List<?>) v;
        }
        if (v instanceof Collection) {
            return List.copyOf((Collection<?>) v);
        }
        if (v instanceof Object[]) {
            return java.util.Arrays.asList((Object[]) v);
        }
        if (v instanceof String) {
            return Json.parseList((String) v, () -> fail(v, "an array (JSON [..])"));
        }
        throw fail(v, "an array");
    }

    public static java.util.Map<?, ?> toMap(Object v) {
        if (v instanceof java.util.Map) {
            return (java.util.Map<?, ?>) v;
        }
        if (v instanceof String) {
            return Json.parseMap((String) v, () -> fail(v, "a map (JSON {..})"));
        }
        throw fail(v, "a map");
    }

    /** Comparable ordering of watermark strings that hold numbers or ISO date-times. */
    public static int compareWatermarks(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    static ZoneOffset utc() {
        return ZoneOffset.UTC;
    }

    /** Minimal JSON helpers for string-encoded arrays and maps. */
    static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper M =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static List<?> parseList(String s, java.util.function.Supplier<ConversionException> err) {
            try {
                return M.readValue(s, List.class);
            } catch (Exception e) {
                throw err.get();
            }
        }

        static java.util.Map<?, ?> parseMap(String s, java.util.function.Supplier<ConversionException> err) {
            try {
                return M.readValue(s, java.util.LinkedHashMap.class);
            } catch (Exception e) {
                throw err.get();
            }
        }
    }
}
