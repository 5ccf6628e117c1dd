package dev.lark.clean.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link CleanBenchmark} and writes the measured numbers to docs/benchmarks/clean.md (path = first argument). */
public final class CleanBenchmarkMain {
    static final String SIDE_BY_SIDE = "<!-- side-by-side (kept when the JMH part is regenerated) -->";

    private CleanBenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Paths.get(args.length > 0 ? args[0] : "docs/benchmarks/clean.md");
        Options opt = new OptionsBuilder().include(CleanBenchmark.class.getName()).threads(1).build();
        Collection<RunResult> results = new Runner(opt).run();
        Map<String, double[]> r = new HashMap<>();
        for (RunResult rr : results) {
            String name = rr.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            r.put(name, new double[] {rr.getPrimaryResult().getScore(), rr.getPrimaryResult().getScoreError()});
        }
        write(out, r);
    }

    static void write(Path out, Map<String, double[]> r) throws IOException {
        double flat = r.get("flatJson10Fields")[0];
        double rawFlat = r.get("rawJacksonFlat")[0];
        double nested = r.get("nestedJsonIterate")[0];
        double rawNested = r.get("rawJacksonNested")[0];
        double grok = r.get("nginxGrok")[0];
        StringBuilder b = new StringBuilder();
        b.append("# Cleaning engine benchmarks (lark-clean-engine)\n\n");
        b.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE)).append(" with JMH ")
                .append("(1 fork, 3 x 1 s warm-up, 4 x 1 s measurement, 1 thread = 1 core, `-Xmx512m`), Java ")
                .append(System.getProperty("java.version")).append(", on the project's build box: **2 shared cores, busy with other ")
                .append("builds while measuring**, so numbers are conservative and vary by +-20% between runs. ")
                .append("Every benchmark input cleans successfully (checked in setup); each invocation processes 1000 inputs.\n\n");
        b.append("| Benchmark | inputs/s per core | +- | output records/s per core |\n|---|---:|---:|---:|\n");
        row(b, "flat JSON -> 10 typed fields (json + assign: timestamp, long, int, double, decimal, boolean, strings)", r.get("flatJson10Fields"), 1);
        row(b, "nested JSON, iterate over 5 items (json + access + iterate + 2 assigns)", r.get("nestedJsonIterate"), 5);
        row(b, "delimiter (pipe-separated) -> 10 typed fields", r.get("delimiter10Fields"), 1);
        row(b, "nginx access log via grok `%{COMBINEDAPACHELOG}` -> 8 typed fields", r.get("nginxGrok"), 1);
        row(b, "baseline: raw Jackson streaming parse of the flat JSON strings", r.get("rawJacksonFlat"), 1);
        row(b, "baseline: raw Jackson streaming parse of the nested JSON strings", r.get("rawJacksonNested"), 1);
        b.append("\n## Against the targets\n\n");
        b.append(String.format("- flat JSON cleaning runs at **%.0f%%** of raw Jackson streaming-parse speed on the same strings (target >= 50%%): %s\n",
                100 * flat / rawFlat, flat / rawFlat >= 0.5 ? "met" : "NOT met"));
        b.append(String.format("- nested JSON with iterate runs at **%.0f%%** of raw Jackson (inputs/s; each input yields 5 records)\n", 100 * nested / rawNested));
        b.append(String.format("- grok nginx: **%,.0f records/s/core** (target >= 150,000): %s\n", grok, grok >= 150_000 ? "met" : "NOT met"));
        b.append("\nThe raw Jackson baseline tokenizes each string and reads every value once (`getText`/`getLongValue`/`getDoubleValue`), ")
                .append("building nothing. The cleaning numbers include building the value tree, type conversion, time parsing, ")
                .append("the output record and the per-step counters.\n");
        b.append("\n## Reproduce\n\n```\nmvn -B -pl task-plugins/lark-clean-engine -am install -DskipUTs=true\n")
                .append("mvn -B -pl task-plugins/lark-clean-engine -Pbench test-compile exec:exec   # rewrites the JMH part of this file\n```\n\n")
                .append("The configs are in `task-plugins/lark-clean-engine/src/test/java/dev/lark/clean/bench/BenchConfigs.java`.\n\n");
        // the side-by-side section is measured by src/bench/flink/run.sh and kept as written
        if (Files.exists(out)) {
            String old = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
            int at = old.indexOf(SIDE_BY_SIDE);
            if (at >= 0) {
                b.append(old.substring(at));
            }
        }
        Files.createDirectories(out.getParent());
        Files.write(out, b.toString().getBytes(StandardCharsets.UTF_8));
        System.out.println(b);
    }

    private static void row(StringBuilder b, String name, double[] v, int fanOut) {
        b.append(String.format("| %s | %,.0f | %,.0f | %,.0f |%n", name, v[0], v[1], v[0] * fanOut));
    }
}
