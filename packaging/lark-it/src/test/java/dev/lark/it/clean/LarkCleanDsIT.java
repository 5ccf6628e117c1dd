package dev.lark.it.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.DolphinSchedulerClient;
import dev.lark.testkit.ds.StartOptions;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import dev.lark.testkit.ds.WorkflowSpec;
import dev.lark.testkit.kafka.TestTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * LARK_CLEAN in the real DolphinScheduler: a workflow cleans nginx access logs from a Kafka topic into a ClickHouse
 * table it creates from the output schema, failed lines into a dead-letter topic; the counts add up exactly in
 * ClickHouse, in the dead-letter topic and in the task's varPool.
 */
@Sandboxed({"dolphinscheduler", "kafka", "clickhouse"})
class LarkCleanDsIT {
    static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void nginxLogsFromKafkaIntoClickHouseThroughADsWorkflow(SandboxEndpoints endpoints) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = endpoints.get("kafka", "bootstrapServers");
        String chJdbc = endpoints.get("clickhouse", "jdbcUrl");
        String topic = "ds-clean-nginx-" + run;
        String dead = "ds-clean-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1), new NewTopic(dead, 1, (short) 1))).all().get();
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            lines.add(String.format("192.168.%d.%d - - [02/May/2024:08:%02d:%02d +0200] \"GET /shop/%d HTTP/1.1\" 200 %d \"-\" \"ds-it\"",
                    i % 250, i % 200, i % 60, (i * 7) % 60, i, 100 + i));
        }
        for (int i = 0; i < 25; i++) {
            lines.add("not a log line #" + i);
        }
        for (int i = 0; i < 15; i++) {
            lines.add("10.0.0.1 - - [02/May/2024:08:00:00 +0200] \"GET /health HTTP/1.1\" 200 2 \"-\" \"probe\"");
        }
        TestTopics.produce(bootstrap, topic, lines);

        String table = "lark_clean_ds_it.nginx_" + run;
        try (Connection c = DriverManager.getConnection(chJdbc, "default", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS lark_clean_ds_it");
        }
        ObjectNode config = (ObjectNode) JSON.readTree(Files.readString(Path.of("../../task-plugins/lark-clean-engine/examples/nginx.json")));
        config.putObject("error_budget").put("max_percent", 10);
        ObjectNode params = JSON.createObjectNode();
        params.put("config", config.toString());
        params.put("sourceType", "KAFKA").put("kafkaBootstrapServers", bootstrap).put("sourceTopic", topic)
                .put("startOffsets", "committed").put("consumerGroup", "ds-clean-" + run);
        params.put("sinkType", "CLICKHOUSE").put("clickhouseUrl", endpoints.get("clickhouse", "httpUrl"))
                .put("clickhouseUser", "default").put("clickhousePassword", "").put("clickhouseTable", table);
        params.put("deadLetterType", "KAFKA").put("deadLetterTopic", dead).put("batchSize", 100);
        params.putArray("localParams");

        DolphinSchedulerClient ds = DolphinSchedulerClient.login(endpoints);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("clean-" + run)
                .task(TaskDefinitionSpec.builder("clean", "LARK_CLEAN").taskParams(params)).build());
        ds.release(wf, true);
        WorkflowRun r = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        TaskRun clean = r.task("clean");
        assertThat(r.state()).as(r.describe() + "\n" + clean.log()).isEqualTo("SUCCESS");
        assertThat(clean.log()).contains("LARK_CLEAN summary").contains("inputs").contains("440");
        assertThat(clean.varPool()).contains("cleanInputs").contains("\"440\"").contains("cleanOutputRecords").contains("\"400\"")
                .contains("cleanFailed").contains("\"25\"").contains("cleanFiltered").contains("\"15\"");

        try (Connection c = DriverManager.getConnection(chJdbc, "default", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), sum(bytes), toString(min(ts)) FROM " + table)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(400);
            assertThat(rs.getLong(2)).isEqualTo(400 * 100 + 399 * 400 / 2);
            assertThat(rs.getString(3)).isEqualTo("2024-05-02 06:00:00.000");
        }
        List<JsonNode> deadLetters = TestTopics.readAllJson(bootstrap, dead);
        assertThat(deadLetters).hasSize(25).allSatisfy(d -> {
            assertThat(d.get("kind").asText()).isEqualTo("NO_MATCH");
            assertThat(d.get("step").asText()).isEqualTo("parse_line");
            assertThat(d.get("raw").asText()).startsWith("not a log line #");
        });
    }

    /**
     * Nested JSON events (the example config {@code events.yaml}: json, select, access, iterate) from Kafka into
     * ClickHouse through a DS workflow: one row per item of every order, one per view event; broken JSON and a
     * non-numeric quantity go to the dead-letter topic with their kind. Every input is accounted for.
     */
    @Test
    void nestedJsonEventsFanOutIntoClickHouseThroughADsWorkflow(SandboxEndpoints endpoints) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String bootstrap = endpoints.get("kafka", "bootstrapServers");
        String chJdbc = endpoints.get("clickhouse", "jdbcUrl");
        String topic = "ds-clean-events-" + run;
        String dead = "ds-clean-events-dead-" + run;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1), new NewTopic(dead, 1, (short) 1))).all().get();
        }
        List<String> events = new ArrayList<>();
        long expectedQty = 0;
        int expectedItems = 0;
        for (int i = 0; i < 120; i++) { // orders with 1, 2 or 3 items; item j has qty j + 1
            int items = i % 3 + 1;
            StringBuilder e = new StringBuilder("{\"event_time\":\"2024-05-01 10:00:00\",\"user\":" + (1000 + i)
                    + ",\"type\":\"order\",\"items\":[");
            for (int j = 0; j < items; j++) {
                e.append(j == 0 ? "" : ",").append("{\"sku\":\"S-").append(i).append('-').append(j)
                        .append("\",\"qty\":").append(j + 1).append(",\"price\":\"9.90\"}");
                expectedQty += j + 1;
                expectedItems++;
            }
            events.add(e.append("]}").toString());
        }
        for (int i = 0; i < 30; i++) { // views: no items, one row each
            events.add("{\"event_time\":1714557600000,\"user\":" + (2000 + i) + ",\"type\":\"view\"}");
        }
        for (int i = 0; i < 10; i++) {
            events.add("{\"event_time\":\"2024-05-01 10:00:00\",\"user\":" + i + ",\"type\":\"order\",\"items\":");
        }
        for (int i = 0; i < 5; i++) {
            events.add("{\"event_time\":\"2024-05-01 10:00:00\",\"user\":" + (3000 + i)
                    + ",\"type\":\"order\",\"items\":[{\"sku\":\"X\",\"qty\":\"two\",\"price\":1}]}");
        }
        TestTopics.produceKeyed(bootstrap, topic, events);

        String table = "lark_clean_ds_it.events_" + run;
        try (Connection c = DriverManager.getConnection(chJdbc, "default", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS lark_clean_ds_it");
        }
        ObjectNode params = JSON.createObjectNode();
        params.put("config", Files.readString(Path.of("../../task-plugins/lark-clean-engine/examples/events.yaml")));
        params.put("sourceType", "KAFKA").put("kafkaBootstrapServers", bootstrap).put("sourceTopic", topic)
                .put("startOffsets", "committed").put("consumerGroup", "ds-clean-events-" + run);
        params.put("sinkType", "CLICKHOUSE").put("clickhouseUrl", endpoints.get("clickhouse", "httpUrl"))
                .put("clickhouseUser", "default").put("clickhousePassword", "").put("clickhouseTable", table);
        params.put("deadLetterType", "KAFKA").put("deadLetterTopic", dead).put("batchSize", 50);
        params.putArray("localParams");

        DolphinSchedulerClient ds = DolphinSchedulerClient.login(endpoints);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject("lark-it");
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder("clean-events-" + run)
                .task(TaskDefinitionSpec.builder("clean", "LARK_CLEAN").taskParams(params)).build());
        ds.release(wf, true);
        WorkflowRun r = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);
        TaskRun clean = r.task("clean");
        assertThat(r.state()).as(r.describe() + "\n" + clean.log()).isEqualTo("SUCCESS");
        int inputs = events.size();
        assertThat(clean.varPool()).contains("cleanInputs").contains("\"" + inputs + "\"")
                .contains("cleanOutputRecords").contains("\"" + (expectedItems + 30) + "\"")
                .contains("cleanFailed").contains("\"15\"");

        try (Connection c = DriverManager.getConnection(chJdbc, "default", ""); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(), countIf(event_type = 'view'), sumIf(qty, event_type ="
                     + " 'order'), uniqExactIf(sku, event_type = 'order'), toString(minIf(ts, event_type = 'order'))"
                     + " FROM " + table)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).as("rows: one per order item, one per view").isEqualTo(expectedItems + 30);
            assertThat(rs.getLong(2)).isEqualTo(30);
            assertThat(rs.getLong(3)).isEqualTo(expectedQty);
            assertThat(rs.getLong(4)).isEqualTo(expectedItems);
            assertThat(rs.getString(5)).as("Asia/Shanghai event time in UTC").isEqualTo("2024-05-01 02:00:00.000");
        }
        List<JsonNode> deadLetters = TestTopics.readAllJson(bootstrap, dead);
        assertThat(deadLetters).hasSize(15);
        assertThat(deadLetters.stream().filter(d -> d.get("kind").asText().equals("BAD_JSON")
                && d.get("step").asText().equals("parse"))).hasSize(10);
        assertThat(deadLetters.stream().filter(d -> d.get("kind").asText().equals("TYPE_CONVERSION")
                && d.get("step").asText().equals("item") && d.get("raw").asText().contains("\"two\""))).hasSize(5);
    }
}
