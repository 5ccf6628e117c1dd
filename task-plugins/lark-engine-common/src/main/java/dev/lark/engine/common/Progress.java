package dev.lark.engine.common;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rows and bytes from any number of threads and reports {@code rows, rows/s, % done} every few seconds through
 * a sink (slf4j by default; a DS task passes its task logger). Counting is a {@link LongAdder} add, cheap enough to
 * call per row. Reporting happens either from a reporter thread ({@link #start(ThreadFactory)}) or whenever a caller
 * invokes {@link #maybeReport()}.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final String name;
    private final long totalRows;
    private final long intervalNanos;
    private final Consumer<String> sink;
    private final LongAdder rows = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder dirty = new LongAdder();
    private final long startNanos = System.nanoTime();
    private final AtomicLong lastReportNanos = new AtomicLong(startNanos);
    private final AtomicLong lastReportRows = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile Thread reporter;

    private Progress(Builder b) {
        this.name = b.name;
        this.totalRows = b.totalRows;
        this.intervalNanos = b.interval.toNanos();
        this.sink = b.sink;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public void addRows(long n) {
        rows.add(n);
    }

    public void addBytes(long n) {
        bytes.add(n);
    }

    public void addDirty(long n) {
        dirty.add(n);
    }

    public long rows() {
        return rows.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long dirty() {
        return dirty.sum();
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Average rows per second since the start. */
    public double rowsPerSecond() {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        return secs <= 0 ? 0 : rows.sum() / secs;
    }

    /** Reports if the interval has passed since the last report; safe to call from any thread, often. */
    public void maybeReport() {
        long now = System.nanoTime();
        long last = lastReportNanos.get();
        if (now - last >= intervalNanos && lastReportNanos.compareAndSet(last, now)) {
            report(now, last);
        }
    }

    /** Reports now, regardless of the interval. */
    public void reportNow() {
        long now = System.nanoTime();
        report(now, lastReportNanos.getAndSet(now));
    }

    private void report(long now, long last) {
        long r = rows.sum();
        long prevRows = lastReportRows.getAndSet(r);
        double windowSecs = Math.max(1e-9, (now - last) / 1e9);
        sink.accept(line(r, (r - prevRows) / windowSecs));
    }

    /** One progress line, e.g. {@code ingest: 1,200,000 rows (45.0%), 310,000 rows/s now, 295,000 avg, 80 MB, 12 s}. */
    public String line(long r, double currentRate) {
        StringBuilder sb = new StringBuilder(name).append(": ").append(String.format(Locale.ROOT, "%,d rows", r));
        if (totalRows > 0) {
            sb.append(String.format(Locale.ROOT, " (%.1f%% of %,d)", Math.min(100.0, 100.0 * r / totalRows),
                    totalRows));
        }
        sb.append(String.format(Locale.ROOT, ", %,.0f rows/s now, %,.0f rows/s avg", currentRate, rowsPerSecond()));
        long b = bytes.sum();
        if (b > 0) {
            sb.append(", ").append(humanBytes(b));
        }
        long d = dirty.sum();
        if (d > 0) {
            sb.append(String.format(Locale.ROOT, ", %,d dirty", d));
        }
        sb.append(", ").append(elapsed().getSeconds()).append(" s");
        return sb.toString();
    }

    /**
     * Starts a daemon thread that reports every interval until {@link #close()}. Pass a DS task's thread factory so
     * the lines land in the task log.
     */
    public Progress start(ThreadFactory threads) {
        if (running.compareAndSet(false, true)) {
            Thread t = threads.newThread(() -> {
                while (running.get()) {
                    try {
                        Thread.sleep(Math.max(100, intervalNanos / 1_000_000 / 4));
                    } catch (InterruptedException e) {
                        return;
                    }
                    maybeReport();
                }
            });
            t.setDaemon(true);
            reporter = t;
            t.start();
        }
        return this;
    }

    /** Stops the reporter thread, if any. Does not print a final line: callers print their summary. */
    @Override
    public void close() {
        running.set(false);
        Thread t = reporter;
        if (t != null) {
            t.interrupt();
        }
    }

    public static String humanBytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = b;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
    }

    public static final class Builder {
        private final String name;
        private long totalRows = -1;
        private Duration interval = Duration.ofSeconds(5);
        private Consumer<String> sink = LOG::info;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Expected row count, for the percentage; unknown (the default) when negative. */
        public Builder totalRows(long total) {
            this.totalRows = total;
            return this;
        }

        public Builder interval(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("progress interval must be positive: " + d);
            }
            this.interval = d;
            return this;
        }

        public Builder sink(Consumer<String> s) {
            this.sink = Objects.requireNonNull(s, "sink");
            return this;
        }

        public Progress build() {
            return new Progress(this);
        }
    }
}
