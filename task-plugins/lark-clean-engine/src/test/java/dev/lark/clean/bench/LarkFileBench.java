package dev.lark.clean.bench;

import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.CleanSession;
import dev.lark.clean.DeadLetterSink;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The Lark side of the side-by-side run: one thread reads a file line by line and cleans every line (the same
 * shape as the Flink SQL job: file in, typed rows out to nothing). Prints "name records seconds records/s";
 * the second of two passes is reported (the first warms the JIT). Args: dataDir.
 */
public final class LarkFileBench {
    private LarkFileBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        run("flat_json", BenchConfigs.FLAT, dir.resolve("flat.txt"));
        run("delimiter", BenchConfigs.DELIMITER, dir.resolve("delimited.txt"));
        run("nginx_grok", BenchConfigs.GROK, dir.resolve("nginx.txt"));
        run("nested_iterate", BenchConfigs.NESTED, dir.resolve("nested.txt"));
        rawJackson("raw_jackson_flat", dir.resolve("flat.txt"));
        rawJackson("raw_jackson_nested", dir.resolve("nested.txt"));
    }

    /** The baseline on the same file: tokenize every line and read every value once, build nothing. */
    static void rawJackson(String name, Path file) throws Exception {
        com.fasterxml.jackson.core.JsonFactory f = new com.fasterxml.jackson.core.JsonFactory();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long n = 0;
        long sink = 0;
        double secs = 0;
        double cpu = 0;
        for (int pass = 0; pass < 2; pass++) {
            n = 0;
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    n++;
                    try (com.fasterxml.jackson.core.JsonParser p = f.createParser(line)) {
                        com.fasterxml.jackson.core.JsonToken t;
                        while ((t = p.nextToken()) != null) {
                            switch (t) {
                                case VALUE_STRING: sink += p.getText().length(); break;
                                case VALUE_NUMBER_INT: sink += p.getLongValue(); break;
                                case VALUE_NUMBER_FLOAT: sink += (long) p.getDoubleValue(); break;
                                case FIELD_NAME: sink += p.currentName().length(); break;
                                default: sink++;
                            }
                        }
                    }
                }
            }
            secs = (System.nanoTime() - t0) / 1e9;
            cpu = (os.getProcessCpuTime() - c0) / 1e9;
        }
        System.out.printf("RESULT raw %s %d wall %.2f s %.0f rec/s  cpu %.2f s %.0f rec/cpu-s (%d)%n", name, n, secs, n / secs, cpu, n / cpu, sink & 1);
    }

    static void run(String name, String config, Path file) throws Exception {
        CleanPlan plan = CleanPlan.compile(CleanConfig.parse(config));
        long[] out = new long[1];
        long n = 0;
        double secs = 0;
        double cpu = 0;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int pass = 0; pass < 2; pass++) {
            CleanSession s = plan.newSession(r -> out[0]++, DeadLetterSink.DISCARD);
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    s.process(line);
                }
            }
            secs = (System.nanoTime() - t0) / 1e9;
            cpu = (os.getProcessCpuTime() - c0) / 1e9;
            n = s.counters().inputs();
            if (s.counters().failed() > 0) {
                throw new IllegalStateException(name + ": " + s.counters());
            }
        }
        // records/s of wall time, and records per CPU-second of the whole JVM (robust on a loaded box)
        System.out.printf("RESULT lark %s %d wall %.2f s %.0f rec/s  cpu %.2f s %.0f rec/cpu-s%n", name, n, secs, n / secs, cpu, n / cpu);
    }
}
