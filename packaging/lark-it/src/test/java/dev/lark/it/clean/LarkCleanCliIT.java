package dev.lark.it.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.cli.LarkCli;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.kafka.TestTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lark clean run} drives the same job runner as LARK_CLEAN, with the same sources and sinks: a JDBC query on
 * the sandbox MariaDB cleaned into a Kafka topic (bad rows into a dead-letter topic), then that topic cleaned into a
 * ClickHouse table created from the output schema. Counts add up at every hop, and a second run from the committed
 * offsets adds nothing.
 */
@Sandboxed({"mariadb", "kafka", "clickhouse"})
class LarkCleanCliIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path CONFIGS = Path.of("src/test/resources/clean");

    @Test
    void jdbcToKafkaThenKafkaToClickHouseThroughTheCli(SandboxEndpoints endpoints) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = endpoints.get("kafka", "bootstrapServers");
        String events = "cli-events-" + run;
        String dead = "cli-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(events, 1, (short) 1), new NewTopic(dead, 1, (short) 1))).all().get();
        }

        // 40 orders (2 items each), 10 views (filtered by the config), 5 broken JSON payloads
        String table = "cli_events_" + run;
        try (Connection c = mariadb(endpoints); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, payload TEXT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                int id = 0;
                for (int i = 0; i < 40; i++) {
                    ps.setInt(1, ++id);
                    ps.setString(2, "{\"event_time\":\"2024-05-01 10:00:" + String.format("%02d", i) + "\",\"user\":" + (100 + i)
                            + ",\"type\":\"order\",\"items\":[{\"sku\":\"A" + i + "\",\"qty\":1,\"price\":\"2.50\"},{\"sku\":\"B" + i
                            + "\",\"qty\":2,\"price\":\"1.25\"}]}");
                    ps.addBatch();
                }
                for (int i = 0; i < 10; i++) {
                    ps.setInt(1, ++id);
                    ps.setString(2, "{\"event_time\":1714557600000,\"user\":" + (500 + i) + ",\"type\":\"view\"}");
                    ps.addBatch();
                }
                for (int i = 0; i < 5; i++) {
                    ps.setInt(1, ++id);
                    ps.setString(2, "{\"event_time\":\"2024-05-01 10:00:00\",\"user\":" + i + ",\"items\":[");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }

        // hop 1: JDBC -> Kafka, through the CLI (the password comes from the option's env default in real use)
        Result hop1 = cli("clean", "run", "--config", CONFIGS.resolve("orders.yaml").toString(),
                "--jdbc-url", endpoints.get("mariadb", "jdbcUrl"), "--jdbc-user", endpoints.get("mariadb", "user"),
                "--jdbc-password", endpoints.get("mariadb", "password"),
                "--jdbc-query", "SELECT payload FROM " + table + " ORDER BY id", "--jdbc-column", "payload",
                "--kafka-bootstrap-servers", bootstrap, "--sink-topic", events, "--dead-letter-topic", dead, "--batch-size", "16");
        assertThat(hop1.rc).as(hop1.out).isZero();
        assertThat(hop1.out).containsPattern("inputs +: 55\n").containsPattern("filtered +: 10\n")
                .containsPattern("failed \\(dead letters\\) +: 5\n").containsPattern("output records +: 80\n");
        List<JsonNode> cleaned = TestTopics.readAllJson(bootstrap, events);
        assertThat(cleaned).hasSize(80).allSatisfy(r -> assertThat(r.get("sku").asText()).matches("[AB]\\d+"));
        List<JsonNode> deadLetters = TestTopics.readAllJson(bootstrap, dead);
        assertThat(deadLetters).hasSize(5).allSatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("BAD_JSON");
            assertThat(d.get("raw").asText()).startsWith("{\"event_time\"");
        });

        // hop 2: Kafka -> ClickHouse, from the committed offsets of a consumer group; the cleaned records are JSON
        String chTable = "lark_clean_cli_it.items_" + run;
        try (Connection c = DriverManager.getConnection(endpoints.get("clickhouse", "jdbcUrl"), "default", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS lark_clean_cli_it");
        }
        String[] hop2 = {"clean", "run", "--config", CONFIGS.resolve("items-json.yaml").toString(),
                "--kafka-bootstrap-servers", bootstrap, "--source-topic", events, "--start-offsets", "committed",
                "--consumer-group", "cli-it-" + run, "--clickhouse-url", endpoints.get("clickhouse", "httpUrl"),
                "--clickhouse-table", chTable};
        Result first = cli(hop2);
        assertThat(first.rc).as(first.out).isZero();
        assertThat(first.out).containsPattern("inputs +: 80\n").containsPattern("output records +: 80\n");
        try (Connection c = DriverManager.getConnection(endpoints.get("clickhouse", "jdbcUrl"), "default", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), sum(qty), uniqExact(user_id), toString(sum(price)) FROM " + chTable)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(80);
            assertThat(rs.getLong(2)).isEqualTo(40 * 3);
            assertThat(rs.getLong(3)).isEqualTo(40);
            assertThat(rs.getString(4)).isEqualTo("150");
        }
        Result again = cli(hop2);
        assertThat(again.rc).as(again.out).isZero();
        assertThat(again.out).containsPattern("inputs +: 0\n");
        try (Connection c = DriverManager.getConnection(endpoints.get("clickhouse", "jdbcUrl"), "default", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count() FROM " + chTable)) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(80);
        }
    }

    record Result(int rc, String out) {
    }

    private static Result cli(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = new CommandLine(new LarkCli()).execute(args);
            return new Result(rc, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    private static Connection mariadb(SandboxEndpoints endpoints) throws Exception {
        return DriverManager.getConnection(endpoints.get("mariadb", "jdbcUrl"), endpoints.get("mariadb", "user"),
                endpoints.get("mariadb", "password"));
    }

}
