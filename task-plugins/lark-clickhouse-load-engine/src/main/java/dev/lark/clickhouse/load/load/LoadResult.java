package dev.lark.clickhouse.load.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** What a load did: counts for the task summary and the DS varPool. */
public final class LoadResult {
    public final String target;
    public final LoadMode mode;
    public final long rowsRead;
    public final long rowsLoaded;
    public final long rowsRejected;
    public final long batches;
    public final long bytesSent;
    public final List<String> partitions;
    public final List<String> schemaChanges;
    /** Source columns loaded, by name (each feeds the table column of the same name). */
    public final List<String> columns;
    public final String checksum;
    public final long millis;
    /** What part of the source was loaded when it is not the whole (Kafka: partition:from-to offsets), or null. */
    public final String sourceRange;

    LoadResult(String target, LoadMode mode, long rowsRead, long rowsLoaded, long rowsRejected, long batches,
            long bytesSent, List<String> partitions, List<String> schemaChanges,
            List<String> columns, String checksum, long millis, String sourceRange) {
        this.target = target;
        this.mode = mode;
        this.rowsRead = rowsRead;
        this.rowsLoaded = rowsLoaded;
        this.rowsRejected = rowsRejected;
        this.batches = batches;
        this.bytesSent = bytesSent;
        this.partitions = Collections.unmodifiableList(new ArrayList<>(partitions));
        this.schemaChanges = Collections.unmodifiableList(new ArrayList<>(schemaChanges));
        this.columns = Collections.unmodifiableList(new ArrayList<>(columns));
        this.checksum = checksum;
        this.millis = millis;
        this.sourceRange = sourceRange;
    }

    public double rowsPerSecond() {
        return millis == 0 ? rowsLoaded : rowsLoaded * 1000.0 / millis;
    }

    /** The one-screen summary printed at the end of a task. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("ClickHouse load summary\n");
        b.append(String.format(Locale.ROOT, "  target          %s (%s)%n", target, mode.name().toLowerCase(Locale.ROOT)));
        b.append(String.format(Locale.ROOT, "  rows read       %,d%n", rowsRead));
        b.append(String.format(Locale.ROOT, "  rows loaded     %,d%n", rowsLoaded));
        b.append(String.format(Locale.ROOT, "  rows rejected   %,d%s%n", rowsRejected, rowsRejected > 0 ? " (see dead-letter)" : ""));
        b.append(String.format(Locale.ROOT, "  batches         %,d (each with its own deduplication token)%n", batches));
        b.append(String.format(Locale.ROOT, "  bytes sent      %,d%n", bytesSent));
        b.append(String.format(Locale.ROOT, "  partitions      %d %s%n", partitions.size(),
                partitions.size() <= 10 ? partitions : partitions.subList(0, 10) + "..."));
        b.append(String.format(Locale.ROOT, "  schema changes  %s%n", schemaChanges.isEmpty() ? "none" : schemaChanges));
        if (checksum != null) {
            b.append(String.format(Locale.ROOT, "  checksum        %s (staged = loaded)%n", checksum));
        }
        b.append(String.format(Locale.ROOT, "  time            %.1f s, %,.0f rows/s%n", millis / 1000.0, rowsPerSecond()));
        return b.toString();
    }
}
