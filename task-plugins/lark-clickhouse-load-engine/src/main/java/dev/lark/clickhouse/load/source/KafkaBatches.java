package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.LoadException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a {@link KafkaSource} slice as batches of newline-terminated records. The slice is resolved to fixed offset
 * ranges first ({@link #ranges()}); partitions are read in order, one at a time, and a batch never spans two
 * partitions, so the same slice always yields the same batches. No consumer group is used and nothing is committed:
 * the slice, not a group offset, says what to load.
 */
public final class KafkaBatches implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(500);
    /** Give up when a partition yields nothing for this long although its range is not read to the end. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private final KafkaSource source;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final int maxRows;
    private final int maxBytes;
    private final Map<Integer, long[]> ranges;
    private final Iterator<Map.Entry<Integer, long[]>> partitions;
    private TopicPartition current;
    private long currentEnd;
    private Iterator<ConsumerRecord<byte[], byte[]>> pending = Collections.emptyIterator();
    private ConsumerRecord<byte[], byte[]> carried;
    private long tombstones;

    /** One batch: records of one partition, each ending with a newline, and the offset of each record. */
    public static final class Batch {
        public final int partition;
        public final byte[] data;
        public final int length;
        public final long[] offsets;

        Batch(int partition, byte[] data, int length, long[] offsets) {
            this.partition = partition;
            this.data = data;
            this.length = length;
            this.offsets = offsets;
        }

        public int rows() {
            return offsets.length;
        }
    }

    public KafkaBatches(KafkaSource source, int maxRows, int maxBytes) {
        this.source = source;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        Properties p = new Properties();
        p.putAll(source.consumerProperties());
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, source.bootstrapServers());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "lark-clickhouse-load");
        // a misspelt topic must fail the load, not be created empty by the broker
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(32 << 20));
        p.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(8 << 20));
        p.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            this.ranges = resolve();
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        this.partitions = ranges.entrySet().iterator();
    }

    /** The fixed offset ranges by partition ({from, to}, to exclusive) this reader loads. */
    public Map<Integer, long[]> ranges() {
        return Collections.unmodifiableMap(ranges);
    }

    /** Records in the ranges (an upper bound: compaction and transaction markers leave gaps). */
    public long maxRecords() {
        long n = 0;
        for (long[] r : ranges.values()) {
            n += r[1] - r[0];
        }
        return n;
    }

    /** Tombstones (records without a value) skipped so far: nothing to load. */
    public long tombstones() {
        return tombstones;
    }

    private Map<Integer, long[]> resolve() {
        List<PartitionInfo> infos = consumer.partitionsFor(source.topic());
        if (infos == null || infos.isEmpty()) {
            throw new BadInputException("kafka topic '" + source.topic() + "' does not exist on "
                    + source.bootstrapServers() + "; fix: check the topic name (field kafka.topic)");
        }
        List<TopicPartition> all = new ArrayList<>();
        for (PartitionInfo i : infos) {
            all.add(new TopicPartition(i.topic(), i.partition()));
        }
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(all);
        Map<TopicPartition, Long> endNow = consumer.endOffsets(all);
        Map<Integer, long[]> out = new TreeMap<>();
        if (source.offsets() != null) {
            for (Map.Entry<Integer, long[]> e : source.offsets().entrySet()) {
                TopicPartition tp = new TopicPartition(source.topic(), e.getKey());
                if (!endNow.containsKey(tp)) {
                    throw new BadInputException("kafka.offsets names partition " + e.getKey() + " but topic '"
                            + source.topic() + "' has partitions 0-" + (all.size() - 1) + "; fix: list existing"
                            + " partitions only");
                }
                long from = e.getValue()[0];
                long to = e.getValue()[1];
                if (from < begin.get(tp)) {
                    throw new BadInputException("kafka.offsets: partition " + e.getKey() + " starts at " + begin.get(tp)
                            + " (older records were deleted by retention) but the range starts at " + from + "; fix:"
                            + " start at " + begin.get(tp) + " or later (the records before it are gone)");
                }
                if (to > endNow.get(tp)) {
                    throw new BadInputException("kafka.offsets: partition " + e.getKey() + " ends at offset "
                            + endNow.get(tp) + " but the range asks for records up to " + to + " (exclusive); fix:"
                            + " load up to " + endNow.get(tp) + " now, or rerun once the records are written");
                }
                out.put(e.getKey(), new long[] {from, to});
            }
        } else {
            Map<TopicPartition, Long> startTs = new HashMap<>();
            Map<TopicPartition, Long> endTs = new HashMap<>();
            for (TopicPartition tp : all) {
                startTs.put(tp, source.start().toEpochMilli());
                endTs.put(tp, source.end().toEpochMilli());
            }
            Map<TopicPartition, OffsetAndTimestamp> from = consumer.offsetsForTimes(startTs);
            Map<TopicPartition, OffsetAndTimestamp> to = consumer.offsetsForTimes(endTs);
            for (TopicPartition tp : all) {
                long f = from.get(tp) == null ? endNow.get(tp) : from.get(tp).offset();
                long t = to.get(tp) == null ? endNow.get(tp) : to.get(tp).offset();
                out.put(tp.partition(), new long[] {f, Math.max(f, t)});
            }
        }
        return out;
    }

    /** The next batch, or null when every range is read. */
    public Batch next() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.min(maxBytes, 1 << 20));
        long[] offsets = new long[Math.min(maxRows, 1024)];
        int rows = 0;
        while (true) {
            if (current == null) {
                if (!partitions.hasNext()) {
                    return rows == 0 ? null : new Batch(-1, buf.toByteArray(), buf.size(), Arrays.copyOf(offsets, rows));
                }
                Map.Entry<Integer, long[]> r = partitions.next();
                if (r.getValue()[0] >= r.getValue()[1]) {
                    continue;
                }
                current = new TopicPartition(source.topic(), r.getKey());
                currentEnd = r.getValue()[1];
                consumer.assign(Collections.singletonList(current));
                consumer.seek(current, r.getValue()[0]);
                pending = Collections.emptyIterator();
            }
            ConsumerRecord<byte[], byte[]> rec = nextRecord();
            if (rec == null) {
                // partition done: batches never span partitions, so a retry cuts the same ones
                int partition = current.partition();
                current = null;
                if (rows > 0) {
                    return new Batch(partition, buf.toByteArray(), buf.size(), Arrays.copyOf(offsets, rows));
                }
                continue;
            }
            byte[] v = rec.value();
            if (v == null) {
                tombstones++;
                continue;
            }
            if (rows > 0 && (rows >= maxRows || buf.size() + v.length + 1 > maxBytes)) {
                carried = rec; // starts the next batch
                return new Batch(current.partition(), buf.toByteArray(), buf.size(), Arrays.copyOf(offsets, rows));
            }
            if (rows == offsets.length) {
                offsets = Arrays.copyOf(offsets, Math.min(maxRows, rows * 2));
            }
            offsets[rows++] = rec.offset();
            int len = v.length;
            while (len > 0 && (v[len - 1] == '\n' || v[len - 1] == '\r')) {
                len--;
            }
            if (source.format() == FileFormat.JSON_EACH_ROW) {
                // a pretty-printed JSON record spans lines; outside strings a line end is plain JSON whitespace
                // (inside strings it is not valid JSON anyway), so one record stays one line
                for (int i = 0; i < len; i++) {
                    buf.write(v[i] == '\n' || v[i] == '\r' ? ' ' : v[i]);
                }
            } else {
                buf.write(v, 0, len);
            }
            buf.write('\n');
        }
    }

    /** The next record of the current partition inside its range, or null at the end of the range. */
    private ConsumerRecord<byte[], byte[]> nextRecord() {
        if (carried != null) {
            ConsumerRecord<byte[], byte[]> r = carried;
            carried = null;
            return r;
        }
        long idleSince = System.nanoTime();
        while (true) {
            while (pending.hasNext()) {
                ConsumerRecord<byte[], byte[]> r = pending.next();
                if (r.offset() >= currentEnd) {
                    return null;
                }
                return r;
            }
            if (consumer.position(current) >= currentEnd) {
                return null;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new LoadException("load cancelled");
            }
            List<ConsumerRecord<byte[], byte[]>> got = consumer.poll(POLL).records(current);
            pending = got.iterator();
            if (!got.isEmpty()) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > STALL.toNanos()) {
                throw new LoadException("kafka partition " + current + " returned no records for " + STALL.toMinutes()
                        + " minutes at position " + consumer.position(current) + " although the range ends at "
                        + currentEnd + "; is the broker reachable?");
            }
        }
    }

    /** Wakes a blocked poll (from another thread, e.g. on cancel). */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            // a cancelled load may still have a poll in flight on the reader thread; nothing was committed anyway
        }
    }
}
