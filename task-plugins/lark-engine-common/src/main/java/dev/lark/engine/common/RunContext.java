package dev.lark.engine.common;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine needs from whoever runs it (a DS task, the CLI, a test): a place for user-visible log lines, a
 * cancellation flag, and a thread factory. In DolphinScheduler the factory names threads like the task thread so
 * their log lines land in the task log; the log sink already redacts secrets.
 */
public interface RunContext {

    /** A user-visible line (progress, warnings, decisions). Implementations redact secrets. */
    void log(String line);

    Cancellation cancellation();

    ThreadFactory threadFactory();

    /** How often long-running work reports progress. */
    default Duration progressInterval() {
        return Duration.ofSeconds(5);
    }

    /** A progress reporter writing to {@link #log(String)}. */
    default Progress progress(String name, long totalRows) {
        return Progress.builder(name).totalRows(totalRows).interval(progressInterval()).sink(this::log).build();
    }

    /** A context logging through slf4j, for the CLI and tests. */
    static RunContext slf4j(String loggerName) {
        return new Simple(LoggerFactory.getLogger(loggerName)::info, new Cancellation(), Duration.ofSeconds(5));
    }

    /** A context logging to the given sink. */
    static RunContext of(Consumer<String> sink, Cancellation cancellation, Duration progressInterval) {
        return new Simple(sink, cancellation, progressInterval);
    }

    /** The plain implementation. */
    final class Simple implements RunContext {
        private static final Logger LOG = LoggerFactory.getLogger(RunContext.class);
        private final Consumer<String> sink;
        private final Cancellation cancellation;
        private final Duration interval;
        private final AtomicInteger threads = new AtomicInteger();

        Simple(Consumer<String> sink, Cancellation cancellation, Duration interval) {
            this.sink = Objects.requireNonNull(sink);
            this.cancellation = Objects.requireNonNull(cancellation);
            this.interval = Objects.requireNonNull(interval);
        }

        @Override
        public void log(String line) {
            try {
                sink.accept(Secrets.redact(line));
            } catch (RuntimeException e) {
                LOG.warn("log sink failed", e);
            }
        }

        @Override
        public Cancellation cancellation() {
            return cancellation;
        }

        @Override
        public ThreadFactory threadFactory() {
            return r -> {
                Thread t = new Thread(r, "lark-worker-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }

        @Override
        public Duration progressInterval() {
            return interval;
        }
    }
}
