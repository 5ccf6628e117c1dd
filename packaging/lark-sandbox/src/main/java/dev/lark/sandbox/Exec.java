package dev.lark.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one set-up command (an argument list, never a shell string) to completion, appending its output to a log.
 * A failure becomes a one-line {@link SandboxException} naming the component, the command, its last output line
 * and the log. Input given on stdin (SQL with passwords) is never written to the log.
 */
public final class Exec {
    private Exec() {
    }

    /**
     * A start-up refusal: the cause is also appended to the component's log, so the log named in the message
     * exists and tells the same story.
     */
    public static SandboxException refuse(String component, String cause, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "=== " + Instant.now() + " start refused: " + cause + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the exception below still carries the cause
        }
        return new SandboxException(component, cause, log);
    }

    public static void run(String component, List<String> command, Path workDir, Map<String, String> env, String stdin,
            Path log, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "=== " + Instant.now() + " " + String.join(" ", command) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new SandboxException(component, "cannot run " + command.get(0) + ": " + e.getMessage(), log, e);
        }
        if (stdin != null) {
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new SandboxException(component, Path.of(command.get(0)).getFileName() + " did not finish within "
                    + timeout.toSeconds() + " s", log);
        }
        if (p.exitValue() != 0) {
            throw new SandboxException(component, Path.of(command.get(0)).getFileName() + " failed with exit code "
                    + p.exitValue() + ": " + Health.tail(log, 1).trim(), log);
        }
    }
}
