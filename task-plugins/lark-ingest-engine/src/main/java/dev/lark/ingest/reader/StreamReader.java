package dev.lark.ingest.reader;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code streamreader}: generated rows for tests and benchmarks. DataX's {@code column[{value,type}|{random,type}]}
 * and {@code sliceRecordCount} (rows per channel), plus Lark's {@code {"incr":"start,step"}} sequences,
 * {@code name} per column and {@code seed}.
 */
public final class StreamReader implements Reader {
    public static final Set<String> PARAMETERS = Set.of("column", "sliceRecordCount", "seed");
    private static final Set<String> COLUMN_KEYS = Set.of("value", "type", "random", "incr", "name", "dateFormat");
    private static final Set<String> TYPES = Set.of("long", "double", "string", "date", "bool", "bytes",
            "timestamp", "decimal");

    private final List<Gen> gens = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final long sliceRecordCount;
    private final long seed;
    private int channels = 1;

    public StreamReader(Params p) {
        p.checkKnown(PARAMETERS);
        List<Params> cols = p.objects("column");
        if (cols.isEmpty()) {
            throw ConfigException.missing(p.path("column"), "list the generated columns, e.g."
                    + " [{\"type\":\"long\",\"incr\":\"1,1\"},{\"type\":\"string\",\"value\":\"x\"}]");
        }
        for (int i = 0; i < cols.size(); i++) {
            Params c = cols.get(i);
            c.checkKnown(COLUMN_KEYS);
            String type = c.string("type", "string").toLowerCase(Locale.ROOT);
            if (!TYPES.contains(type)) {
                throw ConfigException.unknown(c.path("type"), type, TYPES);
            }
            names.add(c.string("name", "c" + i));
            gens.add(gen(c, type));
        }
        this.sliceRecordCount = p.longValue("sliceRecordCount", 1);
        if (sliceRecordCount < 0) {
            throw ConfigException.invalid(p.path("sliceRecordCount"), sliceRecordCount, "use 0 or more");
        }
        this.seed = p.longValue("seed", 42);
    }

    private interface Gen {
        Object next(long rowIndex, SplittableRandom rnd);
    }

    private static Gen gen(Params c, String type) {
        if (c.has("incr")) {
            String[] a = c.string("incr", "1,1").split(",");
            long start;
            long step;
            try {
                start = Long.parseLong(a[0].trim());
                step = a.length > 1 ? Long.parseLong(a[1].trim()) : 1;
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(c.path("incr"), c.string("incr", ""), "use \"start,step\" integers");
            }
            return (i, r) -> convert(type, start + i * step);
        }
        if (c.has("random")) {
            String[] a = c.string("random", "").split(",");
            if (a.length != 2) {
                throw ConfigException.invalid(c.path("random"), c.string("random", ""), "use \"min,max\"");
            }
            long min;
            long max;
            try {
                min = Long.parseLong(a[0].trim());
                max = Long.parseLong(a[1].trim());
            } catch (NumberFormatException e) {
                throw ConfigException.invalid(c.path("random"), c.string("random", ""), "use integer bounds");
            }
            if (type.equals("string")) {
                return (i, r) -> randomString(r, (int) (min + r.nextLong(Math.max(1, max - min + 1))));
            }
            if (type.equals("double")) {
                return (i, r) -> min + r.nextDouble() * (max - min);
            }
            return (i, r) -> convert(type, min + r.nextLong(Math.max(1, max - min + 1)));
        }
        if (!c.has("value")) {
            throw ConfigException.missing(c.path("value"), "give value, random or incr");
        }
        String v = c.string("value", "");
        Object fixed = convert(type, v);
        return (i, r) -> fixed;
    }

    private static String randomString(SplittableRandom r, int len) {
        char[] cs = new char[len];
        for (int k = 0; k < len; k++) {
            cs[k] = (char) ('a' + r.nextInt(26));
        }
        return new String(cs);
    }

    private static Object convert(String type, Object v) {
        switch (type) {
            case "long":
                return Values.toLong(v);
            case "double":
                return Values.toDouble(v);
            case "bool":
                return Values.toBoolean(v);
            case "date":
                return v instanceof Long ? LocalDate.ofEpochDay((Long) v) : Values.toLocalDate(v);
            case "timestamp":
                return v instanceof Long ? LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds((Long) v)
                        : Values.toLocalDateTime(v, java.time.ZoneOffset.UTC);
            case "decimal":
                return new java.math.BigDecimal(v.toString());
            case "bytes":
                return Values.toBytes(v);
            default:
                return Values.toStringValue(v);
        }
    }

    @Override
    public void prepare(IngestContext ctx) {
        this.channels = ctx.spec().channel();
    }

    @Override
    public List<String> columns() {
        return names;
    }

    @Override
    public List<Split> splits(int channels) {
        this.channels = channels;
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            out.add(Split.whole(i, i));
        }
        return out;
    }

    @Override
    public long estimatedRows() {
        return sliceRecordCount * channels;
    }

    @Override
    public void read(Split split, RowSink sink) throws Exception {
        int slice = (Integer) split.payload();
        SplittableRandom rnd = new SplittableRandom(seed + slice);
        long base = slice * sliceRecordCount;
        for (long i = 0; i < sliceRecordCount; i++) {
            Object[] row = new Object[gens.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = gens.get(c).next(base + i, rnd);
            }
            sink.put(row);
        }
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("stream", "", "generated");
    }
}
