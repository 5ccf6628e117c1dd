package dev.lark.lineage.dispatch;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.lark.lineage.DeliveryOutcome;
import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageSink;
import dev.lark.lineage.journal.Journal;
import dev.lark.lineage.journal.JournalEntry;
import dev.lark.lineage.model.LineageJson;
import dev.lark.lineage.model.RunEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single background thread that moves events from the journal to the sink, oldest first.
 *
 * <p>Ordering: a batch is the next N events in journal order; on a transient failure the same batch is retried
 * (exponential backoff with jitter, without limit: an outage delays lineage, never drops it) and nothing newer is
 * sent meanwhile, so events about the same entity always arrive in the order they were emitted. A permanent
 * rejection parks only that event and delivery continues.
 *
 * <p>Only one process sends from a journal directory at a time ({@code dispatch.lock}); others just journal and
 * the lock holder picks their files up on its next rescan.
 */
public final class Dispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    private final Journal journal;
    private final LineageSink sink;
    private final LineageConfig config;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final RetryPolicy<List<DeliveryOutcome>> retry;
    private volatile boolean stopping;
    private volatile boolean busy;
    private Thread thread;
    private FileChannel lockChannel;
    private FileLock lock;

    public Dispatcher(Journal journal, LineageSink sink, LineageConfig config) {
        this.journal = journal;
        this.sink = sink;
        this.config = config;
        this.retry = RetryPolicy.<List<DeliveryOutcome>>builder()
                .handle(Exception.class)
                .withBackoff(config.retryInitialDelay(), config.retryMaxDelay())
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onRetry(e -> {
                    long n = retried.incrementAndGet();
                    String msg = describe(e.getLastException());
                    lastError.set(msg);
                    if (e.getAttemptCount() == 1 || e.getAttemptCount() % 20 == 0) {
                        LOG.warn("lineage delivery to {} failed (attempt {}, {} retries so far), retrying with backoff;"
                                + " {} events wait in {}: {}", sink.name(), e.getAttemptCount(), n,
                                journal.pendingCount(), journal.directory(), msg);
                    }
                })
                .build();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(this, "lark-lineage-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Signals that an event was journaled. */
    public void wakeUp() {
        wake.release();
    }

    /** True while a batch is out or the queue is non-empty. */
    public boolean isIdle() {
        return !busy && journal.pendingCount() == 0;
    }

    public long sent() { return sent.get(); }
    public long failed() { return failed.get(); }
    public long retried() { return retried.get(); }
    public String lastError() { return lastError.get(); }
    public boolean holdsLock() { return lock != null; }

    @Override
    public void run() {
        long lastRescan = 0;
        while (!stopping) {
            try {
                if (!acquireLock()) {
                    wake.tryAcquire(config.rescanInterval().toMillis(), TimeUnit.MILLISECONDS);
                    continue;
                }
                long now = System.nanoTime();
                if (journal.pendingCount() == 0 || now - lastRescan > config.rescanInterval().toNanos()) {
                    journal.rescan();
                    lastRescan = now;
                }
                List<JournalEntry> batch = journal.pending(config.batchEvents());
                if (batch.isEmpty()) {
                    wake.tryAcquire(config.rescanInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                busy = true;
                try {
                    deliver(batch);
                } finally {
                    busy = false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (FailsafeException e) {
                if (e.getCause() instanceof InterruptedException || stopping) {
                    return;
                }
                LOG.error("lineage dispatcher error, continuing: {}", describe(e));
            } catch (RuntimeException | IOException e) {
                lastError.set(describe(e));
                LOG.error("lineage dispatcher error, continuing after {} ms: {}",
                        config.retryInitialDelay().toMillis(), describe(e));
                sleepQuietly(config.retryInitialDelay());
            }
        }
    }

    private void deliver(List<JournalEntry> batch) throws IOException {
        List<JournalEntry> entries = new ArrayList<>(batch.size());
        List<RunEvent> events = new ArrayList<>(batch.size());
        for (JournalEntry e : batch) {
            byte[] bytes;
            try {
                bytes = journal.read(e);
            } catch (NoSuchFileException gone) {
                journal.rescan(); // another process delivered or replayed it
                continue;
            }
            try {
                events.add(LineageJson.fromBytes(bytes));
                entries.add(e);
            } catch (IOException | RuntimeException bad) {
                failed.incrementAndGet();
                journal.park(e, "unreadable event file (not valid lineage JSON): " + bad.getMessage());
                LOG.error("lineage event {} is unreadable and was parked: {}", e.id(), bad.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        List<DeliveryOutcome> outcomes = Failsafe.with(retry).get(() -> checked(events, sink.deliver(events)));
        for (int i = 0; i < entries.size(); i++) {
            DeliveryOutcome o = outcomes.get(i);
            if (o.isAccepted()) {
                journal.acknowledge(entries.get(i));
                sent.incrementAndGet();
            } else {
                journal.park(entries.get(i), o.rejection());
                failed.incrementAndGet();
                LOG.error("lineage event {} ({}) was rejected by {} and parked; fix and run"
                        + " 'lark lineage replay --failed': {}", entries.get(i).id(), events.get(i), sink.name(),
                        o.rejection());
            }
        }
        lastError.set(null);
    }

    private static List<DeliveryOutcome> checked(List<RunEvent> events, List<DeliveryOutcome> outcomes) {
        if (outcomes == null || outcomes.size() != events.size()) {
            throw new IllegalStateException("sink returned " + (outcomes == null ? "null" : outcomes.size())
                    + " outcomes for " + events.size() + " events");
        }
        return outcomes;
    }

    private boolean acquireLock() throws IOException {
        if (lock != null) {
            return true;
        }
        if (lockChannel == null) {
            lockChannel = FileChannel.open(journal.directory().resolve("dispatch.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
        }
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            LOG.debug("another process delivers from {}; only journaling here", journal.directory());
        }
        return lock != null;
    }

    /** Stops the thread, waiting up to {@code timeout} for the current batch. Pending events stay journaled. */
    public void stop(Duration timeout) {
        stopping = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (lock != null) {
                lock.release();
            }
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // closing the lock file cannot lose events
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(Throwable t) {
        if (t == null) {
            return null;
        }
        String m = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        if (t.getCause() != null && t.getCause() != t) {
            m += " (cause: " + t.getCause().getClass().getSimpleName()
                    + (t.getCause().getMessage() == null ? "" : ": " + t.getCause().getMessage()) + ")";
        }
        return m.length() > 500 ? m.substring(0, 500) + "..." : m;
    }
}
