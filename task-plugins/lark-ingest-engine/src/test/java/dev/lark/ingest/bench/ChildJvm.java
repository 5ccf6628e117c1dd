package dev.lark.ingest.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark copy in its own JVM: wall time, output lines, peak resident set size (VmHWM, polled from /proc while
 * it runs) and peak heap in use (the largest "before" figure of the unified GC log the command is told to write).
 * Output lines are echoed with a tag; a secret that a tool prints (SeaTunnel 2.3.4 logs its job config, passwords
 * included) is masked in the echo and in the kept lines.
 */
final class ChildJvm {
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    final int exitCode;
    final double seconds;
    final List<String> output;
    final long peakRssMb;
    final long peakHeapMb;

    private ChildJvm(int exitCode, double seconds, List<String> output, long peakRssMb, long peakHeapMb) {
        this.exitCode = exitCode;
        this.seconds = seconds;
        this.output = output;
        this.peakRssMb = peakRssMb;
        this.peakHeapMb = peakHeapMb;
    }

    /** The GC log option to pass to the child's JVM so that {@link #peakHeapMb} can be read back. */
    static String gcLogOption(Path gcLog) {
        return "-Xlog:gc:file=" + gcLog;
    }

    static ChildJvm run(String tag, List<String> cmd, Map<String, String> env, Path gcLog, String secret)
            throws IOException, InterruptedException {
        Files.deleteIfExists(gcLog);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        AtomicLong hwmKb = new AtomicLong();
        Thread poller = new Thread(() -> {
            Path status = Paths.get("/proc", Long.toString(p.pid()), "status");
            while (p.isAlive()) {
                try {
                    for (String l : Files.readAllLines(status)) {
                        if (l.startsWith("VmHWM:")) {
                            long kb = Long.parseLong(l.replaceAll("\\D", ""));
                            hwmKb.accumulateAndGet(kb, Math::max);
                        }
                    }
                    Thread.sleep(200);
                } catch (IOException | RuntimeException e) {
                    return; // the process has just exited
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, tag + "-rss");
        poller.setDaemon(true);
        poller.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (secret != null && !secret.isEmpty()) {
                    line = line.replace(secret, "******");
                }
                System.out.println("[" + tag + "] " + line);
                out.add(line);
            }
        }
        int exit = p.waitFor();
        double secs = (System.nanoTime() - t0) / 1e9;
        poller.join(1000);
        return new ChildJvm(exit, secs, out, hwmKb.get() / 1024, peakHeap(gcLog));
    }

    /** Largest heap occupancy seen by a GC (the "before" of "before->after(committed)"), -1 if none ran. */
    static long peakHeap(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return -1;
        }
        long max = -1;
        for (String l : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(l);
            if (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
        }
        return max;
    }
}
