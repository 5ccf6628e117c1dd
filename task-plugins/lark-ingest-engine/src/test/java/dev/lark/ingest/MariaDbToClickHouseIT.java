package dev.lark.ingest;

import static dev.lark.ingest.ItSupport.ch;
import static dev.lark.ingest.ItSupport.chString;
import static dev.lark.ingest.ItSupport.q;
import static dev.lark.ingest.ItSupport.scalar;
import static dev.lark.ingest.ItSupport.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.client.api.Client;
import dev.lark.ingest.metrics.DirtyRecords;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.SandboxEndpoints;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MariaDB -> ClickHouse through RowBinary against the sandbox's real servers. */
@Sandboxed({"mariadb", "clickhouse"})
class MariaDbToClickHouseIT {
    static final int ROWS = 20_000;
    static Map<String, String> maria;
    static Map<String, String> chEp;
    static Connection db;
    static Client chc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp(SandboxEndpoints ep) throws Exception {
        maria = ep.of("mariadb");
        chEp = ep.of("clickhouse");
        db = ItSupport.jdbc(maria);
        chc = ItSupport.clickhouse(chEp);
        sql(db, "DROP TABLE IF EXISTS src_orders", "CREATE TABLE src_orders (id BIGINT PRIMARY KEY, code VARCHAR(20)"
                + " NOT NULL, name VARCHAR(100) NULL, amount DECIMAL(12,2) NOT NULL, qty INT NOT NULL, created"
                + " DATETIME(3) NOT NULL, day DATE NOT NULL, flag TINYINT NOT NULL, score DOUBLE NULL)");
        db.setAutoCommit(false);
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO src_orders VALUES (?,?,?,?,?,?,?,?,?)")) {
            for (int i = 1; i <= ROWS; i++) {
                ps.setLong(1, i);
                ps.setString(2, String.format("K%06d", (i * 7919) % 1_000_000));
                ps.setString(3, i % 10 == 0 ? null : "name-" + i + " é");
                ps.setBigDecimal(4, new java.math.BigDecimal(i).movePointLeft(2));
                ps.setInt(5, i % 100);
                ps.setTimestamp(6, java.sql.Timestamp.valueOf("2026-01-01 00:00:00.123").toInstant().plusSeconds(i)
                        .equals(null) ? null : java.sql.Timestamp.valueOf(java.time.LocalDateTime.of(2026, 1, 1, 0, 0,
                        0, 123_000_000).plusSeconds(i)));
                ps.setDate(7, java.sql.Date.valueOf(java.time.LocalDate.of(2026, 1, 1).plusDays(i % 30)));
                ps.setInt(8, i % 2);
                if (i % 7 == 0) {
                    ps.setNull(9, java.sql.Types.DOUBLE);
                } else {
                    ps.setDouble(9, i / 3.0);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
        ch(chc, "CREATE DATABASE IF NOT EXISTS lark_it ENGINE = Atomic");
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        if (chc != null) {
            chc.close();
        }
    }

    static void createTarget(String table) throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_it." + table, "CREATE TABLE lark_it." + table + " (id UInt64, code"
                + " LowCardinality(String), name Nullable(String), amount Decimal(12,2), qty Int32, created"
                + " DateTime64(3), day Date, flag UInt8, score Nullable(Float64)) ENGINE = MergeTree PARTITION BY"
                + " toYYYYMM(day) ORDER BY id");
    }

    String job(String table, int channels, String splitPk, String extraReader, String extraWriter, String setting) {
        return "{\"job\":{\"setting\":{\"speed\":{\"channel\":" + channels + "}" + setting + "},\"content\":[{"
                + "\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{\"username\":" + q(maria.get("user"))
                + ",\"password\":" + q(maria.get("password")) + ",\"column\":[\"id\",\"code\",\"name\",\"amount\","
                + "\"qty\",\"created\",\"day\",\"flag\",\"score\"]" + (splitPk == null ? "" : ",\"splitPk\":" + q(
                        splitPk)) + extraReader + ",\"connection\":[{\"table\":[\"src_orders\"],\"jdbcUrl\":[" + q(
                        maria.get("jdbcUrl").replace("jdbc:mariadb:", "jdbc:mysql:")) + "]}]}},\"writer\":{\"name\":"
                + "\"clickhousewriter\",\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":["
                + "\"id\",\"code\",\"name\",\"amount\",\"qty\",\"created\",\"day\",\"flag\",\"score\"]"
                + extraWriter + ",\"connection\":[{\"jdbcUrl\":" + q(chEp.get("jdbcUrl") + "/lark_it") + ",\"table\":["
                + q(table) + "]}]}}}]}}";
    }

    static String fingerprint(String from) {
        return chString(chc, "SELECT concat(toString(count()), '/', toString(toInt64(sum(amount) * 100)), '/', toString(sum(qty)),"
                + " '/', toString(countIf(name IS NULL)), '/', toString(max(created)), '/', toString(sum(flag)), '/',"
                + " toString(round(sum(score), 3)), '/', toString(uniqExact(code))) FROM " + from);
    }

    static String sourceFingerprint() throws Exception {
        try (var st = db.createStatement(); var rs = st.executeQuery("SELECT CONCAT(COUNT(*), '/', CAST(SUM(amount) * 100 AS SIGNED), '/',"
                + " SUM(qty), '/', SUM(name IS NULL), '/', DATE_FORMAT(MAX(created), '%Y-%m-%d %H:%i:%s.%f'), '/',"
                + " SUM(flag), '/', ROUND(SUM(score), 3), '/', COUNT(DISTINCT code)) FROM src_orders")) {
            rs.next();
            // MariaDB prints microseconds; ClickHouse DateTime64(3) prints milliseconds
            return rs.getString(1).replaceAll("(\\.\\d{3})000/", "$1/");
        }
    }

    @Test
    void twoChannelsIntegerSplitPkCopiesEveryRowExactly() throws Exception {
        createTarget("orders_int");
        IngestResult r = IngestJob.parse(job("orders_int", 2, "id", "", "", "")).workDir(tmp).run(
                ItSupport.context());
        assertThat(r.rowsRead()).isEqualTo(ROWS);
        assertThat(r.rowsWritten()).isEqualTo(ROWS);
        assertThat(r.rowsDirty()).isZero();
        assertThat(fingerprint("lark_it.orders_int")).isEqualTo(sourceFingerprint());
        assertThat(chString(chc, "SELECT count() FROM system.tables WHERE database = 'lark_it' AND name LIKE"
                + " 'orders_int__lark_stg_%'")).isEqualTo("0");
        assertThat(r.lineage().inputs().get(0).name()).isEqualTo("lark.src_orders");
        assertThat(r.lineage().outputs().get(0).name()).isEqualTo("lark_it.orders_int");
        assertThat(r.lineage().columns()).hasSize(9);
    }

    @Test
    void nonIntegerSplitPkUsesSampledQuantilesAndStillCopiesEveryRowOnce() throws Exception {
        createTarget("orders_str");
        IngestResult r = IngestJob.parse(job("orders_str", 2, "code", ",\"sampleSize\":500", "", "")).workDir(tmp)
                .run(ItSupport.context());
        assertThat(r.rowsWritten()).isEqualTo(ROWS);
        assertThat(fingerprint("lark_it.orders_str")).isEqualTo(sourceFingerprint());
        assertThat(chString(chc, "SELECT count() - uniqExact(id) FROM lark_it.orders_str")).isEqualTo("0");
    }

    @Test
    void overwriteSwapsTheWholeTableAtomically() throws Exception {
        createTarget("orders_ow");
        ch(chc, "INSERT INTO lark_it.orders_ow (id, code, amount, qty, created, day, flag) VALUES (999999, 'old',"
                + " 1, 1, now(), today(), 0)");
        IngestJob.parse(job("orders_ow", 2, "id", "", ",\"writeMode\":\"overwrite\"", "")).workDir(tmp).run(
                ItSupport.context());
        assertThat(chString(chc, "SELECT count() FROM lark_it.orders_ow WHERE id = 999999")).isEqualTo("0");
        assertThat(fingerprint("lark_it.orders_ow")).isEqualTo(sourceFingerprint());
    }

    @Test
    void failedRunLeavesTheTargetUntouchedAndRerunGivesExactlyTheSourceRows() throws Exception {
        createTarget("orders_fail");
        ch(chc, "ALTER TABLE lark_it.orders_fail MODIFY COLUMN qty Int8"); // qty up to 99 fits; 100+ will not
        sql(db, "UPDATE src_orders SET qty = 300 WHERE id IN (5, 6, 7)");
        try {
            assertThatThrownBy(() -> IngestJob.parse(job("orders_fail", 2, "id", "", "", ",\"errorLimit\":"
                    + "{\"record\":0}")).workDir(tmp).run(ItSupport.context()))
                    .isInstanceOf(DirtyRecords.DirtyLimitExceededException.class)
                    .hasMessageContaining("exceed job.setting.errorLimit.record = 0 by 1");
            assertThat(chString(chc, "SELECT count() FROM lark_it.orders_fail")).isEqualTo("0");
            assertThat(chString(chc, "SELECT count() FROM system.tables WHERE database = 'lark_it' AND name LIKE"
                    + " 'orders_fail__lark_stg_%'")).isEqualTo("0");

            // with a dirty-record budget and a dead-letter table, the 3 bad rows land there with the reason
            ch(chc, "DROP TABLE IF EXISTS lark_it.dirty_rows");
            IngestResult r = IngestJob.parse(job("orders_fail", 2, "id", "", "", ",\"errorLimit\":{\"record\":10,"
                    + "\"deadLetter\":{\"type\":\"table\",\"jdbcUrl\":" + q(chEp.get("jdbcUrl") + "/lark_it")
                    + ",\"table\":\"dirty_rows\"}}")).workDir(tmp).run(ItSupport.context());
            assertThat(r.rowsDirty()).isEqualTo(3);
            assertThat(r.rowsWritten()).isEqualTo(ROWS - 3);
            assertThat(chString(chc, "SELECT count() FROM lark_it.orders_fail")).isEqualTo(String.valueOf(ROWS - 3));
            assertThat(chString(chc, "SELECT count() FROM lark_it.dirty_rows WHERE reason LIKE '%column qty%Int8%'"
                    + " AND record LIKE '%\"qty\":\"300\"%'")).isEqualTo("3");
        } finally {
            sql(db, "UPDATE src_orders SET qty = id % 100 WHERE id IN (5, 6, 7)");
        }
    }

    @Test
    void incrementalSecondRunMovesOnlyNewRowsAndRerunDoesNotDuplicate() throws Exception {
        createTarget("orders_inc");
        sql(db, "DELETE FROM src_orders WHERE id > " + ROWS);
        String j = job("orders_inc", 2, "id", ",\"incrementalColumn\":\"id\"", "", ",\"jobKey\":\"it-inc\"");
        ch(chc, "DROP TABLE IF EXISTS lark_it.lark_ingest_state");
        IngestResult first = IngestJob.parse(j).runKey("run-1").workDir(tmp).run(ItSupport.context());
        assertThat(first.rowsWritten()).isEqualTo(ROWS);
        assertThat(first.watermark()).isEqualTo(String.valueOf(ROWS));
        try {
            sql(db, "INSERT INTO src_orders SELECT id + " + ROWS + ", code, name, amount, qty, created, day, flag,"
                    + " score FROM src_orders WHERE id <= 150");
            IngestResult second = IngestJob.parse(j).runKey("run-2").workDir(tmp).run(ItSupport.context());
            assertThat(second.rowsRead()).isEqualTo(150);
            assertThat(second.watermark()).isEqualTo(String.valueOf(ROWS + 150));
            assertThat(chString(chc, "SELECT count() FROM lark_it.orders_inc")).isEqualTo(String.valueOf(ROWS + 150));
            // the same schedule run again: same range, replaced, not duplicated
            IngestResult rerun = IngestJob.parse(j).runKey("run-2").workDir(tmp).run(ItSupport.context());
            assertThat(rerun.rowsRead()).isEqualTo(150);
            assertThat(chString(chc, "SELECT count() FROM lark_it.orders_inc")).isEqualTo(String.valueOf(ROWS + 150));
            assertThat(chString(chc, "SELECT count() - uniqExact(id) FROM lark_it.orders_inc")).isEqualTo("0");
            // a third run with nothing new moves nothing
            IngestResult third = IngestJob.parse(j).runKey("run-3").workDir(tmp).run(ItSupport.context());
            assertThat(third.rowsRead()).isZero();
            assertThat(third.watermark()).isEqualTo(String.valueOf(ROWS + 150));
        } finally {
            sql(db, "DELETE FROM src_orders WHERE id > " + ROWS);
        }
    }

    @Test
    void clickHouseToMariaDbRejectedRowsAreRetriedOneByOneAndLandInTheDeadLetter() throws Exception {
        ch(chc, "DROP TABLE IF EXISTS lark_it.back_src", "CREATE TABLE lark_it.back_src (id UInt32, code String, note"
                + " Nullable(String)) ENGINE = MergeTree ORDER BY id", "INSERT INTO lark_it.back_src SELECT number + 1,"
                + " if(number % 500 = 7, 'much-too-long-code', concat('c', toString(number % 97))), if(number % 3 = 0,"
                + " NULL, 'n') FROM numbers(5000)");
        sql(db, "DROP TABLE IF EXISTS back_copy", "CREATE TABLE back_copy (id INT PRIMARY KEY, code VARCHAR(8) NOT"
                + " NULL, note VARCHAR(10))");
        Path dead = tmp.resolve("back-dead.jsonl");
        String j = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2},\"errorLimit\":{\"record\":20,\"deadLetter\":{"
                + "\"type\":\"file\",\"path\":" + q(dead.toString()) + "}}},\"content\":[{\"reader\":{\"name\":"
                + "\"clickhousereader\",\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":[\"*\"],"
                + "\"splitPk\":\"id\",\"connection\":[{\"table\":[\"back_src\"],\"jdbcUrl\":[" + q(chEp.get("jdbcUrl")
                + "/lark_it") + "]}]}},\"writer\":{\"name\":\"mysqlwriter\",\"parameter\":{\"username\":" + q(maria.get(
                "user")) + ",\"password\":" + q(maria.get("password")) + ",\"writeMode\":\"replace\",\"batchSize\":500,"
                + "\"session\":[\"SET SESSION sql_mode = 'STRICT_ALL_TABLES'\"],\"connection\":[{\"table\":"
                + "[\"back_copy\"],\"jdbcUrl\":" + q(maria.get("jdbcUrl")) + "}]}}}]}}";
        IngestResult r = IngestJob.parse(j).workDir(tmp).run(ItSupport.context());
        assertThat(r.rowsDirty()).isEqualTo(10);
        assertThat(r.rowsWritten()).isEqualTo(4990);
        assertThat(scalar(db, "SELECT COUNT(*) FROM back_copy")).isEqualTo(4990);
        long nullNotes = java.util.stream.LongStream.range(0, 5000).filter(n -> n % 3 == 0 && n % 500 != 7).count();
        assertThat(scalar(db, "SELECT COUNT(*) FROM back_copy WHERE note IS NULL")).isEqualTo(nullNotes);
        java.util.List<String> dl = java.nio.file.Files.readAllLines(dead);
        assertThat(dl).hasSize(10).allSatisfy(l -> assertThat(l).contains("rejected by mysqlwriter").contains(
                "much-too-long-code"));
    }
}
