package dev.lark.it.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.data.ClickHouseFormat;
import dev.lark.clickhouse.load.load.BatchPolicy;
import dev.lark.clickhouse.load.load.ClickHouseLoader;
import dev.lark.clickhouse.load.load.DedupToken;
import dev.lark.clickhouse.load.load.LoadMode;
import dev.lark.clickhouse.load.load.LoadRequest;
import dev.lark.clickhouse.load.load.LoadResult;
import dev.lark.clickhouse.load.schema.TableSpec;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.FileSource;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One-off benchmark for docs/benchmarks/clickhouse-load.md, not part of the normal IT run: enable with
 * {@code -Dlark.bench=true} (rows: {@code -Dlark.bench.rows}, default 2,000,000; rounds: {@code -Dlark.bench.repeat},
 * best time per path). It prints a table; no timed
 * assertions, only that every path loaded every row.
 */
@Sandboxed({"clickhouse"})
class ClickHouseLoadBenchmarkIT {
    @Test
    void benchmark(SandboxEndpoints e) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("lark.bench"), "benchmark runs only with -Dlark.bench=true");
        // the test classpath's logback defaults to DEBUG, and Apache HttpClient's DEBUG "wire" logger prints every
        // byte sent: that alone made HTTP loads 2-5x slower in the first runs. Production (DS) logs at INFO.
        org.slf4j.Logger root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger) {
            ((ch.qos.logback.classic.Logger) root).setLevel(ch.qos.logback.classic.Level.INFO);
        }
        long rows = Long.getLong("lark.bench.rows", 2_000_000L);
        boolean jdbc = !Boolean.getBoolean("lark.bench.skipJdbc");
        Path dir = Files.createTempDirectory("lark-ch-bench");
        try (ClickHouseTestDb db = new ClickHouseTestDb(e, "lark_chload_bench")) {
            String gen = "SELECT number AS order_id, toDate('2026-01-01') + number % 365 AS dt,"
                    + " concat('customer-', toString(number % 10007)) AS customer,"
                    + " toDecimal64((number % 100000) / 100, 2) AS amount, toUInt32(number % 17) AS qty,"
                    + " toDateTime('2026-01-01 00:00:00') + number AS ts FROM numbers(" + rows + ")";
            Path csv = dir.resolve("orders.csv");
            Path parquet = dir.resolve("orders.parquet");
            db.export(gen, ClickHouseFormat.CSVWithNames, csv);
            db.export(gen, ClickHouseFormat.Parquet, parquet);
            System.out.printf(Locale.ROOT, "files: %,d rows; CSV %,d bytes; Parquet %,d bytes%n", rows, Files.size(csv),
                    Files.size(parquet));
            StringBuilder report = new StringBuilder();
            // warm-up (JIT, connection pool) so the first measured path is not the cold one
            table(db, "warmup");
            new ClickHouseLoader(db.target).load(LoadRequest.builder().target(db.database, "warmup")
                    .mode(LoadMode.APPEND).source(FileSource.local(parquet.toString(), FileFormat.PARQUET))
                    .token(new DedupToken("bench", "warmup")).build());
            db.exec("DROP TABLE " + db.database + ".warmup SYNC");
            // every path runs `repeat` times, rounds interleaved, and the best time counts: on a shared machine the
            // minimum is the least disturbed measurement of each path
            int repeat = Integer.getInteger("lark.bench.repeat", 1);
            java.util.Map<String, Double> best = new java.util.LinkedHashMap<>();
            java.util.Map<String, Long> batches = new java.util.HashMap<>();
            for (int round = 0; round < repeat; round++) {
                for (String kind : new String[] {"csv", "parquet"}) {
                    Path f = kind.equals("csv") ? csv : parquet;
                    FileFormat fmt = kind.equals("csv") ? FileFormat.CSV : FileFormat.PARQUET;
                    String chFormat = kind.equals("csv") ? "CSVWithNames" : "Parquet";
                    String t1 = table(db, kind + "_server");
                    long t0 = System.nanoTime();
                    db.exec("INSERT INTO " + t1 + " SELECT * FROM file('" + f + "', '" + chFormat + "')");
                    best.merge(kind + "|file() on server", (System.nanoTime() - t0) / 1e9, Math::min);
                    assertThat(db.count(t1)).isEqualTo(rows);
                    String[] paths = kind.equals("csv")
                            ? new String[] {"append", "overwrite_table", "append_lz4", "append_batched", "server_file"}
                            : new String[] {"append", "overwrite_table", "append_lz4", "server_file"};
                    for (String path : paths) {
                        String name = kind + "_" + path;
                        String t = table(db, name);
                        // defaults: compression automatic (off: ClickHouse is on loopback), whole-file inserts
                        dev.lark.clickhouse.load.client.ClickHouseTarget target = path.endsWith("lz4")
                                ? dev.lark.clickhouse.load.client.ClickHouseTarget.builder()
                                        .endpoint(e.get("clickhouse", "httpUrl")).user("default").password("")
                                        .compression(true).build()
                                : db.target;
                        t0 = System.nanoTime();
                        LoadResult r = new ClickHouseLoader(target).load(LoadRequest.builder().target(db.database, name)
                                .mode(path.equals("overwrite_table") ? LoadMode.OVERWRITE_TABLE : LoadMode.APPEND)
                                .source(path.equals("server_file") ? FileSource.server(f.toString(), fmt)
                                        : FileSource.local(f.toString(), fmt))
                                .wholeFileInserts(!path.equals("append_batched"))
                                .token(new DedupToken("bench", name + round)).batch(BatchPolicy.DEFAULT).build());
                        String label = path.equals("append") ? "Lark append (defaults)"
                                : path.equals("overwrite_table") ? "Lark overwrite_table (staged + EXCHANGE)"
                                : path.equals("server_file") ? "Lark append, location=server (file() by ClickHouse)"
                                : path.equals("append_batched") ? "Lark append, wholeFileInserts=false (1M-row batches)"
                                : "Lark append, compression=true (LZ4 forced on)";
                        best.merge(kind + "|" + label, (System.nanoTime() - t0) / 1e9, Math::min);
                        batches.put(kind + "|" + label, r.batches);
                        assertThat(db.count(t)).isEqualTo(rows);
                    }
                }
            }
            for (String kind : new String[] {"csv", "parquet"}) {
                double server = best.get(kind + "|file() on server");
                for (java.util.Map.Entry<String, Double> en : best.entrySet()) {
                    if (!en.getKey().startsWith(kind + "|")) {
                        continue;
                    }
                    String label = en.getKey().substring(kind.length() + 1);
                    Long b = batches.get(en.getKey());
                    report.append(String.format(Locale.ROOT, "| %s | %s%s | %.2f s | %,.0f rows/s | %.2f |%n", kind,
                            label, b == null ? "" : " (" + b + " inserts)", en.getValue(), rows / en.getValue(),
                            server / en.getValue()));
                }
            }
            if (jdbc) {
                String t4 = table(db, "csv_jdbc");
                long t0 = System.nanoTime();
                jdbcBatches(e.get("clickhouse", "jdbcUrl"), t4, csv);
                double secs = (System.nanoTime() - t0) / 1e9;
                assertThat(db.count(t4)).isEqualTo(rows);
                report.append(String.format(Locale.ROOT, "| csv | JDBC PreparedStatement batches of 10,000 | %.2f s | %,.0f rows/s | - |%n",
                        secs, rows / secs));
            }
            System.out.println("| file | path | time | throughput | ratio to file() |\n|---|---|---|---|---|\n" + report);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    private static String table(ClickHouseTestDb db, String name) throws Exception {
        TableSpec spec = TableSpec.builder(db.database, name).column("order_id", "UInt64").column("dt", "Date")
                .column("customer", "String").column("amount", "Decimal(18, 2)").column("qty", "UInt32")
                .column("ts", "DateTime").partitionBy("toYYYYMM(dt)").orderBy("(dt, order_id)").build();
        db.exec(dev.lark.clickhouse.load.schema.Ddl.dropTable(db.database, name));
        db.exec(dev.lark.clickhouse.load.schema.Ddl.createTable(spec));
        return db.database + "." + name;
    }

    /** The naive baseline: parse the CSV in Java and send PreparedStatement batches through clickhouse-jdbc. */
    private static void jdbcBatches(String url, String table, Path csv) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "default", "");
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?)");
                BufferedReader r = Files.newBufferedReader(csv)) {
            r.readLine();
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                var f = dev.lark.clickhouse.load.source.TextRecords.csv(line, ',');
                ps.setLong(1, Long.parseLong(f.get(0)));
                ps.setDate(2, java.sql.Date.valueOf(f.get(1)));
                ps.setString(3, f.get(2));
                ps.setBigDecimal(4, new BigDecimal(f.get(3)));
                ps.setLong(5, Long.parseLong(f.get(4)));
                ps.setTimestamp(6, java.sql.Timestamp.valueOf(f.get(5)));
                ps.addBatch();
                if (++n % 10_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
