package dev.lark.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanDebugger;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.ConfigProblem;
import dev.lark.clean.InvalidConfigException;
import dev.lark.clean.job.CleanJob;
import dev.lark.clean.job.CleanJobSpec;
import dev.lark.clean.job.CleanJobs;
import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lark clean debug|validate|run}: the cleaning engine on samples, and the LARK_CLEAN job runner. */
@Command(name = "clean", mixinStandardHelpOptions = true, description = "Cleaning configs: debug on samples, validate, run (files, Kafka, JDBC -> files, Kafka, ClickHouse)",
        subcommands = {CleanCommand.Debug.class, CleanCommand.Validate.class, CleanCommand.Run.class})
public final class CleanCommand implements Runnable {
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void run() {
        picocli.CommandLine.usage(this, System.out);
    }

    static void printProblems(List<ConfigProblem> problems) {
        for (ConfigProblem p : problems) {
            System.err.println("  " + p.severity() + " " + p.code() + (p.stepLabel() == null ? "" : " [step " + p.stepLabel() + "]"));
            System.err.println("      " + p.message());
            System.err.println("      fix: " + p.fix());
        }
    }

    @Command(name = "debug", mixinStandardHelpOptions = true,
            description = "Run a config on sample lines and show, per sample, the value after every step, the output records and the error")
    static final class Debug implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "cleaning config (.json, .yaml)") Path config;
        @Option(names = "--input", required = true, description = "sample file, one input per line") Path input;
        @Option(names = "--hint", description = "suggest next steps from each step's output type") boolean hint;
        @Option(names = "--json", description = "print the JSON API result instead of text") boolean json;
        @Option(names = "--limit", defaultValue = "20", description = "at most this many samples (default ${DEFAULT-VALUE})") int limit;

        @Override
        public Integer call() throws IOException {
            List<String> samples = Files.readAllLines(input, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).limit(limit).toList();
            ObjectNode r = CleanDebugger.debug(CleanConfig.load(config), samples, hint);
            if (json) {
                System.out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r));
                return r.get("valid").asBoolean() ? 0 : 2;
            }
            r.get("problems").forEach(p -> System.out.println(p.get("severity").asText() + " " + p.get("code").asText()
                    + (p.get("step").isNull() ? "" : " [step " + p.get("step").asText() + "]") + ": " + p.get("message").asText()
                    + "\n    fix: " + p.get("fix").asText()));
            if (!r.get("valid").asBoolean()) {
                return 2;
            }
            int i = 0;
            for (var s : r.get("samples")) {
                System.out.println("=== sample " + (++i) + ": " + abbreviate(s.get("input").asText(), 160));
                for (var st : s.get("steps")) {
                    if (st.has("error")) {
                        System.out.println("  [" + st.get("label").asText() + "] ERROR " + st.get("error").asText());
                        continue;
                    }
                    System.out.println("  [" + st.get("label").asText() + "] " + st.get("op").asText() + " -> "
                            + st.get("output_type").asText() + ": " + abbreviate(st.get("output").toString(), 200));
                    if (st.has("hints")) {
                        st.get("hints").forEach(h -> System.out.println("      hint: " + h.asText()));
                    }
                }
                System.out.println("  outcome: " + s.get("outcome").asText()
                        + (s.has("filtered_by") ? " (by " + s.get("filtered_by").asText() + ")" : ""));
                s.get("records").forEach(rec -> System.out.println("  record: " + rec));
            }
            System.out.println("counters: " + r.get("counters"));
            return 0;
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true, description = "Check a config without data: operators, reachability, types, time field")
    static final class Validate implements Callable<Integer> {
        @Option(names = "--config", required = true) Path config;

        @Override
        public Integer call() {
            List<ConfigProblem> problems = CleanPlan.validate(CleanConfig.load(config));
            boolean errors = problems.stream().anyMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
            System.out.println(config + ": " + (errors ? "INVALID" : "valid") + " (" + problems.size() + " problem(s))");
            printProblems(problems);
            return errors ? 2 : 0;
        }
    }

    /**
     * The same job runner as the DS task LARK_CLEAN (module lark-clean-job): the same sources, sinks, dead letters,
     * publishing and error budget. Options are the taskParams fields in kebab case, so an error about a field
     * ('sourceTopic') names the option (--source-topic); the type options may be left out when the other options
     * say it (--input-path means a FILE source, --sink-topic a KAFKA sink, ...).
     */
    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Clean a file, a Kafka offset range or a JDBC query into a file, Kafka or ClickHouse, with failed",
                    "records in a dead-letter file or topic (the runner of the DS task LARK_CLEAN).",
                    "  lark clean run --config c.json --input in.log --output out.jsonl --dead-letter dead.jsonl",
                    "  lark clean run --config c.json --kafka-bootstrap-servers 127.0.0.1:9092 --source-topic raw \\",
                    "      --start-offsets committed --consumer-group g --clickhouse-url http://127.0.0.1:8123 \\",
                    "      --clickhouse-table db.t --dead-letter-topic raw-dead"})
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true, description = "cleaning config (.json, .yaml)") Path config;
        @Option(names = "--source-type", description = "FILE, KAFKA or JDBC (default: from the other source options)") String sourceType;
        @Option(names = {"--input-path", "--input"}, description = "FILE source: one record per line ('-' = stdin)") String inputPath;
        @Option(names = "--kafka-bootstrap-servers", description = "Kafka source, sink or dead letters") String kafkaBootstrapServers;
        @Option(names = "--source-topic", description = "KAFKA source topic") String sourceTopic;
        @Option(names = "--start-offsets", description = "earliest (default), committed or partition:offset,...") String startOffsets;
        @Option(names = "--consumer-group", description = "KAFKA source: the end offsets are committed after success") String consumerGroup;
        @Option(names = "--jdbc-url", description = "JDBC source database") String jdbcUrl;
        @Option(names = "--jdbc-user") String jdbcUser;
        @Option(names = "--jdbc-password", defaultValue = "${env:LARK_JDBC_PASSWORD}",
                description = "default: $LARK_JDBC_PASSWORD (prefer it: arguments are visible to other users)") String jdbcPassword;
        @Option(names = "--jdbc-query", description = "JDBC source query") String jdbcQuery;
        @Option(names = "--jdbc-column", description = "the column holding the raw text (else each row becomes a JSON object)") String jdbcColumn;
        @Option(names = "--sink-type", description = "FILE, KAFKA or CLICKHOUSE (default: from the other sink options)") String sinkType;
        @Option(names = {"--output-path", "--output"}, description = "FILE sink (JSON lines, renamed into place on success)") String outputPath;
        @Option(names = "--sink-topic", description = "KAFKA sink topic") String sinkTopic;
        @Option(names = "--clickhouse-url", description = "CLICKHOUSE sink: http://host:8123 or jdbc:clickhouse://host:8123/db") String clickhouseUrl;
        @Option(names = "--clickhouse-user", defaultValue = "default") String clickhouseUser;
        @Option(names = "--clickhouse-password", defaultValue = "${env:LARK_CLICKHOUSE_PASSWORD}",
                description = "default: $LARK_CLICKHOUSE_PASSWORD") String clickhousePassword;
        @Option(names = "--clickhouse-table", description = "CLICKHOUSE sink: database.table") String clickhouseTable;
        @Option(names = "--create-table", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "create the ClickHouse table from the output schema (default), else only verify it") boolean createTable;
        @Option(names = "--write-mode", description = "CLICKHOUSE sink: APPEND (default) or REPLACE_PARTITIONS (a re-run of the same day replaces it)")
        String writeMode;
        @Option(names = "--dead-letter-type", description = "FILE, KAFKA or NONE (default: from the other dead-letter options, else NONE)") String deadLetterType;
        @Option(names = {"--dead-letter-path", "--dead-letter"}, description = "dead-letter file (JSON lines: step, kind, field, message, raw)") String deadLetterPath;
        @Option(names = "--dead-letter-topic", description = "dead-letter topic") String deadLetterTopic;
        @Option(names = "--batch-size", defaultValue = "10000", description = "records per batch (default ${DEFAULT-VALUE})") int batchSize;

        @Override
        public Integer call() throws Exception {
            IngestCommand.quietDrivers();
            CleanPlan plan;
            try {
                plan = CleanPlan.compile(CleanConfig.load(config));
            } catch (InvalidConfigException e) {
                System.err.println("invalid config " + config + ":");
                printProblems(e.problems());
                return 2;
            }
            plan.warnings().forEach(w -> System.err.println("config warning: " + w));
            Cancellation cancellation = new Cancellation();
            RunContext ctx = RunContext.of(System.err::println, cancellation, Duration.ofSeconds(5));
            RunSummary summary = new RunSummary("lark clean run: " + plan.name());
            CountDownLatch finished = new CountDownLatch(1);
            List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();
            // Ctrl-C: stop at the next batch (unblocking a running JDBC query) and let the run drop what it staged
            // before the JVM exits
            Thread onInterrupt = new Thread(() -> {
                cancellation.cancel("interrupted");
                cancelHooks.forEach(Runnable::run);
                try {
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "lark-clean-interrupt");
            Runtime.getRuntime().addShutdownHook(onInterrupt);
            long start = System.nanoTime();
            CleanJob.Result r;
            try {
                r = CleanJobs.run(plan, spec(), ctx, summary, cancelHooks::add);
            } catch (ConfigException e) {
                System.err.println("error: " + e.getMessage().replace("'" + e.field() + "'", "'" + e.field() + "' (" + option(e.field()) + ")"));
                return 2;
            } catch (Cancellation.CancelledException e) {
                System.err.println(e.getMessage() + "; nothing was published");
                return 130;
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(onInterrupt);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            summary.line("throughput", String.format(Locale.ROOT, "%,.0f inputs/s (%.1f s)", r.counters().inputs() / Math.max(secs, 1e-9), secs));
            r.counters().steps().forEach((label, v) -> {
                if (v[2] > 0) {
                    summary.line("step " + label, "in " + v[0] + ", out " + v[1] + ", errors " + v[2]);
                }
            });
            summary.line("result", r.withinBudget() ? "SUCCESS" : "FAILED (" + plan.errorBudget() + " exceeded)");
            System.out.println(summary.render());
            return r.withinBudget() ? 0 : 1;
        }

        /** The job spec from the options; types left out are inferred from the options given. */
        CleanJobSpec spec() {
            String src = sourceType != null ? sourceType : inputPath != null ? "FILE" : sourceTopic != null ? "KAFKA" : jdbcQuery != null ? "JDBC" : null;
            String sink = sinkType != null ? sinkType : outputPath != null ? "FILE" : sinkTopic != null ? "KAFKA" : clickhouseTable != null ? "CLICKHOUSE" : null;
            String dead = deadLetterType != null ? deadLetterType : deadLetterPath != null ? "FILE" : deadLetterTopic != null ? "KAFKA" : "NONE";
            return CleanJobSpec.builder()
                    .sourceType(src).inputPath(inputPath).kafkaBootstrapServers(kafkaBootstrapServers).sourceTopic(sourceTopic)
                    .startOffsets(startOffsets).consumerGroup(consumerGroup)
                    .jdbc(jdbcUrl == null ? null : JdbcEndpoint.builder(jdbcUrl).user(jdbcUser).password(jdbcPassword).build())
                    .jdbcQuery(jdbcQuery).jdbcColumn(jdbcColumn)
                    .sinkType(sink).outputPath(outputPath).sinkTopic(sinkTopic)
                    .clickhouseUrl(clickhouseUrl).clickhouseUser(clickhouseUser).clickhousePassword(clickhousePassword)
                    .clickhouseTable(clickhouseTable).createTable(createTable).writeMode(writeMode)
                    .deadLetterType(dead).deadLetterPath(deadLetterPath).deadLetterTopic(deadLetterTopic)
                    .batchSize(batchSize).build();
        }

        /** The option for a spec field: sourceTopic -> --source-topic. */
        static String option(String field) {
            return "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
