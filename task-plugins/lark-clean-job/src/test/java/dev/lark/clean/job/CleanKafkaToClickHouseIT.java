package dev.lark.clean.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.kafka.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * Raw nginx access logs and nested JSON events in real Kafka topics, cleaned by the job runner (as LARK_CLEAN and `lark clean run` use it) into real
 * ClickHouse tables (created from the output schema) with failed records in a dead-letter topic. The counts must
 * add up exactly, and a second run from the committed offsets must add nothing.
 */
@Sandboxed({"kafka", "clickhouse"})
class CleanKafkaToClickHouseIT {
    static final ObjectMapper JSON = new ObjectMapper();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String db = "lark_clean_it";

    @Test
    void nginxAndNestedEventsFromKafkaIntoClickHouseWithDeadLetters(SandboxEndpoints sandbox) throws Exception {
        String bootstrap = sandbox.get("kafka", "bootstrapServers");
        String chUrl = sandbox.get("clickhouse", "httpUrl");
        String nginxTopic = "it-nginx-" + run;
        String eventsTopic = "it-events-" + run;
        String deadTopic = "it-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(nginxTopic, 2, (short) 1), new NewTopic(eventsTopic, 2, (short) 1),
                    new NewTopic(deadTopic, 1, (short) 1))).all().get();
        }

        // --- nginx: 240 good (some with bytes "-"), 30 health checks (filtered), 30 garbage lines (NO_MATCH)
        Random r = new Random(7);
        List<String> nginx = new ArrayList<>();
        long goodBytes = 0;
        for (int i = 0; i < 240; i++) {
            boolean dash = i % 10 == 0;
            int bytes = dash ? 0 : r.nextInt(50_000);
            goodBytes += bytes;
            nginx.add(String.format("10.0.%d.%d - - [01/May/2024:10:%02d:%02d +0000] \"GET /api/items/%d HTTP/1.1\" %d %s \"-\" \"it-agent/%d\"",
                    r.nextInt(256), r.nextInt(256), i % 60, r.nextInt(60), i, i % 7 == 0 ? 404 : 200, dash ? "-" : Integer.toString(bytes), i));
        }
        for (int i = 0; i < 30; i++) {
            nginx.add("10.9.9.9 - - [01/May/2024:11:00:00 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"");
        }
        for (int i = 0; i < 30; i++) {
            nginx.add("garbage line " + i + " that is not an access log");
        }
        java.util.Collections.shuffle(nginx, r);

        // --- events: 60 orders (1..3 items each), 20 views (filtered), 10 broken JSON, 10 orders with a bad qty
        List<String> events = new ArrayList<>();
        int items = 0;
        for (int i = 0; i < 60; i++) {
            int n = 1 + i % 3;
            items += n;
            StringBuilder its = new StringBuilder();
            for (int k = 0; k < n; k++) {
                its.append(k == 0 ? "" : ",").append(String.format("{\"sku\":\"SKU-%d-%d\",\"qty\":%d,\"price\":\"%d.50\"}", i, k, 1 + k, 10 + k));
            }
            events.add(String.format("{\"event_time\":\"2024-05-01 10:00:%02d.125\",\"user\":%d,\"type\":\"order\",\"items\":[%s]}", i % 60, 1000 + i, its));
        }
        for (int i = 0; i < 20; i++) {
            events.add(String.format("{\"event_time\":%d,\"user\":%d,\"type\":\"view\"}", 1714557600000L + i, 2000 + i));
        }
        for (int i = 0; i < 10; i++) {
            events.add("{\"event_time\":\"2024-05-01 10:00:00\",\"user\":" + i + ",\"type\":\"order\",\"items\":[");
        }
        for (int i = 0; i < 10; i++) {
            events.add("{\"event_time\":\"2024-05-01 10:00:00\",\"user\":" + (3000 + i) + ",\"type\":\"order\",\"items\":[{\"sku\":\"X\",\"qty\":\"two\",\"price\":1}]}");
        }
        TestTopics.produceKeyed(bootstrap, nginxTopic, nginx);
        TestTopics.produceKeyed(bootstrap, eventsTopic, events);

        try (Client ch = new Client.Builder().addEndpoint(chUrl).setUsername("default").setPassword("").build()) {
            ch.execute("CREATE DATABASE IF NOT EXISTS " + db).get().close();
            ch.execute("DROP TABLE IF EXISTS " + db + ".nginx_" + run).get().close();
            ch.execute("DROP TABLE IF EXISTS " + db + ".items_" + run).get().close();

            CleanJob.Result a = runJob(resource("it-nginx.json"), bootstrap, nginxTopic, chUrl, db + ".nginx_" + run, deadTopic);
            assertThat(a.counters().inputs()).isEqualTo(300);
            assertThat(a.counters().succeeded()).isEqualTo(240);
            assertThat(a.counters().filtered()).isEqualTo(30);
            assertThat(a.counters().failed()).isEqualTo(30);
            assertThat(a.counters().outputRecords()).isEqualTo(240);
            assertThat(a.withinBudget()).isTrue();

            CleanJob.Result b = runJob(resource("it-events.yaml"), bootstrap, eventsTopic, chUrl, db + ".items_" + run, deadTopic);
            assertThat(b.counters().inputs()).isEqualTo(100);
            assertThat(b.counters().succeeded()).isEqualTo(60);
            assertThat(b.counters().filtered()).isEqualTo(20);
            assertThat(b.counters().failed()).isEqualTo(20);
            assertThat(b.counters().outputRecords()).isEqualTo(items);

            // what is in ClickHouse
            GenericRecord n = ch.queryAll("SELECT count() AS c, sum(bytes) AS b, countIf(status = 404) AS nf, min(ts) AS mn FROM "
                    + db + ".nginx_" + run).get(0);
            assertThat(n.getLong("c")).isEqualTo(240);
            assertThat(n.getLong("b")).isEqualTo(goodBytes);
            assertThat(n.getLong("nf")).isEqualTo(nginx.stream().filter(l -> l.contains("\" 404 ")).count());
            GenericRecord e = ch.queryAll("SELECT count() AS c, uniqExact(user_id) AS u, sum(qty) AS q, toString(min(ts)) AS t FROM " + db + ".items_" + run).get(0);
            assertThat(e.getLong("c")).isEqualTo(items);
            assertThat(e.getLong("u")).isEqualTo(60);
            assertThat(e.getLong("q")).isEqualTo(60 / 3 * (1 + (1 + 2) + (1 + 2 + 3)));
            assertThat(e.getString("t")).isEqualTo("2024-05-01 02:00:00.125"); // Asia/Shanghai local time -> UTC
            List<GenericRecord> cols = ch.queryAll("SELECT name, type FROM system.columns WHERE database = '" + db + "' AND table = 'items_" + run + "' ORDER BY position");
            assertThat(cols.stream().map(c -> c.getString("name") + ":" + c.getString("type")))
                    .containsExactly("ts:DateTime64(3, 'UTC')", "user_id:Nullable(Int64)", "event_type:Nullable(String)",
                            "sku:Nullable(String)", "qty:Nullable(Int32)", "price:Nullable(Decimal(38, 9))");

            // what is in the dead-letter topic: every failed input, with its reason and raw text
            List<JsonNode> dead = TestTopics.readAllJson(bootstrap, deadTopic);
            assertThat(dead).hasSize(50);
            Map<String, Integer> kinds = new HashMap<>();
            for (JsonNode d : dead) {
                kinds.merge(d.get("step").asText() + "/" + d.get("kind").asText(), 1, Integer::sum);
                assertThat(d.get("raw").asText()).isNotEmpty();
                assertThat(d.get("message").asText()).isNotEmpty();
            }
            assertThat(kinds).containsOnly(Map.entry("parse_line/NO_MATCH", 30), Map.entry("parse/BAD_JSON", 10),
                    Map.entry("item/TYPE_CONVERSION", 10));

            // a run that exceeds its error budget publishes nothing: the table is unchanged, no staging table is left
            String strict = resource("it-nginx.json").replace("\"max_percent\": 20", "\"max_records\": 0");
            assertThat(strict).contains("\"max_records\": 0");
            CleanJob.Result failed = runJob(strict, bootstrap, nginxTopic, chUrl, db + ".nginx_" + run, deadTopic, "strict");
            assertThat(failed.withinBudget()).isFalse();
            assertThat(ch.queryAll("SELECT count() AS c FROM " + db + ".nginx_" + run).get(0).getLong("c")).isEqualTo(240);
            assertThat(ch.queryAll("SELECT count() AS c FROM system.tables WHERE database = '" + db + "' AND name LIKE '%_lark_stage_%'")
                    .get(0).getLong("c")).isZero();
            long deadAfterStrict = TestTopics.readAllJson(bootstrap, deadTopic).size();
            assertThat(deadAfterStrict).isGreaterThan(50); // the strict run's dead letters are still delivered

            // a second run from the committed offsets reads nothing new and writes nothing twice
            CleanJob.Result again = runJob(resource("it-nginx.json"), bootstrap, nginxTopic, chUrl, db + ".nginx_" + run, deadTopic);
            assertThat(again.counters().inputs()).isZero();
            assertThat(ch.queryAll("SELECT count() AS c FROM " + db + ".nginx_" + run).get(0).getLong("c")).isEqualTo(240);
            assertThat(TestTopics.readAllJson(bootstrap, deadTopic)).hasSize((int) deadAfterStrict);

            // re-cleaning the whole topic (a new group starts at the beginning) with REPLACE_PARTITIONS replaces the
            // day's partition: still 240 rows, the same sum, nothing doubled
            CleanJob.Result replay = runJob(resource("it-nginx.json"), bootstrap, nginxTopic, chUrl, db + ".nginx_" + run, deadTopic,
                    "replay", "REPLACE_PARTITIONS");
            assertThat(replay.counters().inputs()).isEqualTo(300);
            GenericRecord afterReplay = ch.queryAll("SELECT count() AS c, sum(bytes) AS b FROM " + db + ".nginx_" + run).get(0);
            assertThat(afterReplay.getLong("c")).isEqualTo(240);
            assertThat(afterReplay.getLong("b")).isEqualTo(goodBytes);
        }
    }

    private CleanJob.Result runJob(String config, String bootstrap, String topic, String chUrl, String table, String deadTopic) throws Exception {
        return runJob(config, bootstrap, topic, chUrl, table, deadTopic, "main");
    }

    private CleanJob.Result runJob(String config, String bootstrap, String topic, String chUrl, String table, String deadTopic,
            String group) throws Exception {
        return runJob(config, bootstrap, topic, chUrl, table, deadTopic, group, "APPEND");
    }

    private CleanJob.Result runJob(String config, String bootstrap, String topic, String chUrl, String table, String deadTopic,
            String group, String writeMode) throws Exception {
        CleanJobSpec spec = CleanJobSpec.builder()
                .sourceType("KAFKA").kafkaBootstrapServers(bootstrap).sourceTopic(topic)
                .startOffsets("committed").consumerGroup("lark-clean-it-" + run + "-" + topic + "-" + group)
                .sinkType("CLICKHOUSE").clickhouseUrl(chUrl).clickhouseTable(table).writeMode(writeMode)
                .deadLetterType("KAFKA").deadLetterTopic(deadTopic)
                .batchSize(64).build();
        RunSummary summary = new RunSummary("LARK_CLEAN IT");
        CleanJob.Result res = CleanJobs.run(CleanPlan.compile(CleanConfig.parse(config)), spec,
                RunContext.slf4j("clean-it"), summary, h -> { });
        System.out.println(summary.render());
        CleanCountersCheck.addsUp(res);
        return res;
    }

    static final class CleanCountersCheck {
        static void addsUp(CleanJob.Result r) {
            assertThat(r.counters().succeeded() + r.counters().filtered() + r.counters().failed()).isEqualTo(r.counters().inputs());
        }
    }

    private static String resource(String name) throws Exception {
        return Files.readString(Path.of("src/test/resources", name));
    }

}
