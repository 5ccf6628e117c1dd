package dev.lark.clean.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a time value into epoch milliseconds by trying a list of formats in order, then rounds it down.
 * The common formats have hand-written parsers (no DateTimeFormatter, no exceptions on the good path);
 * any other pattern goes through {@link DateTimeFormatter}. Immutable and thread-safe.
 */
public final class TimeParser {
    /** Format names understood besides DateTimeFormatter patterns. */
    public static final List<String> NAMED_FORMATS = List.of("iso8601", "unix_seconds", "unix_millis",
            "unix_micros", "unix_minutes");

    private final Format[] formats;
    private final ZoneId zone;
    private final ZoneOffset fixedOffset;
    private final Rounding rounding;
    private final List<String> formatNames;

    public enum Rounding { NONE, SECOND, MINUTE, HOUR, DAY }

    private TimeParser(List<String> names, ZoneId zone, Rounding rounding) {
        this.zone = zone;
        this.fixedOffset = zone.getRules().isFixedOffset() ? zone.getRules().getOffset(Instant.EPOCH) : null;
        this.rounding = rounding;
        this.formatNames = List.copyOf(names);
        List<Format> list = new ArrayList<>();
        for (String n : names) {
            list.add(compile(n));
        }
        this.formats = list.toArray(new Format[0]);
    }

    /**
     * @throws IllegalArgumentException naming the bad format, zone or rounding
     */
    public static TimeParser of(List<String> formats, String zone, String rounding) {
        if (formats == null || formats.isEmpty()) {
            throw new IllegalArgumentException("no time formats given; add e.g. \"formats\": [\"yyyy-MM-dd HH:mm:ss\"]");
        }
        ZoneId z;
        try {
            z = ZoneId.of(zone == null || zone.isEmpty() ? "UTC" : zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "'; use an id like 'UTC', 'Asia/Shanghai' or '+08:00'");
        }
        Rounding r;
        try {
            r = rounding == null || rounding.isEmpty() ? Rounding.NONE : Rounding.valueOf(rounding.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown time rounding '" + rounding + "'; use none, second, minute, hour or day");
        }
        return new TimeParser(formats, z, r);
    }

    public List<String> formats() { return formatNames; }
    public ZoneId zone() { return zone; }
    public Rounding rounding() { return rounding; }

    /** Epoch millis, rounded; {@code Long.MIN_VALUE} when no format matches. */
    public long parse(Object value) {
        if (value == null) {
            return Long.MIN_VALUE;
        }
        for (Format f : formats) {
            long ms = f.parse(value, this);
            if (ms != Long.MIN_VALUE) {
                return round(ms);
            }
        }
        return Long.MIN_VALUE;
    }

    private long round(long ms) {
        switch (rounding) {
            case SECOND: return Math.floorDiv(ms, 1000L) * 1000L;
            case MINUTE: return Math.floorDiv(ms, 60_000L) * 60_000L;
            case HOUR: return Math.floorDiv(ms, 3_600_000L) * 3_600_000L;
            case DAY: {
                long off = offsetSecondsAt(ms) * 1000L;
                return Math.floorDiv(ms + off, 86_400_000L) * 86_400_000L - off;
            }
            default: return ms;
        }
    }

    private long offsetSecondsAt(long ms) {
        return fixedOffset != null ? fixedOffset.getTotalSeconds()
                : zone.getRules().getOffset(Instant.ofEpochMilli(ms)).getTotalSeconds();
    }

    /** Epoch millis of a local date-time in the parser's zone. */
    long localToEpochMillis(int y, int mo, int d, int h, int mi, int s, int nanos) {
        long epochDay = LocalDate.of(y, mo, d).toEpochDay();
        long local = epochDay * 86400L + h * 3600L + mi * 60L + s;
        long off;
        if (fixedOffset != null) {
            off = fixedOffset.getTotalSeconds();
        } else {
            off = zone.getRules().getOffset(LocalDateTime.of(y, mo, d, h, mi, s)).getTotalSeconds();
        }
        return (local - off) * 1000L + nanos / 1_000_000;
    }

    private interface Format {
        long parse(Object value, TimeParser p);
    }

    private static Format compile(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "unix_seconds": case "unix_s": case "epoch_seconds": return (v, p) -> unix(v, 1000.0);
            case "unix_millis": case "unix_ms": case "epoch_millis": return (v, p) -> unix(v, 1.0);
            case "unix_micros": case "unix_us": return (v, p) -> unix(v, 0.001);
            case "unix_minutes": case "unix_min": return (v, p) -> unix(v, 60_000.0);
            case "iso8601": case "iso-8601": case "iso": return TimeParser::iso;
            default: break;
        }
        if (name.equals("yyyy-MM-dd HH:mm:ss") || name.startsWith("yyyy-MM-dd HH:mm:ss.") || name.equals("yyyy-MM-dd HH:mm:ss[.SSSSSS]")
                || name.equals("yyyy-MM-dd HH:mm:ss[.SSS]")) {
            return (v, p) -> v instanceof String ? FastFormats.ymdHms((String) v, p, '-', true) : Long.MIN_VALUE;
        }
        if (name.equals("yyyyMMdd HH:mm:ss")) {
            return (v, p) -> v instanceof String ? FastFormats.compactYmdHms((String) v, p) : Long.MIN_VALUE;
        }
        if (name.equals("dd/MMM/yyyy:HH:mm:ss Z")) {
            return (v, p) -> v instanceof String ? FastFormats.httpDate((String) v) : Long.MIN_VALUE;
        }
        DateTimeFormatter f;
        try {
            f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(name).toFormatter(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad time format '" + name + "': " + e.getMessage()
                    + "; use a java.time pattern like 'yyyy-MM-dd HH:mm:ss' or one of " + NAMED_FORMATS);
        }
        return (v, p) -> pattern(v, f, p);
    }

    private static long unix(Object v, double toMillis) {
        double d;
        if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else if (v instanceof String) {
            String s = ((String) v).trim();
            if (s.isEmpty() || !isNumeric(s)) {
                return Long.MIN_VALUE;
            }
            if (toMillis == 1.0 && s.indexOf('.') < 0 && s.length() < 19) {
                return Long.parseLong(s);
            }
            d = Double.parseDouble(s);
        } else {
            return Long.MIN_VALUE;
        }
        return Math.round(d * toMillis);
    }

    private static boolean isNumeric(String s) {
        int i = s.charAt(0) == '-' ? 1 : 0;
        if (i == s.length()) {
            return false;
        }
        boolean dot = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' && !dot) {
                dot = true;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long iso(Object v, TimeParser p) {
        if (!(v instanceof String)) {
            return Long.MIN_VALUE;
        }
        String s = (String) v;
        try {
            TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, java.time.OffsetDateTime::from, LocalDateTime::from);
            if (t instanceof java.time.OffsetDateTime) {
                return ((java.time.OffsetDateTime) t).toInstant().toEpochMilli();
            }
            return ((LocalDateTime) t).atZone(p.zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(p.zone).toInstant().toEpochMilli();
            } catch (DateTimeException e2) {
                return Long.MIN_VALUE;
            }
        }
    }

    private static long pattern(Object v, DateTimeFormatter f, TimeParser p) {
        if (!(v instanceof String)) {
            return Long.MIN_VALUE;
        }
        try {
            TemporalAccessor t = f.parse((String) v);
            if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
                return Instant.from(t).toEpochMilli();
            }
            LocalDate d = LocalDate.from(t);
            LocalDateTime ldt = t.isSupported(ChronoField.HOUR_OF_DAY)
                    ? d.atTime(java.time.LocalTime.from(t)) : d.atStartOfDay();
            if (t.isSupported(ChronoField.OFFSET_SECONDS)) {
                return ldt.toInstant(ZoneOffset.ofTotalSeconds(t.get(ChronoField.OFFSET_SECONDS))).toEpochMilli();
            }
            return ldt.atZone(p.zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
