package dev.lark.lineage;

import dev.lark.lineage.model.RunEvent;
import java.time.Duration;

/**
 * The one entry point tasks use. {@link #emit} only journals the event to local disk and returns (target p99 under
 * 5 ms); a background dispatcher delivers it to the sink, retrying with backoff until the sink accepts it or
 * rejects it for good (then it is parked for {@code lark lineage replay --failed}). Neither method ever throws into
 * the caller or waits on the network: a task's result never depends on Atlas.
 */
public interface LineageHook extends AutoCloseable {

    /** Journals the event for delivery. Never throws; problems are logged and counted in {@link #metrics()}. */
    void emit(RunEvent event);

    /** A snapshot of delivery counters, for the task's summary. */
    LineageMetrics metrics();

    /**
     * Waits until nothing is pending (all journaled events delivered or parked), at most {@code timeout}. For tests
     * and the CLI; tasks must not call it.
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** Stops the dispatcher; pending events stay in the journal for the next start. */
    @Override
    void close();

    /** A hook that drops everything (lineage disabled). */
    static LineageHook disabled() {
        return DisabledLineageHook.INSTANCE;
    }
}
