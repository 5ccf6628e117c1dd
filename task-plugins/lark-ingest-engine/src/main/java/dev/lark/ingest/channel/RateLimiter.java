package dev.lark.ingest.channel;

import dev.lark.engine.common.Cancellation;

/**
 * Job-wide throttle for {@code job.setting.speed.record} (records/s) and {@code .byte} (bytes/s), shared by all
 * channels: each acquire reserves its share of time and sleeps until the reservation is due.
 */
public final class RateLimiter {
    private final double recordsPerNano;
    private final double bytesPerNano;
    private long nextFreeNanos = System.nanoTime();

    public RateLimiter(long recordsPerSecond, long bytesPerSecond) {
        this.recordsPerNano = recordsPerSecond > 0 ? recordsPerSecond / 1e9 : 0;
        this.bytesPerNano = bytesPerSecond > 0 ? bytesPerSecond / 1e9 : 0;
    }

    public boolean active() {
        return recordsPerNano > 0 || bytesPerNano > 0;
    }

    public void acquire(long records, long bytes, Cancellation cancellation) throws InterruptedException {
        if (!active()) {
            return;
        }
        double cost = 0;
        if (recordsPerNano > 0) {
            cost = Math.max(cost, records / recordsPerNano);
        }
        if (bytesPerNano > 0) {
            cost = Math.max(cost, bytes / bytesPerNano);
        }
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextFreeNanos);
            nextFreeNanos = start + (long) cost;
            wait = start - now;
        }
        long deadline = System.nanoTime() + wait;
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            cancellation.throwIfCancelled();
            // measure against the clock: sleep granularity is ~1 ms, so counting sleeps would drift badly
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 200)));
        }
    }
}
