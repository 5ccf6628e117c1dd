package dev.lark.lineage;

/**
 * An immutable snapshot of the hook's delivery counters. {@link #toString()} is the one line a task summary prints:
 * {@code lineage[atlas-rest]: sent=12 pending=0 parked=0 retried=3 failed=0 lag=0ms}.
 */
public final class LineageMetrics {
    static final LineageMetrics DISABLED = new LineageMetrics("disabled", 0, 0, 0, 0, 0, 0, 0, 0, null);

    private final String sink;
    private final long emitted;
    private final long queueDepth;
    private final long parked;
    private final long sent;
    private final long failed;
    private final long retried;
    private final long journalErrors;
    private final long lagMillis;
    private final String lastError;

    public LineageMetrics(String sink, long emitted, long queueDepth, long parked, long sent, long failed,
            long retried, long journalErrors, long lagMillis, String lastError) {
        this.sink = sink;
        this.emitted = emitted;
        this.queueDepth = queueDepth;
        this.parked = parked;
        this.sent = sent;
        this.failed = failed;
        this.retried = retried;
        this.journalErrors = journalErrors;
        this.lagMillis = lagMillis;
        this.lastError = lastError;
    }

    public String sink() { return sink; }
    /** Events journaled by this process. */
    public long emitted() { return emitted; }
    /** Events in the journal waiting for delivery (all processes sharing the journal). */
    public long queueDepth() { return queueDepth; }
    /** Events parked after a permanent rejection, waiting for {@code lark lineage replay --failed}. */
    public long parked() { return parked; }
    /** Events the sink accepted (this process). */
    public long sent() { return sent; }
    /** Events the sink rejected for good and that were parked (this process). */
    public long failed() { return failed; }
    /** Delivery attempts that failed transiently and were retried. */
    public long retried() { return retried; }
    /** emit() calls that could not write the journal (disk full, permissions); logged with the cause. */
    public long journalErrors() { return journalErrors; }
    /** Age of the oldest pending event, 0 when nothing is pending. */
    public long lagMillis() { return lagMillis; }
    /** The last delivery error (sanitised, no secrets), or null. */
    public String lastError() { return lastError; }

    @Override
    public String toString() {
        return "lineage[" + sink + "]: emitted=" + emitted + " sent=" + sent + " pending=" + queueDepth + " parked="
                + parked + " retried=" + retried + " failed=" + failed + " lag=" + lagMillis + "ms"
                + (journalErrors > 0 ? " journalErrors=" + journalErrors : "")
                + (lastError != null && queueDepth > 0 ? " lastError=" + lastError : "");
    }
}
