package dev.lark.sandbox;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Small health-check helpers shared by the components. */
public final class Health {
    private Health() {
    }

    public static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** HTTP GET answered with a status below 500 (401 counts as alive). */
    public static boolean httpAlive(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            int code = c.getResponseCode();
            c.disconnect();
            return code > 0 && code < 500;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Waits until {@code check} holds. Fails with a one-line {@link SandboxException} naming the component and the
     * log when the process dies first or the timeout passes.
     */
    public static void await(String component, ManagedProcess process, Duration timeout, BooleanSupplier check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.getAsBoolean()) {
                return;
            }
            if (process != null && !process.isRunning()) {
                throw new SandboxException(component, "process exited during start-up; last log line: "
                        + lastLine(process.logFile()), process.logFile());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException(component, "interrupted while waiting for start-up", null);
            }
        }
        throw new SandboxException(component, "not healthy after " + timeout.toSeconds() + " s",
                process == null ? null : process.logFile());
    }

    static String lastLine(Path log) {
        String t = tail(log, 1).trim();
        return t.isEmpty() ? "(empty log)" : t;
    }

    public static String tail(Path log, int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
