package dev.lark.cli;

import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.LineageMetrics;
import dev.lark.lineage.journal.FsyncPolicy;
import dev.lark.lineage.journal.Journal;
import dev.lark.lineage.journal.JournalEntry;
import dev.lark.lineage.journal.ParkedEntry;
import dev.lark.lineage.model.LineageJson;
import dev.lark.lineage.model.RunEvent;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lark lineage status|replay [--failed]}: inspect the lineage journal on a DS worker and deliver what is
 * pending or parked. Reads the same {@code lark-lineage.properties} + {@code LARK_LINEAGE_*} environment as the
 * worker; never prints secrets.
 */
@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = "Lineage journal: status, replay of pending and parked (rejected) events",
        subcommands = {LineageCommand.Status.class, LineageCommand.Replay.class})
public final class LineageCommand implements Runnable {

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    /** Options shared by the sub-commands. */
    static class Common {
        @Option(names = "--config", description = "lark-lineage.properties (default: $LARK_LINEAGE_CONFIG, else"
                + " ./lark-lineage.properties if present)")
        Path config;

        @Option(names = "--journal-dir", description = "journal directory (overrides lark.lineage.journal.dir)")
        Path journalDir;

        LineageConfig load() throws IOException {
            Path file = config;
            if (file == null && System.getenv("LARK_LINEAGE_CONFIG") != null) {
                file = Path.of(System.getenv("LARK_LINEAGE_CONFIG"));
            }
            if (file == null && Files.isRegularFile(Path.of("lark-lineage.properties"))) {
                file = Path.of("lark-lineage.properties");
            }
            if (file != null && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--config " + file + " does not exist");
            }
            java.util.Properties p = new java.util.Properties();
            if (file != null) {
                try (var in = Files.newInputStream(file)) {
                    p.load(in);
                }
            }
            if (journalDir != null) {
                p.setProperty(LineageConfig.JOURNAL_DIR, journalDir.toString());
            }
            return LineageConfig.fromProperties(p, System.getenv());
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Pending and parked events, lag, and whether a dispatcher is delivering")
    static final class Status extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LineageConfig c = load();
            Journal j = Journal.open(c.journalDir(), c.fsync());
            JournalEntry oldest = j.oldestPending();
            System.out.println("journal:  " + c.journalDir() + " (fsync=" + c.fsync().name().toLowerCase() + ")");
            System.out.println("sink:     " + c.sink() + " " + sinkTarget(c.properties()));
            System.out.println("pending:  " + j.pendingCount() + (oldest == null ? "" : ", oldest "
                    + Duration.between(oldest.journaledAt(), Instant.now()).toSeconds() + " s ago"));
            System.out.println("parked:   " + j.parkedCount() + (j.parkedCount() > 0
                    ? " (see them with: lark lineage replay --failed --dry-run)" : ""));
            System.out.println("delivery: " + (dispatcherRunning(c.journalDir())
                    ? "a dispatcher (DS worker or another lark) holds the journal lock"
                    : "no dispatcher running; 'lark lineage replay' delivers pending events"));
            return 0;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Deliver pending events now; with --failed, first re-queue parked events (after a fix)")
    static final class Replay extends Common implements Callable<Integer> {
        @Option(names = "--failed", description = "show the parked (rejected) events with the sink's answer and"
                + " re-queue them")
        boolean failed;

        @Option(names = "--dry-run", description = "with --failed: only show them")
        boolean dryRun;

        @Option(names = "--id", split = ",", description = "with --failed: only these event ids")
        List<String> ids;

        @Option(names = "--timeout", defaultValue = "PT5M", description = "how long to wait for delivery (ISO-8601,"
                + " default ${DEFAULT-VALUE})")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            LineageConfig c = load();
            Journal j = Journal.open(c.journalDir(), FsyncPolicy.ALWAYS);
            if (failed) {
                List<ParkedEntry> parked = j.parked();
                if (ids != null && !ids.isEmpty()) {
                    parked = parked.stream().filter(p -> ids.contains(p.entry().id())).collect(Collectors.toList());
                }
                System.out.println(parked.size() + " parked event(s) in " + c.journalDir());
                for (ParkedEntry p : parked) {
                    System.out.println("- " + p.entry().id() + "  parked " + p.parkedAt() + "  " + describe(j, p));
                    System.out.println("    answer: " + oneLine(p.reason()));
                }
                if (dryRun) {
                    return 0;
                }
                int n = j.replayParked(parked);
                System.out.println("re-queued " + n + " event(s)");
            } else if (dryRun || ids != null) {
                System.err.println("--dry-run and --id only apply with --failed");
                return 2;
            }
            if (j.pendingCount() == 0) {
                System.out.println("nothing pending");
                return 0;
            }
            if (dispatcherRunning(c.journalDir())) {
                System.out.println(j.pendingCount() + " pending; a running dispatcher (DS worker) owns the journal"
                        + " and will deliver them. Watch with: lark lineage status");
                return 0;
            }
            System.out.println("delivering " + j.pendingCount() + " pending event(s) to " + c.sink() + " "
                    + sinkTarget(c.properties()) + " ...");
            try (LineageHook hook = LineageHooks.open(c)) {
                long deadline = System.nanoTime() + timeout.toNanos();
                LineageMetrics m = hook.metrics();
                while (System.nanoTime() < deadline && !hook.awaitIdle(Duration.ofSeconds(5))) {
                    m = hook.metrics();
                    System.out.println("  " + m);
                }
                m = hook.metrics();
                System.out.println(m);
                if (m.queueDepth() > 0) {
                    System.out.println(m.queueDepth() + " event(s) still pending after " + timeout
                            + " (sink unreachable?); they stay journaled. Last error: " + m.lastError());
                    return 1;
                }
                return m.failed() > 0 ? 1 : 0;
            }
        }
    }

    static String describe(Journal j, ParkedEntry p) {
        try {
            RunEvent e = LineageJson.fromBytes(j.readParked(p.entry()));
            return e.getEventType() + " task " + e.getJob().getTaskCode() + " '" + e.getJob().getTaskName()
                    + "' instance " + e.getRun().getTaskInstanceId() + " -> "
                    + e.getOutputs().stream().map(d -> d.qualifiedName()).collect(Collectors.toList());
        } catch (IOException | RuntimeException ex) {
            return "(unreadable event: " + ex.getMessage() + ")";
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s+", " ").trim();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }

    private static String sinkTarget(Map<String, String> p) {
        String url = p.get("lark.lineage.atlas.url");
        return url == null ? "" : "(" + url + ")";
    }

    /** True when another process holds the dispatcher's lock on the journal. */
    static boolean dispatcherRunning(Path journalDir) throws IOException {
        Path lockFile = journalDir.resolve("dispatch.lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        }
    }
}
