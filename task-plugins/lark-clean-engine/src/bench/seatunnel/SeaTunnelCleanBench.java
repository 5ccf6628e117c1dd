import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.seatunnel.core.starter.seatunnel.SeaTunnelClient;

/**
 * The SeaTunnel 2.3.4 side of the side-by-side run (not part of the Maven build: compiled and run against the jars
 * lark-ingest-engine/src/bench/seatunnel/install.sh lays out, by run.sh next to this file). Zeta engine in local
 * mode inside this JVM, parallelism 1, LocalFile source in `text` format (one string column per line), the same
 * cleaning written with SeaTunnel's own transforms (JsonPath, Split, Sql functions), Assert sink that only counts
 * and fails the job unless exactly n rows arrive; for comparison also SeaTunnel's own json/text source formats doing
 * the parsing (flat_json_format, delimiter_format). Each job runs twice in this JVM; the second run is reported, as
 * records per CPU-second of the whole JVM (like the Flink side). Args: dataDir records workDir [names].
 * With -Dbench.print=true the rows go to SeaTunnel's Console sink instead (to check the cleaning on a few lines).
 */
public class SeaTunnelCleanBench {
    private static final Pattern WRITE_COUNT = Pattern.compile("Total Write Count\\s*:\\s*(\\d+)");
    private static final PrintStream OUT = System.out;
    private static volatile long lastWriteCount = -1;

    public static void main(String[] args) throws Exception {
        // SeaTunnel reports its row counts only in its log: watch stdout (set before log4j creates its appender)
        System.setOut(new PrintStream(new LineWatcher(OUT), true, StandardCharsets.UTF_8));
        Path data = Paths.get(args[0]);
        long n = Long.parseLong(args[1]);
        Path work = Files.createDirectories(Paths.get(args[2]));
        java.util.List<String> only = args.length > 3 && !args[3].isEmpty()
                ? java.util.Arrays.asList(args[3].split(",")) : java.util.List.of();
        String[][] jobs = {
            {"flat_json", flat(data.resolve("flat.txt"), n)},
            {"delimiter", delimited(data.resolve("delimited.txt"), n)},
            {"nginx_regexp", nginx(data.resolve("nginx.txt"), n)},
            // not transforms: SeaTunnel's own file formats doing the parsing in the source, its fastest path
            {"flat_json_format", flatJsonFormat(data.resolve("flat.txt"), n)},
            {"delimiter_format", delimitedTextFormat(data.resolve("delimited.txt"), n)},
        };
        for (String[] job : jobs) {
            if (only.isEmpty() || only.contains(job[0])) { // names exactly as in RESULT lines
                Path conf = work.resolve(job[0] + ".conf");
                Files.writeString(conf, job[1]);
                run(job[0], conf, n);
            }
        }
    }

    static void run(String name, Path conf, long n) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double secs = 0;
        double cpu = 0;
        for (int pass = 0; pass < 2; pass++) {
            lastWriteCount = -1;
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            SeaTunnelClient.main(new String[] {"--config", conf.toString(), "-m", "local"});
            secs = (System.nanoTime() - t0) / 1e9;
            cpu = (os.getProcessCpuTime() - c0) / 1e9;
            if (lastWriteCount != n) {
                throw new IllegalStateException(name + ": SeaTunnel wrote " + lastWriteCount + " rows, expected " + n);
            }
        }
        // wall includes starting the embedded Hazelcast member and the job master, as Flink's includes its MiniCluster
        OUT.printf("RESULT seatunnel %s %d wall %.2f s %.0f rec/s  cpu %.2f s %.0f rec/cpu-s%n", name, n, secs, n / secs,
                cpu, n / cpu);
    }

    /** One string column `line` per input line (the text format's default field delimiter \001 never occurs). */
    static String source(Path file) {
        return "env {\n  parallelism = 1\n  job.mode = \"BATCH\"\n}\n"
                + "source {\n  LocalFile {\n    path = \"" + file + "\"\n    file_format_type = \"text\"\n"
                + "    schema = { fields { line = \"string\" } }\n    result_table_name = \"raw\"\n  }\n}\n";
    }

    /** Assert sink: counts, and fails the job unless exactly n rows arrive (-Dbench.print=true: print the rows). */
    static String sink(String table, long n) {
        if (Boolean.getBoolean("bench.print")) {
            return "sink {\n  Console {\n    source_table_name = \"" + table + "\"\n  }\n}\n";
        }
        return "sink {\n  Assert {\n    source_table_name = \"" + table + "\"\n    rules {\n      row_rules = [\n"
                + "        { rule_type = MAX_ROW, rule_value = " + n + " },\n"
                + "        { rule_type = MIN_ROW, rule_value = " + n + " }\n      ]\n    }\n  }\n}\n";
    }

    /**
     * JsonPath (one JSONPath evaluation per field, typed by dest_type) + Sql for the timestamp: JsonPath's timestamp
     * type accepts only ISO-8601 ("T"), the records have "yyyy-MM-dd HH:mm:ss".
     */
    static String flat(Path file, long n) {
        String[][] cols = {{"ts", "ts_text", "string"}, {"user_id", "user_id", "bigint"}, {"session", "session", "string"},
            {"page", "page", "string"}, {"duration_ms", "duration_ms", "int"}, {"score", "score", "double"},
            {"country", "country", "string"}, {"is_new", "is_new", "boolean"}, {"amount", "amount", "decimal(20,2)"},
            {"device", "device", "string"}};
        StringBuilder c = new StringBuilder();
        for (String[] col : cols) {
            c.append("      { src_field = \"line\", path = \"$.").append(col[0]).append("\", dest_field = \"")
                    .append(col[1]).append("\", dest_type = \"").append(col[2]).append("\" }\n");
        }
        return source(file) + "transform {\n  JsonPath {\n    source_table_name = \"raw\"\n    result_table_name = \"parsed\"\n"
                + "    columns = [\n" + c + "    ]\n  }\n"
                + "  Sql {\n    source_table_name = \"parsed\"\n    result_table_name = \"clean\"\n"
                + "    query = \"\"\"SELECT PARSEDATETIME(ts_text, 'yyyy-MM-dd HH:mm:ss') AS ts, user_id, session, page,"
                + " duration_ms, score, country, is_new, amount, device FROM parsed\"\"\"\n  }\n}\n" + sink("clean", n);
    }

    /**
     * Split on '|' (its separator is a regex) + Sql casts. CAST has no BOOLEAN in 2.3.4 and `f7 = 'true'` in a select
     * list is evaluated as arithmetic (ClassCastException), so the boolean comes from REGEXP_LIKE.
     */
    static String delimited(Path file, long n) {
        return source(file) + "transform {\n  Split {\n    source_table_name = \"raw\"\n    result_table_name = \"parts\"\n"
                + "    separator = \"\\\\|\"\n    split_field = \"line\"\n"
                + "    output_fields = [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9]\n  }\n"
                + "  Sql {\n    source_table_name = \"parts\"\n    result_table_name = \"clean\"\n"
                + "    query = \"\"\"SELECT PARSEDATETIME(f0, 'yyyy-MM-dd HH:mm:ss') AS ts, CAST(f1 AS BIGINT) AS user_id,"
                + " f2 AS session, f3 AS page, CAST(f4 AS INT) AS duration_ms, CAST(f5 AS DOUBLE) AS score, f6 AS country,"
                + " REGEXP_LIKE(f7, '^true$') AS is_new, CAST(f8 AS DECIMAL(20, 2)) AS amount, f9 AS device FROM parts\"\"\"\n  }\n}\n"
                + sink("clean", n);
    }

    /** The same regex as the Flink side, one REGEXP_SUBSTR per field (no grok, no multi-group extract in 2.3.4). */
    static String nginx(Path file, long n) {
        String re = "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+)[^\"]*\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"";
        String g = "REGEXP_SUBSTR(line, '" + re + "', 1, 1, NULL, ";
        return source(file) + "transform {\n  Sql {\n    source_table_name = \"raw\"\n    result_table_name = \"clean\"\n"
                + "    query = \"\"\"SELECT PARSEDATETIME(" + g + "2), 'dd/MMM/yyyy:HH:mm:ss Z') AS ts, " + g + "1) AS ip, "
                + g + "3) AS verb, " + g + "4) AS path, CAST(" + g + "5) AS INT) AS status, CAST(" + g + "6) AS BIGINT)"
                + " AS bytes, " + g + "7) AS referrer, " + g + "8) AS agent FROM raw\"\"\"\n  }\n}\n" + sink("clean", n);
    }

    static final String TEN_FIELDS = "ts = \"timestamp\", user_id = \"bigint\", session = \"string\", page = \"string\","
            + " duration_ms = \"int\", score = \"double\", country = \"string\", is_new = \"boolean\","
            + " amount = \"decimal(20, 2)\", device = \"string\"";

    /**
     * The LocalFile source's `json` format with a typed schema (Jackson, one parse per line) + Sql for the time: the
     * json format's timestamp type also takes ISO-8601 only, so ts is read as a string.
     */
    static String flatJsonFormat(Path file, long n) {
        return "env {\n  parallelism = 1\n  job.mode = \"BATCH\"\n}\n"
                + "source {\n  LocalFile {\n    path = \"" + file + "\"\n    file_format_type = \"json\"\n"
                + "    schema = { fields { " + TEN_FIELDS.replace("ts = \"timestamp\"", "ts = \"string\"") + " } }\n"
                + "    result_table_name = \"parsed\"\n  }\n}\n"
                + "transform {\n  Sql {\n    source_table_name = \"parsed\"\n    result_table_name = \"clean\"\n"
                + "    query = \"\"\"SELECT PARSEDATETIME(ts, 'yyyy-MM-dd HH:mm:ss') AS ts, user_id, session, page,"
                + " duration_ms, score, country, is_new, amount, device FROM parsed\"\"\"\n  }\n}\n" + sink("clean", n);
    }

    /** The LocalFile source's `text` format split on '|' (a regex there too) into a typed schema (its default datetime_format). */
    static String delimitedTextFormat(Path file, long n) {
        return "env {\n  parallelism = 1\n  job.mode = \"BATCH\"\n}\n"
                + "source {\n  LocalFile {\n    path = \"" + file + "\"\n    file_format_type = \"text\"\n"
                + "    field_delimiter = \"\\\\|\"\n    schema = { fields { " + TEN_FIELDS + " } }\n"
                + "    result_table_name = \"clean\"\n  }\n}\n" + sink("clean", n);
    }

    /** Passes everything through and remembers the last "Total Write Count" SeaTunnel logs. */
    static final class LineWatcher extends OutputStream {
        private final OutputStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineWatcher(OutputStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
            if (b == '\n') {
                Matcher m = WRITE_COUNT.matcher(line.toString(StandardCharsets.UTF_8));
                if (m.find()) {
                    lastWriteCount = Long.parseLong(m.group(1));
                }
                line.reset();
            } else {
                line.write(b);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
