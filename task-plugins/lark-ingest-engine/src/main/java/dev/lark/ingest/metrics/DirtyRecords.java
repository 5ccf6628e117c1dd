package dev.lark.ingest.metrics;

import dev.lark.engine.common.Progress;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts dirty records, sends them to the dead-letter and enforces {@code errorLimit.record} as they arrive;
 * {@code errorLimit.percentage} is checked at the end against the rows read.
 */
public final class DirtyRecords {
    private final DeadLetter deadLetter;
    private final long recordLimit;
    private final double percentageLimit;
    private final Progress progress;
    private final AtomicLong count = new AtomicLong();
    private volatile String firstReason;

    public DirtyRecords(DeadLetter deadLetter, long recordLimit, double percentageLimit, Progress progress) {
        this.deadLetter = deadLetter;
        this.recordLimit = recordLimit;
        this.percentageLimit = percentageLimit;
        this.progress = progress;
    }

    public void record(String stage, List<String> columns, Object[] values, String raw, String reason) {
        long n = count.incrementAndGet();
        if (firstReason == null) {
            firstReason = reason;
        }
        progress.addDirty(1);
        try {
            deadLetter.write(stage, columns, values, raw, reason);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a dirty record to the dead-letter " + deadLetter.describe()
                    + ": " + e.getMessage(), e);
        }
        if (recordLimit >= 0 && n > recordLimit) {
            throw new DirtyLimitExceededException(String.format(Locale.ROOT,
                    "%d dirty records exceed job.setting.errorLimit.record = %d by %d (first reason: %s); the"
                            + " dirty records are in %s", n, recordLimit, n - recordLimit, firstReason,
                    deadLetter.describe()));
        }
    }

    /** Fails when the dirty share of {@code rowsRead} exceeds the percentage limit. */
    public void checkPercentage(long rowsRead) {
        long n = count.get();
        if (percentageLimit < 0 || n == 0) {
            return;
        }
        long total = Math.max(rowsRead, 1);
        double share = (double) n / total;
        if (share > percentageLimit) {
            throw new DirtyLimitExceededException(String.format(Locale.ROOT,
                    "%d dirty of %d records (%.3f%%) exceed job.setting.errorLimit.percentage = %.3f%% by %.3f"
                            + " points (first reason: %s); the dirty records are in %s", n, total, share * 100,
                    percentageLimit * 100, (share - percentageLimit) * 100, firstReason, deadLetter.describe()));
        }
    }

    public long count() {
        return count.get();
    }

    public DeadLetter deadLetter() {
        return deadLetter;
    }

    /** The job failed because it produced too many dirty records. */
    public static final class DirtyLimitExceededException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public DirtyLimitExceededException(String m) {
            super(m);
        }
    }
}
