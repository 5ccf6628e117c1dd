package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.ConfigException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded slice of a Kafka topic: per-partition offset ranges {@code [from, to)}, or a time range
 * {@code [start, end)} that is resolved to offsets when the load starts. Record values are JSON objects (JSON lines),
 * CSV or TSV lines without a header (their columns are the table's insertable columns, in table order).
 *
 * <p>The slice is fixed before anything is read and partitions are read one after the other, so a retry cuts the
 * same batches and their deduplication tokens match: a rerun of the same schedule time loads nothing twice.
 */
public final class KafkaSource implements SourceSpec {
    private final String bootstrapServers;
    private final String topic;
    private final FileFormat format;
    private final char delimiter;
    /** partition -> {from, to}; null when a time range is given. */
    private final Map<Integer, long[]> offsets;
    private final Instant start;
    private final Instant end;
    private final Map<String, String> consumerProperties;

    private KafkaSource(Builder b) {
        ConfigException.require(b.bootstrapServers != null && !b.bootstrapServers.trim().isEmpty(),
                "kafka.bootstrapServers", b.bootstrapServers, "give host:port[,host:port] of the Kafka brokers");
        ConfigException.require(b.topic != null && !b.topic.trim().isEmpty(), "kafka.topic", b.topic,
                "name the topic to load");
        ConfigException.require(b.format != null && b.format != FileFormat.PARQUET, "format", b.format,
                "Kafka record values are loaded as jsonl, csv or tsv");
        ConfigException.require(b.offsets != null ^ (b.start != null || b.end != null), "kafka.offsets",
                b.offsets == null ? null : describe(b.offsets), "give either offset ranges (e.g. 0:0-1000,1:0-1000)"
                        + " or a time range (start and end), not both and not neither");
        if (b.offsets == null) {
            ConfigException.require(b.start != null, "kafka.startTime", null,
                    "a time range needs a start, e.g. 2026-01-15T00:00:00Z");
            ConfigException.require(b.end != null, "kafka.endTime", null,
                    "a time range needs an end (exclusive), e.g. 2026-01-16T00:00:00Z");
            ConfigException.require(b.end.isAfter(b.start), "kafka.endTime", b.end,
                    "the end must be after the start (" + b.start + ")");
        }
        this.bootstrapServers = b.bootstrapServers.trim();
        this.topic = b.topic.trim();
        this.format = b.format;
        this.delimiter = b.delimiter == null ? (b.format == FileFormat.TSV ? '\t' : ',') : b.delimiter;
        this.offsets = b.offsets == null ? null : Collections.unmodifiableMap(new TreeMap<>(b.offsets));
        this.start = b.start;
        this.end = b.end;
        this.consumerProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.consumerProperties));
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String topic() {
        return topic;
    }

    public FileFormat format() {
        return format;
    }

    public char delimiter() {
        return delimiter;
    }

    /** Offset ranges by partition ({from, to}, to exclusive), or null for a time range. */
    public Map<Integer, long[]> offsets() {
        return offsets;
    }

    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** Extra consumer settings (security, timeouts); never logged. */
    public Map<String, String> consumerProperties() {
        return consumerProperties;
    }

    @Override
    public String describe() {
        String range = offsets != null ? "offsets " + describe(offsets) : "time range [" + start + ", " + end + ")";
        return format.name().toLowerCase(Locale.ROOT) + " records of kafka topic " + topic + " (" + range + ")";
    }

    private static String describe(Map<Integer, long[]> offsets) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, long[]> e : offsets.entrySet()) {
            b.append(b.length() > 0 ? "," : "").append(e.getKey()).append(':').append(e.getValue()[0]).append('-')
                    .append(e.getValue()[1]);
        }
        return b.toString();
    }

    /**
     * Parses {@code partition:from-to[,partition:from-to...]} (to exclusive), e.g. {@code 0:0-1000,1:500-900}.
     */
    public static Map<Integer, long[]> parseOffsets(String field, String spec) {
        ConfigException.require(spec != null && !spec.trim().isEmpty(), field, spec,
                "give partition:from-to ranges, e.g. 0:0-1000,1:0-1000 (to is exclusive)");
        Map<Integer, long[]> out = new TreeMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int colon = p.indexOf(':');
                int dash = p.indexOf('-', colon + 1);
                if (colon < 1 || dash < 0) {
                    throw new NumberFormatException(p);
                }
                int partition = Integer.parseInt(p.substring(0, colon).trim());
                long from = Long.parseLong(p.substring(colon + 1, dash).trim());
                long to = Long.parseLong(p.substring(dash + 1).trim());
                ConfigException.require(partition >= 0 && from >= 0 && to >= from, field, p,
                        "a range is partition:from-to with 0 <= from <= to (to is exclusive)");
                ConfigException.require(out.put(partition, new long[] {from, to}) == null, field, p,
                        "partition " + partition + " is given twice; give one range per partition");
            } catch (NumberFormatException e) {
                throw new ConfigException(field, p, "write each range as partition:from-to, e.g. 0:0-1000");
            }
        }
        ConfigException.require(!out.isEmpty(), field, spec, "give at least one partition:from-to range");
        return out;
    }

    /** An instant as ISO-8601 ({@code 2026-01-15T00:00:00Z}), {@code yyyy-MM-dd HH:mm:ss} (UTC) or epoch millis. */
    public static Instant parseTime(String field, String value) {
        ConfigException.require(value != null && !value.trim().isEmpty(), field, value,
                "give a time such as 2026-01-15T00:00:00Z, 2026-01-15 00:00:00 (UTC) or epoch milliseconds");
        String v = value.trim();
        try {
            if (v.matches("\\d{10,}")) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
                return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDateTime.parse(v + "T00:00:00").toInstant(ZoneOffset.UTC);
            }
            return Instant.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ConfigException(field, value,
                    "give a time such as 2026-01-15T00:00:00Z, 2026-01-15 00:00:00 (UTC) or epoch milliseconds");
        }
    }

    public static final class Builder {
        private String bootstrapServers;
        private String topic;
        private FileFormat format = FileFormat.JSON_EACH_ROW;
        private Character delimiter;
        private Map<Integer, long[]> offsets;
        private Instant start;
        private Instant end;
        private final Map<String, String> consumerProperties = new LinkedHashMap<>();

        public Builder bootstrapServers(String s) {
            this.bootstrapServers = s;
            return this;
        }

        public Builder topic(String t) {
            this.topic = t;
            return this;
        }

        public Builder format(FileFormat f) {
            this.format = f;
            return this;
        }

        public Builder delimiter(Character d) {
            this.delimiter = d;
            return this;
        }

        public Builder offsets(Map<Integer, long[]> o) {
            this.offsets = o;
            return this;
        }

        public Builder timeRange(Instant startInclusive, Instant endExclusive) {
            this.start = startInclusive;
            this.end = endExclusive;
            return this;
        }

        public Builder consumerProperty(String key, String value) {
            consumerProperties.put(key, value);
            return this;
        }

        public KafkaSource build() {
            return new KafkaSource(this);
        }
    }
}
