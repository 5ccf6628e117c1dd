package dev.lark.cli.demo;

import dev.lark.sandbox.Sandbox;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lark demo}: the sample pipeline on the running sandbox (see {@link DemoPipeline}), ending with a one-screen
 * summary. Run it inside the network namespace, after {@code lark sandbox up}; {@code packaging/bin/lark-demo} does
 * all of that.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the sample pipeline (MariaDB + Kafka -> DS workflow of Lark tasks -> ClickHouse, lineage"
                + " in Atlas) on the running sandbox and print what happened")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--orders", defaultValue = "200000", description = "orders generated into MariaDB (default ${DEFAULT-VALUE})")
    int orders;

    @Option(names = "--events", defaultValue = "3000", description = "access-log lines produced to Kafka (default ${DEFAULT-VALUE})")
    int events;

    @Option(names = "--schedule-time", defaultValue = "2026-11-21 00:00:00",
            description = "DS schedule time of the runs, yyyy-MM-dd HH:mm:ss (default ${DEFAULT-VALUE})")
    String scheduleTime;

    @Option(names = "--runs", defaultValue = "2", description = "runs of the same schedule time (default ${DEFAULT-VALUE}: the second shows idempotency)")
    int runs;

    @Option(names = "--timeout-minutes", defaultValue = "15", description = "per workflow run (default ${DEFAULT-VALUE})")
    int timeoutMinutes;

    @Option(names = "--lineage-wait-seconds", defaultValue = "90", description = "wait for lineage in Atlas (default ${DEFAULT-VALUE})")
    int lineageWaitSeconds;

    @Override
    public Integer call() {
        DemoSettings settings;
        try {
            settings = new DemoSettings(orders, events, LocalDateTime.parse(scheduleTime,
                    DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")), runs, Duration.ofMinutes(timeoutMinutes),
                    Duration.ofSeconds(lineageWaitSeconds));
            settings.data(); // validates the counts
        } catch (java.time.format.DateTimeParseException e) {
            System.err.println("lark demo: --schedule-time '" + scheduleTime + "' is not a time; use yyyy-MM-dd"
                    + " HH:mm:ss, e.g. 2026-11-21 00:00:00");
            return 2;
        } catch (IllegalArgumentException e) {
            System.err.println("lark demo: " + e.getMessage());
            return 2;
        }
        if (!insideLoopbackOnlyNamespace()) {
            System.err.println("lark demo: the sandbox servers listen inside the network namespace 'lark'; run"
                    + " packaging/bin/lark-netns packaging/bin/lark demo (or packaging/bin/lark-demo, which does"
                    + " all set-up)");
            return 2;
        }
        quietLibraryLogs();
        long t0 = System.nanoTime();
        DemoReport report;
        try {
            report = new DemoPipeline(Sandbox.fromEnvironment(), settings, line -> System.out.println("[demo] " + line))
                    .run();
        } catch (Exception e) {
            System.err.println("lark demo: " + e.getMessage());
            return 1;
        }
        System.out.print(report.render());
        System.out.printf(java.util.Locale.ROOT, "demo finished in %.0f s: %s%n", (System.nanoTime() - t0) / 1e9,
                report.ok() ? "OK" : "with failures (see above)");
        return report.ok() ? 0 : 1;
    }

    private static boolean insideLoopbackOnlyNamespace() {
        String[] ifaces = new java.io.File("/sys/class/net").list();
        return ifaces != null && ifaces.length == 1 && ifaces[0].equals("lo");
    }

    /** Kafka and ClickHouse clients log at DEBUG by default; the demo shows its own progress lines instead. */
    private static void quietLibraryLogs() {
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) root).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        // "Not updating high watermark ... no longer assigned" after the offset look-ups: expected, not a problem
        org.slf4j.Logger kafka = org.slf4j.LoggerFactory.getLogger("org.apache.kafka");
        if (kafka instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) kafka).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}
