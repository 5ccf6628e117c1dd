package dev.lark.sandbox;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Two JVMs started as one component (Flink JobManager + TaskManager, Spark Master + Worker): the first serves the
 * status endpoint, the second registers with it. Start-up either ends ready or stops both; a failure blames the one
 * process whose log explains it.
 */
public final class DaemonPair {
    private final String component;
    private final String firstRole;
    private final ManagedProcess first;
    private final String secondRole;
    private final ManagedProcess second;

    /** What starts the two processes and waits for them. */
    @FunctionalInterface
    public interface Startup {
        void run() throws IOException, InterruptedException;
    }

    public DaemonPair(String component, String firstRole, ManagedProcess first, String secondRole,
            ManagedProcess second) {
        this.component = component;
        this.firstRole = firstRole;
        this.first = first;
        this.secondRole = secondRole;
        this.second = second;
    }

    /** Runs {@code startup}; when it fails, stops the second process, then the first, and rethrows. */
    public void start(Duration stopGrace, Startup startup) throws IOException, InterruptedException {
        try {
            startup.run();
        } catch (RuntimeException | IOException | InterruptedException e) {
            second.stop(stopGrace);
            first.stop(stopGrace);
            throw e;
        }
    }

    /**
     * Polls {@code status} (empty while the first process does not answer) until {@code ready} holds. A process
     * that dies, or a timeout, gives one line naming the process, the root cause from its log, and the log; on
     * timeout the first process is blamed when it does not answer, the second otherwise.
     *
     * @param answered describes a status that answers but is not ready
     * @param silent describes the first process not answering
     */
    public <S> void awaitReady(Duration timeout, Supplier<Optional<S>> status, Predicate<S> ready,
            Function<S, String> answered, String silent) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            failIfExited(firstRole, first);
            failIfExited(secondRole, second);
            Optional<S> s = status.get();
            if (s.isPresent() && ready.test(s.get())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                ManagedProcess blamed = s.isPresent() ? second : first;
                throw new SandboxException(component, "not ready after " + timeout.toSeconds() + " s ("
                        + s.map(answered).orElse(silent) + "); last error: " + StartupLog.cause(blamed.logFile()),
                        blamed.logFile());
            }
            Thread.sleep(500);
        }
    }

    private void failIfExited(String role, ManagedProcess p) {
        if (!p.isRunning()) {
            throw new SandboxException(component, role + " exited during start-up: " + StartupLog.cause(p.logFile()),
                    p.logFile());
        }
    }
}
