package dev.lark.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanCounters;
import dev.lark.clean.CleanDebugger;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.CleanSession;
import dev.lark.clean.ConfigProblem;
import dev.lark.clean.InvalidConfigException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lark clean debug|validate|run}: the cleaning engine on files. */
@Command(name = "clean", mixinStandardHelpOptions = true, description = "Cleaning configs: debug on samples, validate, run on files",
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

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Clean a file of lines into JSON lines; failed inputs go to the dead-letter file with the reason")
    static final class Run implements Callable<Integer> {
        @Option(names = "--config", required = true) Path config;
        @Option(names = "--input", required = true, description = "input file, one record per line ('-' = stdin)") String input;
        @Option(names = "--output", required = true, description = "output file (JSON lines)") Path output;
        @Option(names = "--dead-letter", required = true, description = "dead-letter file (JSON lines: step, kind, field, message, raw)") Path deadLetter;

        @Override
        public Integer call() throws IOException {
            CleanPlan plan;
            try {
                plan = CleanPlan.compile(CleanConfig.load(config));
            } catch (InvalidConfigException e) {
                System.err.println("invalid config " + config + ":");
                printProblems(e.problems());
                return 2;
            }
            long start = System.nanoTime();
            long[] lastReport = {start};
            CleanCounters counters;
            try (BufferedReader in = "-".equals(input) ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                    : Files.newBufferedReader(Path.of(input), StandardCharsets.UTF_8);
                 Writer outW = new BufferedWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8), 1 << 16);
                 Writer deadW = Files.newBufferedWriter(deadLetter, StandardCharsets.UTF_8);
                 JsonGenerator outG = JSON.getFactory().createGenerator(outW);
                 JsonGenerator deadG = JSON.getFactory().createGenerator(deadW)) {
                outG.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                deadG.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
                CleanSession session = plan.newSession(r -> {
                    try {
                        r.writeJson(outG);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, d -> {
                    try {
                        JSON.writeTree(deadG, d.toJson());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                String line;
                long n = 0;
                while ((line = in.readLine()) != null) {
                    session.process(line);
                    if ((++n & 0xFFFF) == 0 && System.nanoTime() - lastReport[0] > 5_000_000_000L) {
                        lastReport[0] = System.nanoTime();
                        System.err.printf("  %,d inputs, %,.0f rec/s%n", n, n / ((lastReport[0] - start) / 1e9));
                    }
                }
                counters = session.counters();
                if (counters.outputRecords() > 0) {
                    outG.writeRaw('\n');
                }
                if (counters.failed() > 0) {
                    deadG.writeRaw('\n');
                }
            }
            double secs = (System.nanoTime() - start) / 1e9;
            boolean ok = plan.errorBudget().allows(counters.failed(), counters.inputs());
            System.out.printf("clean %s: %s%n  inputs %,d  succeeded %,d  filtered %,d  failed %,d  output records %,d  (%.1f s, %,.0f inputs/s)%n",
                    plan.name(), ok ? "SUCCESS" : "FAILED (" + plan.errorBudget() + " exceeded)", counters.inputs(), counters.succeeded(),
                    counters.filtered(), counters.failed(), counters.outputRecords(), secs, counters.inputs() / Math.max(secs, 1e-9));
            if (!counters.errors().isEmpty()) {
                System.out.println("  errors by kind: " + counters.errors());
            }
            counters.steps().forEach((label, v) -> {
                if (v[2] > 0) {
                    System.out.println("  step " + label + ": in " + v[0] + ", out " + v[1] + ", errors " + v[2]);
                }
            });
            System.out.println("  output: " + output + "   dead letters: " + deadLetter);
            return ok ? 0 : 1;
        }
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
