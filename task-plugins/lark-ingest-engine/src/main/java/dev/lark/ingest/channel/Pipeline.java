package dev.lark.ingest.channel;

import dev.lark.engine.common.Cancellation;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.reader.Reader;
import dev.lark.ingest.reader.RowSink;
import dev.lark.ingest.reader.Split;
import dev.lark.ingest.transform.TransformException;
import dev.lark.ingest.transform.Transformers;
import dev.lark.ingest.writer.Writer;
import dev.lark.ingest.writer.WriterChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@code channels} parallel channels. Each channel is a reader thread and a writer thread joined by a bounded
 * queue of row batches (memory is bounded by channels x queue depth x batch size, whatever the table size); reader
 * threads take splits from a shared queue, so faster channels take more. The first failure anywhere stops all
 * threads and is rethrown on the calling thread, which meanwhile reports progress.
 */
public final class Pipeline {
    private static final List<Object[]> END = new ArrayList<>(0);
    private static final int QUEUE_DEPTH = 4;

    private final IngestContext ctx;
    private final Reader reader;
    private final Writer writer;
    private final RateLimiter limiter;
    private final int batchSize;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final AtomicLong rowsFiltered = new AtomicLong();
    private final Transformers transformers;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Cancellation stop = new Cancellation();

    public Pipeline(IngestContext ctx, Reader reader, Writer writer) {
        this(ctx, reader, writer, Transformers.none());
    }

    /** With DataX {@code transformer} steps applied to every record the reader hands over. */
    public Pipeline(IngestContext ctx, Reader reader, Writer writer, Transformers transformers) {
        this.ctx = ctx;
        this.reader = reader;
        this.writer = writer;
        this.transformers = transformers;
        this.limiter = new RateLimiter(ctx.spec().recordLimit(), ctx.spec().byteLimit());
        this.batchSize = ctx.spec().batchSize();
    }

    public long rowsRead() {
        return rowsRead.get();
    }

    public long rowsWritten() {
        return rowsWritten.get();
    }

    /** Records a {@code dx_filter} step dropped (read, not written, not dirty). */
    public long rowsFiltered() {
        return rowsFiltered.get();
    }

    public void run(List<Split> splits, int channels) throws Exception {
        ConcurrentLinkedQueue<Split> todo = new ConcurrentLinkedQueue<>(splits);
        int n = Math.max(1, Math.min(channels, Math.max(1, splits.size())));
        List<Thread> threads = new ArrayList<>();
        List<WriterChannel> opened = new ArrayList<>();
        try {
            for (int c = 0; c < n; c++) {
                BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUE_DEPTH);
                WriterChannel wc = writer.open(c);
                opened.add(wc);
                threads.add(ctx.run().threadFactory().newThread(guard(() -> readLoop(todo, queue))));
                threads.add(ctx.run().threadFactory().newThread(guard(() -> writeLoop(wc, queue))));
            }
            for (Thread t : threads) {
                t.start();
            }
            waitFor(threads);
        } finally {
            for (WriterChannel wc : opened) {
                try {
                    wc.close();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }
        }
        Throwable f = failure.get();
        if (f != null) {
            if (f instanceof Exception) {
                throw (Exception) f;
            }
            throw new IllegalStateException(f);
        }
        ctx.cancellation().throwIfCancelled();
    }

    private void waitFor(List<Thread> threads) throws InterruptedException {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join(250);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                ctx.progress().maybeReport();
                if ((interrupted || ctx.cancellation().isCancelled()) && !stop.isCancelled()) {
                    stop.cancel("cancelled");
                    failure.compareAndSet(null, new Cancellation.CancelledException("job cancelled"));
                    threads.forEach(Thread::interrupt);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private Runnable guard(Body body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable t) {
                if (failure.compareAndSet(null, t)) {
                    stop.cancel("another channel failed");
                }
            }
        };
    }

    private void readLoop(ConcurrentLinkedQueue<Split> todo, BlockingQueue<List<Object[]>> queue) throws Exception {
        try {
            Split split;
            while ((split = todo.poll()) != null) {
                checkStop();
                BatchingSink sink = new BatchingSink(queue);
                reader.read(split, sink);
                sink.flush();
            }
        } finally {
            offer(queue, END, true);
        }
    }

    private void writeLoop(WriterChannel wc, BlockingQueue<List<Object[]>> queue) throws Exception {
        List<String> cols = writer.columns();
        long[] dirtyInBatch = new long[1];
        WriterChannel.DirtySink dirtySink = (row, reason) -> {
            dirtyInBatch[0]++;
            ctx.dirty().record("write", cols, row, null, reason);
        };
        while (true) {
            List<Object[]> batch = queue.poll(200, TimeUnit.MILLISECONDS);
            if (batch == null) {
                checkStop();
                continue;
            }
            if (batch == END) {
                break;
            }
            dirtyInBatch[0] = 0;
            wc.write(batch, dirtySink);
            // rows of this batch the writer rejected went to the dirty sink; everything else was written
            rowsWritten.addAndGet(Math.max(0, batch.size() - dirtyInBatch[0]));
        }
        checkStop();
        wc.finish();
    }

    private void checkStop() {
        if (stop.isCancelled() || ctx.cancellation().isCancelled()) {
            throw new Cancellation.CancelledException(stop.reason() != null ? stop.reason() : "cancelled");
        }
    }

    private void offer(BlockingQueue<List<Object[]>> queue, List<Object[]> batch, boolean force)
            throws InterruptedException {
        while (!queue.offer(batch, 200, TimeUnit.MILLISECONDS)) {
            if (!force) {
                checkStop();
            } else if (stop.isCancelled()) {
                queue.clear();
            }
        }
    }

    /** Collects rows into batches, throttles and hands them to the channel's queue. */
    private final class BatchingSink implements RowSink {
        private final BlockingQueue<List<Object[]>> queue;
        private List<Object[]> batch;
        private long batchBytes;

        BatchingSink(BlockingQueue<List<Object[]>> queue) {
            this.queue = queue;
            this.batch = new ArrayList<>(batchSize);
        }

        @Override
        public void put(Object[] row) throws InterruptedException {
            if (!transformers.isEmpty()) {
                Object[] original = row.clone();
                try {
                    row = transformers.apply(row);
                } catch (TransformException | IllegalArgumentException e) {
                    rowsRead.incrementAndGet();
                    ctx.progress().addRows(1);
                    ctx.dirty().record("transform", reader.columns(), original, null, e.getMessage());
                    return;
                }
                if (row == null) {
                    rowsRead.incrementAndGet();
                    rowsFiltered.incrementAndGet();
                    ctx.progress().addRows(1);
                    return;
                }
            }
            batch.add(row);
            if (limiter.active()) {
                batchBytes += estimate(row);
            }
            if (batch.size() >= batchSize) {
                flush();
            }
        }

        @Override
        public void dirty(String raw, String reason) {
            rowsRead.incrementAndGet();
            ctx.progress().addRows(1);
            ctx.dirty().record("read", null, null, raw, reason);
        }

        void flush() throws InterruptedException {
            if (batch.isEmpty()) {
                return;
            }
            checkStop();
            limiter.acquire(batch.size(), batchBytes, stop);
            rowsRead.addAndGet(batch.size());
            ctx.progress().addRows(batch.size());
            offer(queue, batch, false);
            batch = new ArrayList<>(batchSize);
            batchBytes = 0;
        }
    }

    static long estimate(Object[] row) {
        long b = 0;
        for (Object v : row) {
            if (v == null) {
                b += 1;
            } else if (v instanceof String) {
                b += ((String) v).length();
            } else if (v instanceof byte[]) {
                b += ((byte[]) v).length;
            } else {
                b += 8;
            }
        }
        return b;
    }
}
