package dev.lark.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server process started detached from the caller and tracked through a pid file, so that a later process can
 * find and stop it. Output goes to one log file; stdin is closed.
 */
public final class ManagedProcess {
    private final String component;
    private final Path pidFile;
    private final Path logFile;

    public ManagedProcess(String component, Path pidFile, Path logFile) {
        this.component = component;
        this.pidFile = pidFile;
        this.logFile = logFile;
    }

    /** One pid file per process name in the component's run directory. */
    public static ManagedProcess of(SandboxContext ctx, String component, String processName) {
        Path dir = ctx.runDir(component);
        return new ManagedProcess(component, dir.resolve(processName + ".pid"), dir.resolve(processName + ".log"));
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Starts {@code command} in its own session ({@code setsid}), so a Ctrl-C on the launching terminal does not
     * reach it, appending output to the log file.
     */
    public long start(List<String> command, Path workDir, Map<String, String> env) throws IOException {
        if (isRunning()) {
            throw new SandboxException(component, "already running with pid " + pid().orElse(-1L), logFile);
        }
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Files.writeString(logFile, "=== " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = pb.start();
        Files.writeString(pidFile, Long.toString(p.pid()), StandardCharsets.UTF_8);
        return p.pid();
    }

    public Optional<Long> pid() {
        try {
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public Optional<ProcessHandle> handle() {
        return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    public boolean isRunning() {
        return handle().isPresent();
    }

    /** Resident memory of the process and its children in MiB, from /proc; -1 when not running. */
    public long rssMib() {
        Optional<ProcessHandle> h = handle();
        if (h.isEmpty()) {
            return -1;
        }
        long kb = rssKb(h.get().pid());
        for (ProcessHandle d : (Iterable<ProcessHandle>) h.get().descendants()::iterator) {
            kb += rssKb(d.pid());
        }
        return kb / 1024;
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // process gone
        }
        return 0;
    }

    /** SIGTERM to the process and its descendants, SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        Optional<ProcessHandle> h = handle();
        if (h.isPresent()) {
            List<ProcessHandle> all = new ArrayList<>();
            h.get().descendants().forEach(all::add);
            all.add(0, h.get());
            all.forEach(ProcessHandle::destroy);
            long deadline = System.nanoTime() + grace.toNanos();
            for (ProcessHandle p : all) {
                long left = deadline - System.nanoTime();
                try {
                    p.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** The last {@code n} lines of the log, for error messages. */
    public String tail(int n) {
        return Health.tail(logFile, n);
    }
}
