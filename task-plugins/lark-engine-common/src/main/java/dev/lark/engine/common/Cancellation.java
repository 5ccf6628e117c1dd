package dev.lark.engine.common;

/**
 * A cooperative cancellation flag shared between whoever runs an engine (a DS task's {@code cancel()}, the CLI's
 * shutdown hook) and the engine's loops, which call {@link #throwIfCancelled()} between batches.
 */
public final class Cancellation {
    private volatile boolean cancelled;
    private volatile String reason;

    public void cancel(String why) {
        this.reason = why;
        this.cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    public String reason() {
        return reason;
    }

    /** Throws {@link CancelledException} when cancelled or when the current thread was interrupted. */
    public void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancelledException(reason == null ? "interrupted" : reason);
        }
    }

    /** Thrown out of an engine that stopped because it was cancelled. */
    public static final class CancelledException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public CancelledException(String message) {
            super("cancelled: " + message);
        }
    }
}
