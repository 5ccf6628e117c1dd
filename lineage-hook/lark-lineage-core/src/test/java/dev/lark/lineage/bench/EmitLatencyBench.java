package dev.lark.lineage.bench;

import dev.lark.lineage.DeliveryOutcome;
import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.LineageSink;
import dev.lark.lineage.SampleEvents;
import dev.lark.lineage.journal.FsyncPolicy;
import dev.lark.lineage.model.LineageJson;
import dev.lark.lineage.model.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latency {@code emit()} adds to a task: p50/p99/max over many emits of a realistic event (2 datasets, schema,
 * column lineage, 2 quality checks), with the dispatcher draining concurrently into an accepting sink (as when Atlas
 * is up) and with the sink down (events pile up in the journal). Not a test: run by hand, see
 * docs/benchmarks/lineage.md.
 *
 * <pre>java -cp ... dev.lark.lineage.bench.EmitLatencyBench [journalParentDir] [emits]</pre>
 */
public final class EmitLatencyBench {
    public static void main(String[] args) throws Exception {
        Path parent = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        RunEvent sample = SampleEvents.ingest(1);
        System.out.printf("event JSON size: %d bytes; emits per case: %d; journal on %s (%s)%n",
                LineageJson.toBytes(sample).length, n, parent, Files.getFileStore(parent).type());
        for (FsyncPolicy fsync : FsyncPolicy.values()) {
            for (boolean sinkUp : new boolean[] {true, false}) {
                run(parent, fsync, sinkUp, n);
            }
        }
    }

    private static void run(Path parent, FsyncPolicy fsync, boolean sinkUp, int n) throws Exception {
        Path dir = Files.createTempDirectory(parent, "lark-emit-bench");
        LineageSink sink = new LineageSink() {
            @Override
            public List<DeliveryOutcome> deliver(List<RunEvent> events) throws Exception {
                if (!sinkUp) {
                    throw new java.net.ConnectException("down");
                }
                List<DeliveryOutcome> out = new ArrayList<>();
                events.forEach(e -> out.add(DeliveryOutcome.accepted()));
                return out;
            }

            @Override
            public String name() {
                return sinkUp ? "accepting" : "down";
            }
        };
        LineageConfig config = LineageConfig.builder().journalDir(dir).fsync(fsync)
                .retryInitialDelay(Duration.ofMillis(200)).retryMaxDelay(Duration.ofSeconds(1)).build();
        long[] nanos = new long[n];
        try (LineageHook hook = LineageHooks.open(config, sink)) {
            for (int i = 0; i < Math.min(1000, n); i++) { // warm-up (JIT, page cache)
                hook.emit(SampleEvents.ingest(i + 1));
            }
            hook.awaitIdle(Duration.ofSeconds(sinkUp ? 30 : 0));
            for (int i = 0; i < n; i++) {
                RunEvent e = SampleEvents.ingest(100_000 + i);
                long t0 = System.nanoTime();
                hook.emit(e);
                nanos[i] = System.nanoTime() - t0;
            }
            hook.awaitIdle(Duration.ofSeconds(sinkUp ? 60 : 0));
            System.out.printf("fsync=%-6s sink=%-9s p50=%.3f ms  p90=%.3f ms  p99=%.3f ms  max=%.3f ms  %s%n",
                    fsync.name().toLowerCase(), sink.name(), pct(nanos, 50), pct(nanos, 90), pct(nanos, 99),
                    pct(nanos, 100), hook.metrics());
        }
        try (var s = Files.walk(dir)) {
            s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        }
    }

    private static double pct(long[] nanos, double p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = (int) Math.min(s.length - 1, Math.ceil(p / 100.0 * s.length) - 1);
        return s[Math.max(0, i)] / 1e6;
    }
}
