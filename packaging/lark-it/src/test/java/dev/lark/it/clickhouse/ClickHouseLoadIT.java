package dev.lark.it.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.data.ClickHouseFormat;
import dev.lark.clickhouse.load.LoadException;
import dev.lark.clickhouse.load.load.BatchPolicy;
import dev.lark.clickhouse.load.load.ClickHouseLoader;
import dev.lark.clickhouse.load.load.DedupToken;
import dev.lark.clickhouse.load.load.ErrorBudget;
import dev.lark.clickhouse.load.load.LoadMode;
import dev.lark.clickhouse.load.load.LoadRequest;
import dev.lark.clickhouse.load.load.LoadResult;
import dev.lark.clickhouse.load.schema.ColumnSpec;
import dev.lark.clickhouse.load.schema.TableEngine;
import dev.lark.clickhouse.load.schema.TableSpec;
import dev.lark.clickhouse.load.source.BadInputException;
import dev.lark.clickhouse.load.source.ClickHouseQuerySource;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.FileSource;
import dev.lark.clickhouse.load.source.JdbcQuerySource;
import dev.lark.clickhouse.load.source.SourceSpec;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load engine against the real ClickHouse 26.7 of the sandbox. */
@Sandboxed({"clickhouse"})
class ClickHouseLoadIT {
    private static ClickHouseTestDb db;
    private static String jdbcUrl;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(SandboxEndpoints endpoints) throws Exception {
        db = new ClickHouseTestDb(endpoints, "lark_chload_it");
        jdbcUrl = endpoints.get("clickhouse", "jdbcUrl");
    }

    @AfterAll
    static void tearDown() throws Exception {
        db.close();
    }

    private static TableSpec.Builder orders(String table) {
        return TableSpec.builder(db.database, table)
                .column("order_id", "UInt64")
                .column("dt", "Date")
                .column("customer", "String")
                .column("amount", "Decimal(18, 2)")
                .partitionBy("dt")
                .orderBy("(dt, order_id)");
    }

    /** CSV with header; {@code line} renders data row i (0-based). */
    private Path csv(String name, int rows, IntFunction<String> line) throws Exception {
        StringBuilder b = new StringBuilder("order_id,dt,customer,amount\n");
        for (int i = 0; i < rows; i++) {
            b.append(line.apply(i)).append('\n');
        }
        Path p = dir.resolve(name);
        Files.write(p, b.toString().getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private static String order(int i, String day, String amount) {
        return i + "," + day + ",\"cust, " + (i % 7) + "\"," + amount;
    }

    private static LoadResult load(TableSpec spec, LoadMode mode, SourceSpec src, String scheduleTime, int batchRows) {
        return new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec).mode(mode).source(src)
                .token(new DedupToken("4711", scheduleTime)).batch(new BatchPolicy(batchRows, 1 << 20))
                .wholeFileInserts(false).build());
    }

    private static List<String> contents(String table) {
        return db.rows("SELECT order_id, dt, customer, amount FROM `" + db.database + "`.`" + table
                + "` ORDER BY order_id, dt, amount");
    }

    @Test
    void appendInBatchesAndRerunOfTheSameScheduleTimeAddsNothing() throws Exception {
        TableSpec spec = orders("append_orders").build();
        Path f = csv("a.csv", 5000, i -> order(i, "2026-11-0" + (1 + i % 3), i + ".50"));
        LoadResult r = load(spec, LoadMode.APPEND, FileSource.local(f.toString(), FileFormat.CSV), "2026-11-21 00:00:00", 1000);
        assertThat(r.rowsLoaded).isEqualTo(5000);
        assertThat(r.batches).isEqualTo(5);
        assertThat(r.partitions).hasSize(3);
        List<String> first = contents("append_orders");
        assertThat(first).hasSize(5000).contains("17\t2026-11-03\tcust, 3\t17.50");

        load(spec, LoadMode.APPEND, FileSource.local(f.toString(), FileFormat.CSV), "2026-11-21 00:00:00", 1000);
        assertThat(contents("append_orders")).isEqualTo(first);

        load(spec, LoadMode.APPEND, FileSource.local(f.toString(), FileFormat.CSV), "2026-11-22 00:00:00", 1000);
        assertThat(db.count(db.database + ".append_orders")).isEqualTo(10_000);
    }

    @Test
    void overwritePartitionsReplacesOnlyTheTouchedPartitionsAndRerunsAreIdentical() throws Exception {
        TableSpec spec = orders("op_orders").build();
        Path all = csv("all.csv", 3000, i -> order(i, "2026-11-0" + (1 + i % 3), "1.00"));
        load(spec, LoadMode.OVERWRITE_PARTITIONS, FileSource.local(all.toString(), FileFormat.CSV), "t0", 500);
        assertThat(db.count(db.database + ".op_orders")).isEqualTo(3000);

        // a new version of day 2 only, with fewer rows
        Path day2 = csv("day2.csv", 100, i -> order(100_000 + i, "2026-11-02", "9.99"));
        LoadResult r = load(spec, LoadMode.OVERWRITE_PARTITIONS, FileSource.local(day2.toString(), FileFormat.CSV), "t1", 30);
        assertThat(r.partitions).containsExactly("20261102");
        assertThat(db.rows("SELECT dt, count(), sum(amount) FROM " + db.database + ".op_orders GROUP BY dt ORDER BY dt"))
                .containsExactly("2026-11-01\t1000\t1000.00", "2026-11-02\t100\t999.00", "2026-11-03\t1000\t1000.00");
        List<String> after = contents("op_orders");

        load(spec, LoadMode.OVERWRITE_PARTITIONS, FileSource.local(day2.toString(), FileFormat.CSV), "t1", 30);
        assertThat(contents("op_orders")).isEqualTo(after);
        assertThat(db.tables("op_orders")).containsExactly("op_orders");
    }

    @Test
    void overwriteTableExchangesTheWholeTable() throws Exception {
        TableSpec spec = orders("ot_orders").build();
        load(spec, LoadMode.OVERWRITE_TABLE, FileSource.local(
                csv("v1.csv", 1000, i -> order(i, "2026-11-01", "1")).toString(), FileFormat.CSV), "t0", 400);
        Path v2 = csv("v2.csv", 10, i -> order(i, "2026-11-05", "2"));
        LoadResult r = load(spec, LoadMode.OVERWRITE_TABLE, FileSource.local(v2.toString(), FileFormat.CSV), "t1", 400);
        assertThat(r.rowsLoaded).isEqualTo(10);
        assertThat(db.rows("SELECT dt, count() FROM " + db.database + ".ot_orders GROUP BY dt"))
                .containsExactly("2026-11-05\t10");
        assertThat(db.tables("ot_orders")).containsExactly("ot_orders");
    }

    @Test
    void upsertKeepsTheNewestVersion() throws Exception {
        TableSpec spec = TableSpec.builder(db.database, "customers")
                .column("id", "UInt32").column("name", "String").column("ver", "UInt64")
                .engine(TableEngine.replacing("ver")).orderBy("id").build();
        Path v1 = dir.resolve("c1.jsonl");
        Files.writeString(v1, "{\"id\":1,\"name\":\"ann\",\"ver\":1}\n{\"id\":2,\"name\":\"bob\",\"ver\":1}\n");
        Path v2 = dir.resolve("c2.jsonl");
        Files.writeString(v2, "{\"id\":2,\"name\":\"bobby\",\"ver\":2}\n{\"id\":3,\"name\":\"cy\",\"ver\":2}\n");
        load(spec, LoadMode.UPSERT, FileSource.local(v1.toString(), FileFormat.JSON_EACH_ROW), "t0", 1000);
        load(spec, LoadMode.UPSERT, FileSource.local(v2.toString(), FileFormat.JSON_EACH_ROW), "t1", 1000);
        load(spec, LoadMode.UPSERT, FileSource.local(v2.toString(), FileFormat.JSON_EACH_ROW), "t1", 1000);
        assertThat(db.rows("SELECT id, name, ver FROM " + db.database + ".customers FINAL ORDER BY id"))
                .containsExactly("1\tann\t1", "2\tbobby\t2", "3\tcy\t2");
        assertThatThrownBy(() -> load(orders("up_wrong").build(), LoadMode.UPSERT,
                FileSource.local(v1.toString(), FileFormat.JSON_EACH_ROW), "t0", 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("ReplacingMergeTree");
    }

    @Test
    void aBadRowInALaterBatchFailsTheLoadAndLeavesTheTargetUnchanged() throws Exception {
        TableSpec spec = orders("fail_orders").build();
        load(spec, LoadMode.OVERWRITE_PARTITIONS, FileSource.local(
                csv("good.csv", 300, i -> order(i, "2026-11-01", "5")).toString(), FileFormat.CSV), "t0", 1000);
        List<String> before = contents("fail_orders");
        // row 2500 is bad; sample validation (first 1000 rows) passes, batch 3 (rows 2001-3000) is rejected
        Path bad = csv("bad.csv", 4000, i -> i == 2500 ? order(i, "2026-11-01", "not-a-number") : order(i, "2026-11-01", "7"));
        assertThatThrownBy(() -> load(spec, LoadMode.OVERWRITE_PARTITIONS, FileSource.local(bad.toString(), FileFormat.CSV), "t1", 1000))
                .isInstanceOf(LoadException.class).hasMessageContaining("column 'amount' expects Decimal(18, 2) but row 2501")
                .hasMessageContaining("'not-a-number'").hasMessageContaining("target was not changed");
        assertThat(contents("fail_orders")).isEqualTo(before);
        assertThat(db.tables("fail_orders")).containsExactly("fail_orders");
    }

    @Test
    void aKilledLoadLeavesTheTargetUnchangedAndCleansUp() throws Exception {
        TableSpec spec = orders("kill_orders").build();
        load(spec, LoadMode.OVERWRITE_TABLE, FileSource.local(
                csv("k0.csv", 50, i -> order(i, "2026-11-01", "5")).toString(), FileFormat.CSV), "t0", 1000);
        List<String> before = contents("kill_orders");
        Path big = csv("big.csv", 300_000, i -> order(i, "2026-11-0" + (1 + i % 9), "3"));
        ClickHouseLoader loader = new ClickHouseLoader(db.target);
        CompletableFuture<LoadResult> running = CompletableFuture.supplyAsync(() -> loader.load(LoadRequest.builder()
                .declared(spec).mode(LoadMode.OVERWRITE_TABLE).source(FileSource.local(big.toString(), FileFormat.CSV))
                .token(new DedupToken("4711", "t1")).batch(new BatchPolicy(1000, 1 << 20)).wholeFileInserts(false)
                .build()));
        // wait until rows are being staged, then kill
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> db.tables("kill_orders").stream()
                .anyMatch(t -> t.startsWith("kill_orders__lark_stg_") && db.count(db.database + ".`" + t + "`") > 0));
        loader.cancel();
        assertThatThrownBy(running::join).hasRootCauseInstanceOf(Exception.class).hasMessageContaining("cancel");
        assertThat(contents("kill_orders")).isEqualTo(before);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> db.tables("kill_orders").equals(List.of("kill_orders")));
    }

    @Test
    void schemaEvolutionAddsAColumnAndRefusesDestructiveChanges() throws Exception {
        load(orders("evo").build(), LoadMode.APPEND, FileSource.local(
                csv("e1.csv", 10, i -> order(i, "2026-11-01", "1")).toString(), FileFormat.CSV), "t0", 100);
        TableSpec v2 = orders("evo").column(new ColumnSpec("channel", "LowCardinality(String)", "'web'", null, null)).build();
        Path f2 = dir.resolve("e2.csv");
        Files.writeString(f2, "order_id,dt,customer,amount,channel\n100,2026-11-02,zed,3.5,app\n");
        LoadResult r = load(v2, LoadMode.APPEND, FileSource.local(f2.toString(), FileFormat.CSV), "t1", 100);
        assertThat(r.schemaChanges).contains("add column channel LowCardinality(String)");
        assertThat(db.rows("SELECT channel, count() FROM " + db.database + ".evo GROUP BY channel ORDER BY channel"))
                .containsExactly("app\t1", "web\t10");

        TableSpec destructive = TableSpec.builder(db.database, "evo").column("order_id", "String").column("dt", "Date")
                .column("customer", "String").column("amount", "Decimal(18, 2)").column("channel", "LowCardinality(String)")
                .partitionBy("dt").orderBy("(dt, order_id)").build();
        assertThatThrownBy(() -> load(destructive, LoadMode.APPEND, FileSource.local(f2.toString(), FileFormat.CSV), "t2", 100))
                .isInstanceOf(BadInputException.class).hasMessageContaining("change type of order_id from UInt64 to String")
                .hasMessageContaining("allowDestructiveChanges=true");
        assertThat(db.count(db.database + ".evo")).isEqualTo(11);
    }

    @Test
    void sourceColumnsThatDoNotMatchFailBeforeAnythingIsLoaded() throws Exception {
        TableSpec spec = orders("strict").build();
        Path extra = dir.resolve("extra.csv");
        Files.writeString(extra, "order_id,dt,customer,amount,coupon\n1,2026-11-01,a,1,X\n");
        assertThatThrownBy(() -> load(spec, LoadMode.APPEND, FileSource.local(extra.toString(), FileFormat.CSV), "t", 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("source column 'coupon'")
                .hasMessageContaining("fix:");
        Path missing = dir.resolve("missing.csv");
        Files.writeString(missing, "order_id,dt,customer\n1,2026-11-01,a\n");
        assertThatThrownBy(() -> load(spec, LoadMode.APPEND, FileSource.local(missing.toString(), FileFormat.CSV), "t", 10))
                .isInstanceOf(BadInputException.class).hasMessageContaining("table column 'amount' (Decimal(18, 2))")
                .hasMessageContaining("is missing");
        Path wrongType = csv("wrong.csv", 5, i -> i == 2 ? order(i, "yesterday", "1") : order(i, "2026-11-01", "1"));
        assertThatThrownBy(() -> load(spec, LoadMode.OVERWRITE_PARTITIONS, FileSource.local(wrongType.toString(), FileFormat.CSV), "t", 10))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("column 'dt' expects Date but row 3 of csv file").hasMessageContaining("'yesterday'")
                .hasMessageContaining("fix:");
        assertThat(db.count(db.database + ".strict")).isZero();
        assertThat(db.tables("strict")).containsExactly("strict");
    }

    @Test
    void rowsWithinTheErrorBudgetGoToTheDeadLetterFile() throws Exception {
        TableSpec spec = orders("budget").build();
        Path f = csv("b.csv", 3000, i -> i == 1500 || i == 2600 ? order(i, "2026-11-01", "oops" + i) : order(i, "2026-11-01", "1"));
        Path dl = dir.resolve("dead/letter.jsonl");
        LoadResult r = new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec)
                .mode(LoadMode.OVERWRITE_PARTITIONS).source(FileSource.local(f.toString(), FileFormat.CSV))
                .token(new DedupToken("4711", "t0")).batch(new BatchPolicy(1000, 1 << 20))
                .errors(new ErrorBudget(5, 0, dl)).build());
        assertThat(r.rowsRejected).isEqualTo(2);
        assertThat(r.rowsLoaded).isEqualTo(2998);
        assertThat(db.count(db.database + ".budget")).isEqualTo(2998);
        List<String> dead = Files.readAllLines(dl);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0)).contains("\"row_number\":1501").contains("\"position\":\"" + f + " row 1501\"").contains("oops1500").contains("not a decimal number");
        assertThat(dead.get(1)).contains("oops2600");

        Path worse = csv("w.csv", 3000, i -> i > 1200 && i < 1210 ? order(i, "2026-11-01", "bad") : order(i, "2026-11-01", "2"));
        assertThatThrownBy(() -> new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec)
                .mode(LoadMode.OVERWRITE_PARTITIONS).source(FileSource.local(worse.toString(), FileFormat.CSV))
                .token(new DedupToken("4711", "t1")).batch(new BatchPolicy(1000, 1 << 20))
                .errors(new ErrorBudget(5, 0, dir.resolve("dl2.jsonl"))).build()))
                .isInstanceOf(LoadException.class).hasMessageContaining("budget");
        assertThat(db.count(db.database + ".budget")).isEqualTo(2998);
    }

    @Test
    void parquetTsvServerFileClickHouseQueryAndJdbcSources() throws Exception {
        TableSpec spec = orders("sources").build();
        Path parquet = dir.resolve("o.parquet");
        db.export("SELECT number AS order_id, toDate('2026-11-01') + number % 5 AS dt, concat('c', toString(number % 3))"
                + " AS customer, toDecimal64(number / 4, 2) AS amount FROM numbers(20000)", ClickHouseFormat.Parquet, parquet);
        LoadResult p = load(spec, LoadMode.OVERWRITE_TABLE, FileSource.local(parquet.toString(), FileFormat.PARQUET), "p", 1000);
        assertThat(p.rowsLoaded).isEqualTo(20000);
        assertThat(p.partitions).hasSize(5);
        String expected = db.rows("SELECT sum(order_id), sum(amount) FROM " + db.database + ".sources").get(0);
        assertThat(expected).isEqualTo("199990000\t49997500.00");

        Path tsv = dir.resolve("o.tsv");
        db.export("SELECT * FROM " + db.database + ".sources", ClickHouseFormat.TabSeparatedWithNames, tsv);
        load(spec, LoadMode.OVERWRITE_TABLE, FileSource.local(tsv.toString(), FileFormat.TSV), "tsv", 3000);
        assertThat(db.rows("SELECT sum(order_id), sum(amount) FROM " + db.database + ".sources").get(0)).isEqualTo(expected);

        // the sandbox server runs on this machine, so it can read the file itself
        load(spec, LoadMode.OVERWRITE_TABLE, FileSource.server(parquet.toString(), FileFormat.PARQUET), "server", 1000);
        assertThat(db.count(db.database + ".sources")).isEqualTo(20000);

        TableSpec copy = orders("sources_copy").build();
        load(copy, LoadMode.APPEND, new ClickHouseQuerySource("SELECT * FROM " + db.database + ".sources WHERE dt = '2026-11-02'"), "q", 1000);
        assertThat(db.count(db.database + ".sources_copy")).isEqualTo(4000);

        TableSpec viaJdbc = orders("sources_jdbc").build();
        LoadResult j = load(viaJdbc, LoadMode.APPEND, new JdbcQuerySource(() -> DriverManager.getConnection(jdbcUrl, "default", ""),
                "SELECT order_id, dt, customer, amount FROM " + db.database + ".sources", "clickhouse-jdbc", 5000), "j", 7000);
        assertThat(j.batches).isEqualTo(3);
        assertThat(db.rows("SELECT sum(order_id), sum(amount) FROM " + db.database + ".sources_jdbc").get(0)).isEqualTo(expected);
    }

    @Test
    void aFileWithoutErrorBudgetStreamsInOneInsertAndRerunsAddNothing() throws Exception {
        TableSpec spec = orders("whole_file").build();
        Path f = csv("whole.csv", 5000, i -> order(i, "2026-11-0" + (1 + i % 3), i + ".50"));
        LoadRequest.Builder req = LoadRequest.builder().declared(spec).mode(LoadMode.APPEND)
                .source(FileSource.local(f.toString(), FileFormat.CSV)).token(new DedupToken("4711", "w0"));
        LoadResult r = new ClickHouseLoader(db.target).load(req.build());
        assertThat(r.batches).isEqualTo(1);
        assertThat(r.rowsLoaded).isEqualTo(5000);
        assertThat(r.bytesSent).isEqualTo(Files.size(f) - "order_id,dt,customer,amount\n".length());
        List<String> first = contents("whole_file");
        assertThat(first).hasSize(5000).contains("17\t2026-11-03\tcust, 3\t17.50");

        new ClickHouseLoader(db.target).load(req.build());
        assertThat(contents("whole_file")).isEqualTo(first);

        // a bad row past the sampled head: ClickHouse refuses the insert, the message names row, column and value
        Path bad = csv("whole-bad.csv", 4000, i -> i == 3100 ? order(i, "2026-11-01", "n/a") : order(i, "2026-11-01", "7"));
        assertThatThrownBy(() -> new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec)
                .mode(LoadMode.OVERWRITE_TABLE).source(FileSource.local(bad.toString(), FileFormat.CSV))
                .token(new DedupToken("4711", "w1")).build()))
                .isInstanceOf(LoadException.class).hasMessageContaining("column 'amount' expects Decimal(18, 2) but row 3101")
                .hasMessageContaining("'n/a'").hasMessageContaining("target was not changed");
        assertThat(contents("whole_file")).isEqualTo(first);
        assertThat(db.tables("whole_file")).containsExactly("whole_file");
    }

    @Test
    void rowsWithinTheErrorBudgetGoToTheDeadLetterTable() throws Exception {
        TableSpec spec = orders("budget_table").build();
        Path f = csv("bt.csv", 3000, i -> i == 1500 || i == 2600 ? order(i, "2026-11-01", "oops" + i) : order(i, "2026-11-01", "1"));
        LoadRequest req = LoadRequest.builder().declared(spec).mode(LoadMode.OVERWRITE_PARTITIONS)
                .source(FileSource.local(f.toString(), FileFormat.CSV)).token(new DedupToken("4711", "2026-11-21 00:00:00"))
                .batch(new BatchPolicy(1000, 1 << 20)).errors(new ErrorBudget(5, 0, null, "dead_letters")).build();
        LoadResult r = new ClickHouseLoader(db.target).load(req);
        assertThat(r.rowsRejected).isEqualTo(2);
        assertThat(db.count(db.database + ".budget_table")).isEqualTo(2998);

        String query = "SELECT task_code, schedule_time, batch, dedup_token, target, position, row_number, reason,"
                + " raw_row FROM " + db.database + ".dead_letters ORDER BY row_number";
        List<String> dead = db.rows(query);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0)).startsWith("4711\t2026-11-21 00:00:00\t1\tlark:4711:2026-11-21 00:00:00:1\t"
                + db.database + ".budget_table\t" + f + " row 1501\t1501\t")
                .contains("column 'amount' expects Decimal(18, 2)").contains("not a decimal number")
                .endsWith("1500,2026-11-01,\"cust, 2\",oops1500");
        assertThat(dead.get(1)).contains(f + " row 2601").contains("oops2600");

        // a retry of the same schedule time dead-letters nothing twice (the insert carries the batch's token)
        new ClickHouseLoader(db.target).load(req);
        assertThat(db.rows(query)).isEqualTo(dead);
        assertThat(db.count(db.database + ".budget_table")).isEqualTo(2998);
    }

    @Test
    void dateTimesAreParsedInTheBasicFormatOnlyWhenTheSampleIsPlain() throws Exception {
        TableSpec spec = TableSpec.builder(db.database, "events_ts").column("id", "UInt64").column("ts", "DateTime")
                .orderBy("id").build();
        // plain in the sampled head (auto picks basic, the fast parser), ISO 8601 with a zone further down
        StringBuilder mixed = new StringBuilder("id,ts\n");
        for (int i = 0; i < 3000; i++) {
            mixed.append(i).append(',').append(i < 2000 ? "2026-01-15 10:00:00" : "2026-01-15T10:00:00Z").append('\n');
        }
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, mixed);
        LoadRequest.Builder req = LoadRequest.builder().declared(spec).mode(LoadMode.OVERWRITE_TABLE)
                .source(FileSource.local(f.toString(), FileFormat.CSV)).token(new DedupToken("4711", "ts0"));
        assertThatThrownBy(() -> new ClickHouseLoader(db.target).load(req.build())).isInstanceOf(LoadException.class)
                .hasMessageContaining("set dateTimeInputFormat: best_effort");
        assertThat(db.count(db.database + ".events_ts")).isZero();

        LoadResult r = new ClickHouseLoader(db.target).load(req.dateTimeInputFormat("best_effort").build());
        assertThat(r.rowsLoaded).isEqualTo(3000);
        assertThat(db.rows("SELECT DISTINCT toString(ts, 'UTC') FROM " + db.database + ".events_ts"))
                .containsExactly("2026-01-15 10:00:00");

        // ISO values inside the sample: auto picks best_effort by itself
        Path iso = dir.resolve("iso.csv");
        Files.writeString(iso, "id,ts\n1,2026-01-15T10:00:00Z\n2,2026-01-15 10:00:00\n");
        assertThat(new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec)
                .mode(LoadMode.OVERWRITE_TABLE).source(FileSource.local(iso.toString(), FileFormat.CSV))
                .token(new DedupToken("4711", "ts1")).build()).rowsLoaded).isEqualTo(2);
    }
}
