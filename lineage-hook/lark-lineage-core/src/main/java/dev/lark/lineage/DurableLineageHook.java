package dev.lark.lineage;

import dev.lark.lineage.dispatch.Dispatcher;
import dev.lark.lineage.journal.Journal;
import dev.lark.lineage.journal.JournalEntry;
import dev.lark.lineage.model.LineageJson;
import dev.lark.lineage.model.RunEvent;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link LineageHook} backed by a {@link Journal} and a {@link Dispatcher} thread. */
final class DurableLineageHook implements LineageHook {
    private static final Logger LOG = LoggerFactory.getLogger(DurableLineageHook.class);

    private final Journal journal;
    private final LineageSink sink;
    private final Dispatcher dispatcher;
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicLong journalErrors = new AtomicLong();
    private volatile boolean closed;

    DurableLineageHook(Journal journal, LineageSink sink, LineageConfig config) {
        this.journal = journal;
        this.sink = sink;
        this.dispatcher = new Dispatcher(journal, sink, config);
        dispatcher.start();
    }

    @Override
    public void emit(RunEvent event) {
        if (event == null) {
            return;
        }
        try {
            journal.append(LineageJson.toBytes(event));
            emitted.incrementAndGet();
            dispatcher.wakeUp();
        } catch (IOException | RuntimeException e) {
            // never fail the task: count, log with the cause, go on
            journalErrors.incrementAndGet();
            LOG.error("could not journal lineage event {} in {} (lineage of this run is lost unless the task is"
                    + " rerun): {}", event, journal.directory(), e.toString());
        }
    }

    @Override
    public LineageMetrics metrics() {
        JournalEntry oldest = journal.oldestPending();
        long lag = oldest == null ? 0 : Math.max(0, System.currentTimeMillis() - oldest.journaledAt().toEpochMilli());
        long parked;
        try {
            parked = journal.parkedCount();
        } catch (IOException e) {
            parked = -1;
        }
        return new LineageMetrics(sink.name(), emitted.get(), journal.pendingCount(), parked, dispatcher.sent(),
                dispatcher.failed(), dispatcher.retried(), journalErrors.get(), lag, dispatcher.lastError());
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                journal.rescan(); // events re-queued by another process (lark lineage replay --failed) count too
            } catch (IOException e) {
                // the dispatcher reports journal problems; keep waiting
            }
            if (dispatcher.isIdle()) {
                return true;
            }
            dispatcher.wakeUp();
            Thread.sleep(20);
        }
        return dispatcher.isIdle();
    }

    Journal journal() {
        return journal;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        dispatcher.stop(Duration.ofSeconds(10));
        sink.close();
    }
}
