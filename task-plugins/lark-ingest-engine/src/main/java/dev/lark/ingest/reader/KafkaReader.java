package dev.lark.ingest.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.ConversionException;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * {@code kafkareader}: a bounded read of a topic. {@code bootstrapServers, topic, partitions} (default all),
 * {@code startOffset}/{@code endOffset} ({@code earliest}, {@code latest} or a number) or
 * {@code startTimestamp}/{@code endTimestamp} (epoch ms), {@code format} ({@code json}: columns by name, {@code csv},
 * {@code text}: one column), {@code column[{name,type}]}, {@code fieldDelimiter}, {@code properties}. The end
 * offsets are fixed when the job starts, so the job ends; each partition is a split. Unparseable messages go to the
 * dead-letter. Metadata columns {@code _key, _partition, _offset, _timestamp} may be listed.
 */
public final class KafkaReader implements Reader {
    public static final Set<String> PARAMETERS = Set.of("bootstrapServers", "topic", "partitions", "startOffset",
            "endOffset", "startTimestamp", "endTimestamp", "format", "column", "fieldDelimiter", "properties",
            "pollTimeoutMs");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String servers;
    private final String topic;
    private final List<String> partitionsParam;
    private final String startOffset;
    private final String endOffset;
    private final long startTs;
    private final long endTs;
    private final String format;
    private final List<String> names = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final String delimiter;
    private final Map<String, String> props = new HashMap<>();
    private final Params p;
    private final Map<Integer, long[]> ranges = new HashMap<>();
    private IngestContext ctx;

    public KafkaReader(Params p) {
        this.p = p;
        p.checkKnown(PARAMETERS);
        this.servers = p.requireString("bootstrapServers", "give host:port of the Kafka brokers");
        this.topic = p.requireString("topic", "name the topic to read");
        this.partitionsParam = p.strings("partitions");
        this.startOffset = p.string("startOffset", "earliest");
        this.endOffset = p.string("endOffset", "latest");
        this.startTs = p.longValue("startTimestamp", -1);
        this.endTs = p.longValue("endTimestamp", -1);
        this.format = p.string("format", "json").toLowerCase(Locale.ROOT);
        if (!Set.of("json", "csv", "text").contains(format)) {
            throw ConfigException.unknown(p.path("format"), format, Set.of("json", "csv", "text"));
        }
        for (Params c : p.objects("column")) {
            c.checkKnown(Set.of("name", "type", "index"));
            names.add(c.requireString("name", "name the column"));
            types.add(c.string("type", "string").toLowerCase(Locale.ROOT));
        }
        if (names.isEmpty()) {
            if (format.equals("json")) {
                throw ConfigException.missing(p.path("column"), "list the JSON fields: [{\"name\":\"id\",\"type\":"
                        + "\"long\"}, ...]");
            }
            names.add("value");
            types.add("string");
        }
        String d = p.string("fieldDelimiter", ",");
        this.delimiter = d.equals("\\t") ? "\t" : d;
        Params pr = p.object("properties");
        Iterator<String> it = pr.raw().fieldNames();
        while (it.hasNext()) {
            String k = it.next();
            props.put(k, pr.raw().get(k).asText());
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Properties pp = new Properties();
        pp.putAll(props);
        pp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        pp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        pp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        pp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        return new KafkaConsumer<>(pp, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void prepare(IngestContext ctx) {
        this.ctx = ctx;
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<PartitionInfo> infos = c.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw ConfigException.invalid(p.path("topic"), topic, "the topic does not exist");
            }
            List<TopicPartition> tps = new ArrayList<>();
            for (PartitionInfo i : infos) {
                if (partitionsParam.isEmpty() || partitionsParam.contains(Integer.toString(i.partition()))) {
                    tps.add(new TopicPartition(topic, i.partition()));
                }
            }
            Map<TopicPartition, Long> begin = c.beginningOffsets(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            Map<TopicPartition, OffsetAndTimestamp> fromTs = startTs >= 0 ? c.offsetsForTimes(toMap(tps, startTs))
                    : null;
            Map<TopicPartition, OffsetAndTimestamp> toTs = endTs >= 0 ? c.offsetsForTimes(toMap(tps, endTs)) : null;
            for (TopicPartition tp : tps) {
                long s = fromTs != null ? offset(fromTs.get(tp), end.get(tp)) : resolve(startOffset, begin.get(tp),
                        end.get(tp), "startOffset");
                long e = toTs != null ? offset(toTs.get(tp), end.get(tp)) : resolve(endOffset, begin.get(tp),
                        end.get(tp), "endOffset");
                ranges.put(tp.partition(), new long[] {Math.max(s, begin.get(tp)), Math.min(e, end.get(tp))});
            }
        }
    }

    private static Map<TopicPartition, Long> toMap(List<TopicPartition> tps, long ts) {
        Map<TopicPartition, Long> m = new HashMap<>();
        for (TopicPartition tp : tps) {
            m.put(tp, ts);
        }
        return m;
    }

    private static long offset(OffsetAndTimestamp o, long end) {
        return o == null ? end : o.offset();
    }

    private long resolve(String v, long begin, long end, String key) {
        if (v.equalsIgnoreCase("earliest")) {
            return begin;
        }
        if (v.equalsIgnoreCase("latest")) {
            return end;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(p.path(key), v, "use earliest, latest or an offset number");
        }
    }

    @Override
    public List<String> columns() {
        return names;
    }

    @Override
    public long estimatedRows() {
        long n = 0;
        for (long[] r : ranges.values()) {
            n += Math.max(0, r[1] - r[0]);
        }
        return n;
    }

    @Override
    public List<Split> splits(int channels) {
        List<Split> out = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : ranges.entrySet()) {
            if (e.getValue()[1] > e.getValue()[0]) {
                out.add(new Split(out.size(), "partition " + e.getKey() + " [" + e.getValue()[0] + ", "
                        + e.getValue()[1] + ")", null, null, e.getKey()));
            }
        }
        return out;
    }

    @Override
    public void read(Split split, RowSink sink) throws Exception {
        int partition = (Integer) split.payload();
        long[] r = ranges.get(partition);
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            c.assign(List.of(tp));
            c.seek(tp, r[0]);
            long pos = r[0];
            while (pos < r[1]) {
                ctx.cancellation().throwIfCancelled();
                for (ConsumerRecord<byte[], byte[]> rec : c.poll(Duration.ofMillis(500))) {
                    if (rec.offset() >= r[1]) {
                        pos = r[1];
                        break;
                    }
                    pos = rec.offset() + 1;
                    String text = rec.value() == null ? null : new String(rec.value(), StandardCharsets.UTF_8);
                    try {
                        sink.put(parse(rec, text));
                    } catch (ConversionException | IllegalArgumentException | com.fasterxml.jackson.core
                            .JsonProcessingException e) {
                        sink.dirty(text, "partition " + partition + " offset " + rec.offset() + ": " + e.getMessage());
                    }
                }
                long now = c.position(tp);
                pos = Math.max(pos, Math.min(now, r[1]));
            }
        }
    }

    private Object[] parse(ConsumerRecord<byte[], byte[]> rec, String text) throws
            com.fasterxml.jackson.core.JsonProcessingException {
        Object[] row = new Object[names.size()];
        JsonNode json = null;
        String[] fields = null;
        if (format.equals("json") && text != null) {
            json = JSON.readTree(text);
            if (json == null || !json.isObject()) {
                throw new IllegalArgumentException("not a JSON object");
            }
        } else if (format.equals("csv") && text != null) {
            fields = text.split(java.util.regex.Pattern.quote(delimiter), -1);
        }
        int field = 0;
        for (int i = 0; i < row.length; i++) {
            String n = names.get(i);
            Object raw;
            switch (n) {
                case "_key":
                    raw = rec.key() == null ? null : new String(rec.key(), StandardCharsets.UTF_8);
                    break;
                case "_partition":
                    raw = (long) rec.partition();
                    break;
                case "_offset":
                    raw = rec.offset();
                    break;
                case "_timestamp":
                    raw = rec.timestamp();
                    break;
                default:
                    if (json != null) {
                        JsonNode v = json.get(n);
                        raw = v == null || v.isNull() ? null : v.isContainerNode() ? v.toString() : v.asText();
                    } else if (fields != null) {
                        if (field >= fields.length) {
                            throw new IllegalArgumentException("has " + fields.length + " fields, column " + n
                                    + " wants field " + field);
                        }
                        raw = fields[field++];
                    } else {
                        raw = text;
                    }
            }
            row[i] = typed(types.get(i), raw);
        }
        return row;
    }

    private static Object typed(String type, Object raw) {
        if (raw == null) {
            return null;
        }
        switch (type) {
            case "long":
                return Values.toLong(raw);
            case "double":
                return Values.toDouble(raw);
            case "decimal":
                return new java.math.BigDecimal(Values.toStringValue(raw).trim());
            case "bool":
            case "boolean":
                return Values.toBoolean(raw);
            case "date":
                return Values.toLocalDate(raw);
            case "timestamp":
                return raw instanceof Long ? java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(
                        (Long) raw), java.time.ZoneOffset.UTC) : Values.toLocalDateTime(raw,
                        java.time.ZoneOffset.UTC);
            default:
                return Values.toStringValue(raw);
        }
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("kafka", servers.split(",")[0], topic);
    }
}
