package dev.lark.cli;

import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import dev.lark.engine.common.Secrets;
import dev.lark.ingest.IngestJob;
import dev.lark.ingest.IngestResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lark ingest --job job.json}: runs a DataX job in Lark's in-process ingestion engine. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run a DataX job JSON with Lark's ingestion engine (no DataX install needed)")
public final class IngestCommand implements Callable<Integer> {

    @Option(names = "--job", required = true, description = "DataX job JSON file")
    Path job;

    @Option(names = "--job-key", description = "Identity of the job for incremental state (default: job.setting"
            + ".jobKey, else source->target)")
    String jobKey;

    @Option(names = "--run-key", description = "Identity of this run; rerunning the same key redoes the same"
            + " incremental range instead of duplicating it")
    String runKey;

    @Option(names = "--start-watermark", description = "Watermark to start after when the target has no state yet")
    String startWatermark;

    @Option(names = "--work-dir", defaultValue = ".", description = "Directory for the default dead-letter file")
    Path workDir;

    @Option(names = "-p", description = "Substitute ${name} in the job JSON, e.g. -p bizdate=20261122")
    Map<String, String> params;

    @Option(names = "--validate", description = "Only parse and validate the job")
    boolean validateOnly;

    /** Sum of the heap pools' peak usage: an upper bound of the heap this run needed. */
    static long peakHeapMb() {
        long peak = 0;
        for (java.lang.management.MemoryPoolMXBean p : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == java.lang.management.MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        return peak / (1 << 20);
    }

    /**
     * Without a logback.xml logback logs DEBUG, including the HTTP client's wire dump of every RowBinary block:
     * keep the drivers quiet (and the data out of the console).
     */
    static void quietDrivers() {
        org.slf4j.ILoggerFactory f = org.slf4j.LoggerFactory.getILoggerFactory();
        if (f instanceof ch.qos.logback.classic.LoggerContext) {
            ch.qos.logback.classic.LoggerContext lc = (ch.qos.logback.classic.LoggerContext) f;
            if (lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel() == ch.qos.logback.classic.Level.DEBUG) {
                lc.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.INFO);
            }
            for (String n : new String[] {"org.apache.hc", "com.clickhouse", "org.apache.kafka", "org.mariadb"}) {
                lc.getLogger(n).setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        quietDrivers();
        String text = Files.readString(job, StandardCharsets.UTF_8);
        if (params != null) {
            for (Map.Entry<String, String> e : params.entrySet()) {
                text = text.replace("${" + e.getKey() + "}", e.getValue());
            }
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern("HH:mm:ss");
        Cancellation cancellation = new Cancellation();
        RunContext ctx = RunContext.of(l -> System.out.println(LocalTime.now().format(f) + " " + l), cancellation,
                Duration.ofSeconds(5));
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            cancellation.cancel("interrupted (Ctrl-C)");
            try {
                main.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            IngestJob j = IngestJob.parse(text).jobKey(jobKey).runKey(runKey).startWatermark(startWatermark)
                    .workDir(workDir);
            if (validateOnly) {
                System.out.println("job is valid: " + j.spec().content().size() + " content entr"
                        + (j.spec().content().size() == 1 ? "y" : "ies") + ", " + j.spec().channel() + " channel(s)");
                return 0;
            }
            IngestResult r = j.run(ctx);
            RunSummary s = new RunSummary("lark ingest summary")
                    .line("job", job)
                    .output("rowsRead", r.rowsRead())
                    .output("rowsWritten", r.rowsWritten())
                    .output("rowsDirty", r.rowsDirty())
                    .output("watermark", r.watermark() == null ? "" : r.watermark())
                    .line("dead-letter", r.rowsDirty() > 0 ? r.deadLetter() : "(none)")
                    .line("duration", String.format("%.1f s", r.seconds()))
                    .line("throughput", String.format("%,.0f rows/s", r.rowsPerSecond()))
                    .line("peak heap", peakHeapMb() + " MB (max " + Runtime.getRuntime().maxMemory() / (1 << 20)
                            + " MB)")
                    .line("status", "SUCCESS");
            System.out.println(s.render());
            return 0;
        } catch (ConfigException e) {
            System.err.println("lark ingest: invalid job: " + e.getMessage());
            return 2;
        } catch (Cancellation.CancelledException e) {
            System.err.println("lark ingest: cancelled; the target is unchanged");
            return 130;
        } catch (Exception e) {
            System.err.println("lark ingest: FAILED: " + Secrets.redact(String.valueOf(e.getMessage())));
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }
}
