package dev.lark.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * MariaDB -> ClickHouse, 8 columns, three copies side by side in one run on this machine, each in its own JVM with
 * the same 512 MB heap cap: Lark's engine (the {@code lark ingest} CLI, 2 channels), SeaTunnel 2.3.4 (Zeta engine in
 * local mode, Jdbc source with 2 partitions -> Clickhouse sink, parallelism 2; jars from Maven Central laid out by
 * src/bench/seatunnel/install.sh) and a plain single-threaded JDBC copy ({@link JdbcCopy}). Checks that the three
 * targets hold the same rows (count and sum of cityHash64 over all columns) and writes docs/benchmarks/ingest.md.
 * Runs only with {@code -Dlark.bench.rows=N}; {@code src/bench/run.sh} is the one command for all of it.
 */
@Sandboxed({"mariadb", "clickhouse"})
@EnabledIfSystemProperty(named = "lark.bench.rows", matches = "\\d+")
class IngestBenchmarkIT {
    private static final String DDL = " (id UInt64, user_id Int32, name String, amount Decimal(12,2), qty Int32,"
            + " created DateTime, status LowCardinality(String), score Float64) ENGINE = MergeTree ORDER BY id";
    private static final List<String> COPIES = List.of("lark_copy", "seatunnel_copy", "jdbc_copy");

    @Test
    void mariadbToClickHouse(SandboxEndpoints ep) throws Exception {
        long rows = Long.getLong("lark.bench.rows");
        Map<String, String> m = ep.of("mariadb");
        Map<String, String> ch = ep.of("clickhouse");
        Path root = Paths.get(System.getProperty("lark.root", "../..")).toAbsolutePath().normalize();
        Path work = Files.createDirectories(Paths.get("target", "bench").toAbsolutePath());
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        try (Connection src = DriverManager.getConnection(m.get("jdbcUrl"), m.get("user"), m.get("password"));
                Client chc = new Client.Builder().addEndpoint(ch.get("httpUrl")).setUsername("default")
                        .setPassword("").compressServerResponse(false).build()) {
            String loadBefore = Files.readString(Paths.get("/proc/loadavg")).trim();
            long t0 = System.nanoTime();
            boolean reuse = count(src, rows);
            if (!reuse) {
                buildSource(src, rows);
            }
            double buildSecs = (System.nanoTime() - t0) / 1e9;
            chc.execute("CREATE DATABASE IF NOT EXISTS bench ENGINE = Atomic").get().close();
            for (String t : COPIES) {
                chc.execute("DROP TABLE IF EXISTS bench." + t).get().close();
                chc.execute("CREATE TABLE bench." + t + DDL).get().close();
            }

            // 1. Lark: the CLI in its own JVM, heap capped at 512 MB
            Path job = secretFile(work.resolve("lark-job.json"), "{\"job\":{\"setting\":{\"speed\":{\"channel\":2}},"
                    + "\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{\"username\":\""
                    + m.get("user") + "\",\"password\":\"" + m.get("password") + "\",\"column\":[\"*\"],\"splitPk\":"
                    + "\"id\",\"connection\":[{\"table\":[\"bench_src\"],\"jdbcUrl\":[\"" + m.get("jdbcUrl")
                    + "\"]}]}},\"writer\":{\"name\":\"clickhousewriter\",\"parameter\":{\"username\":\"default\","
                    + "\"password\":\"\",\"column\":[\"*\"],\"connection\":[{\"jdbcUrl\":\"" + ch.get("jdbcUrl")
                    + "/bench\",\"table\":[\"lark_copy\"]}]}}}]}}");
            Path larkGc = work.resolve("lark-gc.log");
            ChildJvm lark = ChildJvm.run("lark", List.of(java, "-Xmx512m", ChildJvm.gcLogOption(larkGc), "-jar",
                    root.resolve("packaging/lark-cli/target/lark-cli.jar").toString(), "ingest", "--job",
                    job.toString(), "--work-dir", work.toString()), Map.of(), larkGc, m.get("password"));
            Files.delete(job);
            assertThat(lark.exitCode).as(String.join("\n", lark.output)).isZero();
            String larkSelfPeak = lark.output.stream().filter(s -> s.contains("peak heap")).findFirst().orElse("?")
                    .replaceAll(".*: ", "");

            // 2. SeaTunnel 2.3.4, local mode, same heap cap, 2 source partitions and parallelism 2 like Lark's channels
            Path conf = secretFile(work.resolve("seatunnel-job.conf"), seaTunnelJob(m, ch));
            Path stGc = work.resolve("seatunnel-gc.log");
            ChildJvm st = ChildJvm.run("seatunnel", List.of(
                    root.resolve("task-plugins/lark-ingest-engine/src/bench/seatunnel/seatunnel.sh").toString(),
                    conf.toString(), ChildJvm.gcLogOption(stGc)), Map.of("SEATUNNEL_HEAP", "512m", "MVN_FLAGS", "-o"),
                    stGc, m.get("password"));
            Files.delete(conf);
            assertThat(st.exitCode).as(String.join("\n", st.output)).isZero();
            assertThat(st.output).anyMatch(l -> l.matches("Total Write Count\\s*:\\s*" + rows));

            // 3. plain single-threaded JDBC copy
            Path jdbcGc = work.resolve("jdbc-gc.log");
            ChildJvm jdbc = ChildJvm.run("jdbc", List.of(java, "-Xmx512m", ChildJvm.gcLogOption(jdbcGc), "-cp",
                    System.getProperty("java.class.path"), JdbcCopy.class.getName()), Map.of(
                    "LARK_BENCH_SRC_URL", m.get("jdbcUrl"), "LARK_BENCH_SRC_USER", m.get("user"),
                    "LARK_BENCH_SRC_PASSWORD", m.get("password"), "LARK_BENCH_CH_URL", ch.get("jdbcUrl") + "/bench"),
                    jdbcGc, m.get("password"));
            assertThat(jdbc.exitCode).as(String.join("\n", jdbc.output)).isZero();
            assertThat(jdbc.output).contains("copied " + rows + " rows");

            // the same data in all three: row count and an order-independent hash over every column
            List<String> fp = new ArrayList<>();
            for (String t : COPIES) {
                assertThat(chc.queryAll("SELECT count() FROM bench." + t).get(0).getLong(1)).as(t).isEqualTo(rows);
                fp.add(chc.queryAll("SELECT concat(toString(count()), ' rows, sum(cityHash64(*)) = ',"
                        + " toString(sum(cityHash64(*)))) FROM bench." + t).get(0).getString(1));
            }
            assertThat(fp).as("count and sum(cityHash64(*)) of %s", COPIES).containsOnly(fp.get(0));
            String larkFp = fp.get(0);

            String loadAfter = Files.readString(Paths.get("/proc/loadavg")).trim();
            BenchReport.write(root.resolve("docs/benchmarks/ingest.md"), rows, buildSecs, reuse, lark, larkSelfPeak,
                    st, jdbc, larkFp, loadBefore, loadAfter);
            for (String t : COPIES) {
                chc.execute("DROP TABLE bench." + t).get().close();
            }
        }
    }

    /** Jdbc source (MariaDB through the MySQL driver: connector-jdbc 2.3.4 has no jdbc:mariadb: dialect). */
    private static String seaTunnelJob(Map<String, String> m, Map<String, String> ch) {
        return "env {\n  parallelism = 2\n  job.mode = \"BATCH\"\n}\n"
                + "source {\n  Jdbc {\n"
                + "    url = " + hocon(m.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:")) + "\n"
                + "    driver = \"com.mysql.cj.jdbc.Driver\"\n"
                + "    user = " + hocon(m.get("user")) + "\n    password = " + hocon(m.get("password")) + "\n"
                + "    query = \"SELECT id, user_id, name, amount, qty, created, status, score FROM bench_src\"\n"
                + "    partition_column = \"id\"\n    partition_num = 2\n  }\n}\n"
                + "sink {\n  Clickhouse {\n"
                + "    host = " + hocon(ch.get("host") + ":" + ch.get("httpPort")) + "\n"
                + "    database = \"bench\"\n    table = \"seatunnel_copy\"\n"
                + "    username = \"default\"\n    password = \"\"\n  }\n}\n";
    }

    private static String hocon(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A job file holding a password: readable by its owner only, deleted after the run. */
    private static Path secretFile(Path file, String content) throws Exception {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    private static void buildSource(Connection src, long rows) throws Exception {
        exec(src, "DROP TABLE IF EXISTS bench_src", "CREATE TABLE bench_src (id BIGINT PRIMARY KEY, user_id"
                + " INT NOT NULL, name VARCHAR(32) NOT NULL, amount DECIMAL(12,2) NOT NULL, qty INT NOT NULL,"
                + " created DATETIME NOT NULL, status VARCHAR(8) NOT NULL, score DOUBLE NOT NULL)");
        long step = 1_000_000;
        for (long from = 1; from <= rows; from += step) {
            long to = Math.min(rows, from + step - 1);
            exec(src, "INSERT INTO bench_src SELECT seq, seq % 100000, CONCAT('user-', seq % 100000),"
                    + " (seq % 100000) / 100, seq % 50, TIMESTAMP('2026-01-01') + INTERVAL (seq % 31536000)"
                    + " SECOND, ELT(1 + seq % 4, 'new', 'paid', 'shipped', 'done'), seq / 7 FROM seq_" + from
                    + "_to_" + to);
        }
    }

    private static boolean count(Connection c, long rows) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM bench_src")) {
            rs.next();
            return rs.getLong(1) == rows;
        } catch (Exception e) {
            return false;
        }
    }

    private static void exec(Connection c, String... sql) throws Exception {
        try (Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    /** Writes docs/benchmarks/ingest.md from one run. */
    static final class BenchReport {
        private BenchReport() {
        }

        static void write(Path doc, long rows, double build, boolean reused, ChildJvm lark, String larkSelfPeak,
                ChildJvm st, ChildJvm jdbc, String fingerprint, String loadBefore, String loadAfter)
                throws Exception {
            String larkProgress = lines(lark.output, "rows/s now", "splits");
            String stProgress = lines(st.output, "Read Count So Far", "Write Count So Far", "Average Read Count",
                    "Average Write Count", "Split table", "Total Time", "Total Read Count", "Total Write Count");
            String jdbcProgress = lines(jdbc.output, "jdbc:", "copied");
            String s = String.format(Locale.ROOT, "# Ingestion benchmark: MariaDB -> ClickHouse%n%n"
                    + "Measured by `IngestBenchmarkIT` (task-plugins/lark-ingest-engine) on %s, on this 2-core machine"
                    + " shared with other sandbox servers and builds (numbers vary run to run; see the load note"
                    + " below).%n%n"
                    + "* Source: MariaDB 10.11 table `bench_src`, %,d rows, 8 columns (BIGINT PK, INT, VARCHAR(32),"
                    + " DECIMAL(12,2), INT, DATETIME, VARCHAR(8), DOUBLE)%s.%n"
                    + "* Target: ClickHouse 26.7 MergeTree tables with the same 8 columns, ORDER BY id, one per copy.%n"
                    + "* Same run, one after the other, same source, each copy in its own JVM started by the test"
                    + " with `-Xmx512m`. Wall time is from process start to exit (JVM start included).%n"
                    + "* Peak heap = the largest heap occupancy any GC saw (unified GC log, `-Xlog:gc`); peak RSS ="
                    + " the process's VmHWM polled from /proc.%n%n"
                    + "| Copy | Channels | Wall time | Rows/s | Peak heap | Peak RSS |%n|---|---|---|---|---|---|%n"
                    + "| Lark `lark ingest` (mysqlreader splitPk=id -> clickhousewriter RowBinary via client-v2,"
                    + " staging table + ATTACH PARTITION) | 2 | %.1f s | **%,.0f** | %s (own report: %s) | %,d MB |%n"
                    + "| SeaTunnel 2.3.4, Zeta engine local mode (Jdbc source, `partition_column=id`,"
                    + " `partition_num=2` -> Clickhouse sink, default `bulk_size` 20,000), `parallelism=2` | 2 |"
                    + " %.1f s | %,.0f | %s | %,d MB |%n"
                    + "| Plain JDBC copy (MariaDB streaming ResultSet -> clickhouse-jdbc 0.11 PreparedStatement"
                    + " batches of 10,000), single thread | 1 | %.1f s | %,.0f | %s | %,d MB |%n%n"
                    + "All three targets hold identical data: `count()` and `sum(cityHash64(*))` equal in all three"
                    + " (`%s`). Lark's time includes splitting, staging and the atomic attach; SeaTunnel's includes"
                    + " starting its embedded Hazelcast member and job master.%n%n"
                    + "Against the issue's targets: Lark %,.0f rows/s with 2 channels (>= 300,000: %s), peak heap %s"
                    + " under `-Xmx512m` (< 512 MB: %s); %.1fx SeaTunnel 2.3.4 and %.1fx the plain JDBC copy.%n%n"
                    + "SeaTunnel notes (what it took to run it here):%n%n"
                    + "* Jars: `seatunnel-starter`, `seatunnel-transforms-v2`, `seatunnel-hadoop3-3.1.4-uber:optional`,"
                    + " `connector-jdbc`, `connector-clickhouse` 2.3.4 and `mysql-connector-j` 8.0.33 from Maven"
                    + " Central, laid out by `task-plugins/lark-ingest-engine/src/bench/seatunnel/install.sh` in"
                    + " `~/.cache/lark/seatunnel-2.3.4` (never in the repo).%n"
                    + "* MariaDB is read as `jdbc:mysql:` with the MySQL driver: connector-jdbc 2.3.4 chooses its"
                    + " dialect by URL prefix and has none for `jdbc:mariadb:`.%n"
                    + "* Its Clickhouse sink fails against ClickHouse 26.7 out of the box: `Magic is not correct -"
                    + " expect [-126] but got [-96]` while reading the table schema (clickhouse-http-client"
                    + " 0.3.2-patch11 asks for compressed responses and rejects ClickHouse 26.7's). The schema lookup"
                    + " ignores the sink's `clickhouse.config`, so the JVM-wide option default `-Dchc_compress=false`"
                    + " is what makes it work (set in `seatunnel.sh`).%n"
                    + "* SeaTunnel 2.3.4 prints the whole job config at start, the source password in plain text"
                    + " (masked in this test's echo).%n%n"
                    + "Machine load (/proc/loadavg) before: `%s`, after: `%s` (2 cores; other helpers' servers and"
                    + " builds were running).%n%n"
                    + "Progress lines from the run (Lark: steady state is the \"now\" rate):%n%n```%n%s```%n%n"
                    + "```%n%s```%n%n```%n%s```%n%n"
                    + "Reproduce (one command: resolves SeaTunnel's jars, builds the CLI, runs the test in the"
                    + " sandbox's network namespace):%n%n```%n"
                    + "task-plugins/lark-ingest-engine/src/bench/run.sh %d%n```%n",
                    Instant.now(), rows, reused ? " (reused from an earlier run)" : String.format(Locale.ROOT,
                            " (built in %.0f s with INSERT ... SELECT FROM seq_1_to_N)", build),
                    lark.seconds, rows / lark.seconds, mb(lark.peakHeapMb), larkSelfPeak, lark.peakRssMb,
                    st.seconds, rows / st.seconds, mb(st.peakHeapMb), st.peakRssMb,
                    jdbc.seconds, rows / jdbc.seconds, mb(jdbc.peakHeapMb), jdbc.peakRssMb,
                    fingerprint, rows / lark.seconds, rows / lark.seconds >= 300_000 ? "met" : "NOT met",
                    mb(lark.peakHeapMb), lark.peakHeapMb >= 0 && lark.peakHeapMb < 512 ? "met" : "NOT met",
                    st.seconds / lark.seconds, jdbc.seconds / lark.seconds,
                    loadBefore, loadAfter, larkProgress, stProgress, jdbcProgress, rows);
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, s);
        }

        private static String mb(long v) {
            return v < 0 ? "no GC ran" : String.format(Locale.ROOT, "%,d MB", v);
        }

        private static String lines(List<String> out, String... needles) {
            StringBuilder b = new StringBuilder();
            for (String l : out) {
                for (String n : needles) {
                    if (l.contains(n)) {
                        b.append(l.strip()).append('\n');
                        break;
                    }
                }
            }
            return b.toString();
        }
    }
}
