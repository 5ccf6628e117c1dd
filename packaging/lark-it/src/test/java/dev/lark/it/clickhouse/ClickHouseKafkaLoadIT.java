package dev.lark.it.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.clickhouse.load.LoadException;
import dev.lark.clickhouse.load.load.BatchPolicy;
import dev.lark.clickhouse.load.load.ClickHouseLoader;
import dev.lark.clickhouse.load.load.DedupToken;
import dev.lark.clickhouse.load.load.ErrorBudget;
import dev.lark.clickhouse.load.load.LoadMode;
import dev.lark.clickhouse.load.load.LoadRequest;
import dev.lark.clickhouse.load.load.LoadResult;
import dev.lark.clickhouse.load.schema.TableSpec;
import dev.lark.clickhouse.load.source.BadInputException;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.KafkaSource;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka source against the sandbox Kafka 4.1 and ClickHouse 26.7: offset and time ranges of a two-partition
 * topic, JSON and CSV record values, reruns of the same schedule time, and unparseable records dead-lettered to a
 * ClickHouse table with their topic/partition@offset.
 */
@Sandboxed({"clickhouse", "kafka"})
class ClickHouseKafkaLoadIT {
    /** Records of partition 0 / 1; the first half of each is stamped 2026-01-14, the second half 2026-01-15. */
    private static final int P0 = 1000;
    private static final int P1 = 600;
    private static final Instant DAY1 = Instant.parse("2026-01-14T12:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-01-15T12:00:00Z");

    private static ClickHouseTestDb db;
    private static String bootstrap;
    private static String jsonTopic;
    private static String csvTopic;

    @BeforeAll
    static void setUp(SandboxEndpoints endpoints) throws Exception {
        db = new ClickHouseTestDb(endpoints, "lark_chload_kafka_it");
        bootstrap = endpoints.get("kafka", "bootstrapServers");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        jsonTopic = "lark-chload-json-" + suffix;
        csvTopic = "lark-chload-csv-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // the records carry fixed 2026-01 timestamps (for the time-range cases); with the default 7-day
            // retention the broker's retention check would delete them in the middle of the run
            Map<String, String> keepAll = Map.of("retention.ms", "-1");
            admin.createTopics(List.of(new NewTopic(jsonTopic, 2, (short) 1).configs(keepAll),
                    new NewTopic(csvTopic, 2, (short) 1).configs(keepAll))).all().get();
        }
        // JSON: partition 1 holds two records whose amount is not a number (offsets 100 and 450)
        produce(jsonTopic, i -> "{\"order_id\":" + i + ",\"dt\":\"2026-01-1" + (4 + i % 2) + "\",\"customer\":\"c"
                + (i % 7) + "\",\"amount\":" + (i == P0 + 100 || i == P0 + 450 ? "\"oops" + i + "\"" : i + ".25") + "}");
        produce(csvTopic, i -> i + ",2026-01-1" + (4 + i % 2) + ",\"c, " + (i % 7) + "\"," + i + ".25");
    }

    /** Records 0..P0-1 to partition 0 and P0..P0+P1-1 to partition 1, each partition's first half on DAY1. */
    private static void produce(String topic, IntFunction<String> value) throws Exception {
        Map<String, Object> cfg = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG,
                "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(cfg, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < P0 + P1; i++) {
                int partition = i < P0 ? 0 : 1;
                int inPartition = i < P0 ? i : i - P0;
                int size = i < P0 ? P0 : P1;
                long ts = (inPartition < size / 2 ? DAY1 : DAY2).toEpochMilli() + inPartition;
                p.send(new ProducerRecord<>(topic, partition, ts, null, value.apply(i).getBytes(StandardCharsets.UTF_8)));
            }
            p.flush();
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (db != null) {
            db.close();
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(jsonTopic, csvTopic)).all().get();
        }
    }

    private static TableSpec orders(String table) {
        return TableSpec.builder(db.database, table).column("order_id", "UInt64").column("dt", "Date")
                .column("customer", "String").column("amount", "Decimal(18, 2)").partitionBy("dt")
                .orderBy("(dt, order_id)").build();
    }

    private static KafkaSource.Builder source(String topic) {
        return KafkaSource.builder().bootstrapServers(bootstrap).topic(topic);
    }

    private static LoadResult load(TableSpec spec, LoadMode mode, KafkaSource src, String scheduleTime, int batchRows,
            ErrorBudget errors) {
        return new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec).mode(mode).source(src)
                .token(new DedupToken("4712", scheduleTime)).batch(new BatchPolicy(batchRows, 1 << 20))
                .errors(errors).build());
    }

    private static List<String> contents(String table) {
        return db.rows("SELECT order_id, dt, customer, amount FROM `" + db.database + "`.`" + table
                + "` ORDER BY order_id");
    }

    @Test
    void offsetRangeWithBadRecordsDeadLettersThemToATableAndRerunsAreIdentical() throws Exception {
        TableSpec spec = orders("kafka_orders");
        KafkaSource src = source(jsonTopic).offsets(KafkaSource.parseOffsets("kafkaOffsets", "0:0-1000,1:0-600"))
                .build();
        ErrorBudget budget = new ErrorBudget(5, 0, null, "kafka_rejected");
        LoadResult r = load(spec, LoadMode.OVERWRITE_PARTITIONS, src, "2026-01-15 00:00:00", 250, budget);

        assertThat(r.rowsRead).isEqualTo(1600);
        assertThat(r.rowsLoaded).isEqualTo(1598);
        assertThat(r.rowsRejected).isEqualTo(2);
        assertThat(r.batches).as("batches never span partitions: 4 of p0, 3 of p1").isEqualTo(7);
        assertThat(r.sourceRange).isEqualTo("0:0-1000,1:0-600");
        List<String> first = contents("kafka_orders");
        assertThat(first).hasSize(1598).contains("17\t2026-01-15\tc3\t17.25")
                .noneMatch(l -> l.startsWith("1100\t") || l.startsWith("1450\t"));

        String rejected = "SELECT position, task_code, schedule_time, batch, row_number, reason, raw_row FROM "
                + db.database + ".kafka_rejected ORDER BY position";
        List<String> dead = db.rows(rejected);
        assertThat(dead).hasSize(2);
        assertThat(dead.get(0)).startsWith(jsonTopic + "/1@100\t4712\t2026-01-15 00:00:00\t4\t1101\t")
                .contains("column 'amount' expects Decimal(18, 2)").contains("oops1100").contains("\"order_id\":1100");
        assertThat(dead.get(1)).startsWith(jsonTopic + "/1@450\t4712\t2026-01-15 00:00:00\t5\t1451\t")
                .contains("oops1450");

        // the same schedule time again: same batches, same tokens, same contents, no second dead letter
        load(spec, LoadMode.OVERWRITE_PARTITIONS, src, "2026-01-15 00:00:00", 250, budget);
        assertThat(contents("kafka_orders")).isEqualTo(first);
        assertThat(db.rows(rejected)).isEqualTo(dead);
    }

    @Test
    void timeRangeLoadsTheRecordsStampedInsideItAndAppendRerunsAddNothing() {
        TableSpec spec = orders("kafka_day");
        KafkaSource src = source(csvTopic).format(FileFormat.CSV)
                .timeRange(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z")).build();
        LoadResult r = load(spec, LoadMode.APPEND, src, "2026-01-16 00:00:00", 100, ErrorBudget.NONE);

        // the second half of each partition: offsets 500-999 and 300-599
        assertThat(r.sourceRange).isEqualTo("0:500-1000,1:300-600");
        assertThat(r.rowsLoaded).isEqualTo(800);
        assertThat(r.batches).isEqualTo(8);
        assertThat(db.rows("SELECT min(order_id), max(order_id) FROM " + db.database + ".kafka_day WHERE order_id < "
                + P0)).containsExactly("500\t999");
        assertThat(contents("kafka_day")).contains("501\t2026-01-15\tc, 4\t501.25");
        List<String> first = contents("kafka_day");

        load(spec, LoadMode.APPEND, src, "2026-01-16 00:00:00", 100, ErrorBudget.NONE);
        assertThat(contents("kafka_day")).isEqualTo(first);
    }

    @Test
    void aRangeBeyondTheEndOfAPartitionFailsBeforeLoadingAnything() {
        TableSpec spec = orders("kafka_beyond");
        KafkaSource src = source(csvTopic).format(FileFormat.CSV)
                .offsets(KafkaSource.parseOffsets("kafkaOffsets", "0:0-1000,1:0-5000")).build();
        assertThatThrownBy(() -> load(spec, LoadMode.OVERWRITE_TABLE, src, "t0", 100, ErrorBudget.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("kafka.offsets: partition 1 ends at offset 600")
                .hasMessageContaining("up to 5000");
        assertThat(db.count(db.database + ".kafka_beyond")).isZero();

        String absent = "lark-no-such-topic-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaSource missing = source(absent).offsets(KafkaSource.parseOffsets("o", "0:0-1")).build();
        assertThatThrownBy(() -> load(spec, LoadMode.APPEND, missing, "t0", 100, ErrorBudget.NONE))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'" + absent + "' does not exist");
    }

    @Test
    void aBadValueInTheSampledHeadFailsBeforeAnythingIsLoaded() {
        TableSpec spec = orders("kafka_sample");
        KafkaSource withBad = source(jsonTopic).offsets(KafkaSource.parseOffsets("o", "1:0-600")).build();
        assertThatThrownBy(() -> load(spec, LoadMode.APPEND, withBad, "t0", 500, ErrorBudget.NONE))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("column 'amount' expects Decimal(18, 2) but row 101 of json_each_row records of"
                        + " kafka topic " + jsonTopic);
        assertThat(db.count(db.database + ".kafka_sample")).isZero();
    }

    @Test
    void overTheErrorBudgetTheStagedLoadFailsAndTheTargetKeepsItsRows() throws Exception {
        TableSpec spec = orders("kafka_budget");
        KafkaSource good = source(jsonTopic).offsets(KafkaSource.parseOffsets("o", "0:0-1000")).build();
        load(spec, LoadMode.OVERWRITE_TABLE, good, "t0", 500, ErrorBudget.NONE);
        List<String> before = contents("kafka_budget");
        KafkaSource withBad = source(jsonTopic).offsets(KafkaSource.parseOffsets("o", "1:0-600")).build();
        // a sample of 10 rows passes the pre-load check; ClickHouse then finds 2 bad rows in the batch, 1 allowed
        assertThatThrownBy(() -> new ClickHouseLoader(db.target).load(LoadRequest.builder().declared(spec)
                .mode(LoadMode.OVERWRITE_TABLE).source(withBad).token(new DedupToken("4712", "t1"))
                .batch(new BatchPolicy(500, 1 << 20)).sampleRows(10)
                .errors(new ErrorBudget(1, 0, null, "kafka_budget_rejected")).build()))
                .isInstanceOf(LoadException.class).hasMessageContaining("column 'amount' expects Decimal(18, 2)")
                .hasMessageContaining("'oops1100'").hasMessageContaining("not changed");
        assertThat(contents("kafka_budget")).isEqualTo(before);
        assertThat(db.tables("kafka_budget")).as("no staging table left behind").contains("kafka_budget")
                .noneMatch(t -> t.contains("__lark_stg_"));
    }

    @Test
    void aPrettyPrintedJsonRecordIsOneRow() throws Exception {
        String topic = "lark-chload-pretty-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(topic, 0, null, "{\"order_id\":1,\"dt\":\"2026-01-15\",\"customer\":\"a\",\"amount\":1.5}"
                    .getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>(topic, 0, null, "{\n  \"order_id\": 2,\r\n  \"dt\": \"2026-01-15\",\n  \"customer\": \"b\",\n"
                    .concat("  \"amount\": 2.5\n}\n").getBytes(StandardCharsets.UTF_8)));
            p.send(new ProducerRecord<>(topic, 0, null, null)); // a tombstone: skipped
            p.send(new ProducerRecord<>(topic, 0, null, "{\"order_id\":3,\"dt\":\"2026-01-15\",\"customer\":\"c\",\"amount\":3.5}"
                    .getBytes(StandardCharsets.UTF_8)));
        }
        LoadResult r = load(orders("kafka_pretty"), LoadMode.APPEND,
                source(topic).offsets(KafkaSource.parseOffsets("o", "0:0-4")).build(), "t0", 100, ErrorBudget.NONE);
        assertThat(r.rowsLoaded).isEqualTo(3);
        assertThat(contents("kafka_pretty")).containsExactly("1\t2026-01-15\ta\t1.50", "2\t2026-01-15\tb\t2.50",
                "3\t2026-01-15\tc\t3.50");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get();
        }
    }
}
