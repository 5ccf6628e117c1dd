package dev.lark.it.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.cli.demo.DemoData;
import dev.lark.cli.demo.DemoPipeline;
import dev.lark.cli.demo.DemoReport;
import dev.lark.cli.demo.DemoSettings;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The demo pipeline of {@code packaging/bin/lark-demo} (the same {@link DemoPipeline} code, smaller data) in the real
 * stack: DS runs LARK_INGEST -> LARK_CLICKHOUSE_LOAD and LARK_CLEAN twice for one schedule time; the tables must hold
 * exactly what the generated source data implies, the rerun must change nothing, and Atlas must show the lineage of
 * {@code dws_orders_daily} back to the MariaDB table.
 */
@Sandboxed({"mariadb", "kafka", "clickhouse", "dolphinscheduler", "atlas"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPipelineIT {
    private static final DemoSettings SETTINGS = new DemoSettings(20_000, 1_000, DemoSettings.DEFAULT_SCHEDULE, 2,
            Duration.ofMinutes(10), Duration.ofSeconds(120));
    private final DemoData data = new DemoData(SETTINGS.orders(), SETTINGS.events(),
            SETTINGS.scheduleTime().toLocalDate());
    private DemoReport report;
    private SandboxEndpoints endpoints;

    @BeforeAll
    void runDemo(SandboxEndpoints endpoints) throws Exception {
        this.endpoints = endpoints;
        report = new DemoPipeline(endpoints.sandbox(), SETTINGS, line -> System.out.println("[demo] " + line)).run();
        System.out.print(report.render());
    }

    @Test
    void seedsTheGeneratedSources() {
        assertThat(report.ordersSeeded()).isEqualTo(SETTINGS.orders());
        assertThat(report.eventsSeeded()).isEqualTo(SETTINGS.events());
        assertThat(report.badEvents()).isEqualTo(data.badEvents()).isPositive();
    }

    @Test
    void everyStageRanAndBothRunsSucceeded() {
        assertThat(report.stages()).as(report.render())
                .filteredOn(s -> s.name().equals(DemoPipeline.INGEST) || s.name().equals(DemoPipeline.LOAD)
                        || s.name().equals(DemoPipeline.CLEAN))
                .extracting(DemoReport.Stage::available).containsExactly(true, true, true);
        assertThat(report.runs()).hasSize(2);
        for (DemoReport.Run run : report.runs()) {
            assertThat(run.state()).as(report.render()).isEqualTo("SUCCESS");
            assertThat(run.tasks()).extracting(DemoReport.TaskResult::name).containsExactlyInAnyOrder(
                    DemoPipeline.INGEST, DemoPipeline.LOAD, DemoPipeline.CLEAN);
            assertThat(run.tasks()).extracting(DemoReport.TaskResult::state).containsOnly("SUCCESS");
        }
    }

    @Test
    void odsHoldsEverySourceRowOnce() throws Exception {
        BigDecimal total = BigDecimal.ZERO;
        for (long id = 1; id <= SETTINGS.orders(); id++) {
            total = total.add(data.order(id).amount());
        }
        List<List<String>> r = clickhouse("SELECT count(), uniqExact(id), toString(sum(amount)), min(id), max(id) FROM "
                + DemoPipeline.ODS);
        List<String> row = r.get(0);
        assertThat(List.of(row.get(0), row.get(1), row.get(3), row.get(4))).containsExactly(
                Long.toString(SETTINGS.orders()), Long.toString(SETTINGS.orders()), "1",
                Long.toString(SETTINGS.orders()));
        assertThat(new BigDecimal(row.get(2))).isEqualByComparingTo(total);
    }

    @Test
    void dailyTotalsMatchTheSource() throws Exception {
        Map<LocalDate, DemoData.DailyTotals> expected = data.expectedDaily();
        Map<LocalDate, DemoData.DailyTotals> actual = new TreeMap<>();
        for (List<String> row : clickhouse("SELECT dt, orders, customers, quantity, toString(revenue) FROM "
                + DemoPipeline.DWS + " ORDER BY dt")) {
            actual.put(LocalDate.parse(row.get(0)), new DemoData.DailyTotals(Long.parseLong(row.get(1)),
                    Long.parseLong(row.get(2)), Long.parseLong(row.get(3)), new BigDecimal(row.get(4))));
        }
        assertThat(actual).hasSize(DemoData.ORDER_DAYS);
        expected.forEach((day, t) -> {
            DemoData.DailyTotals a = actual.get(day);
            assertThat(a).as("day %s", day).isNotNull();
            assertThat(a.orders()).as("orders on %s", day).isEqualTo(t.orders());
            assertThat(a.customers()).as("customers on %s", day).isEqualTo(t.customers());
            assertThat(a.quantity()).as("quantity on %s", day).isEqualTo(t.quantity());
            assertThat(a.revenue()).as("revenue on %s", day).isEqualByComparingTo(t.revenue());
        });
    }

    @Test
    void eventsEndEitherCleanedOrInTheDeadLetterTopic() throws Exception {
        long bad = data.badEvents();
        assertThat(clickhouse("SELECT count(), countIf(client_ip = ''), min(ts) >= toDateTime64('"
                + SETTINGS.scheduleTime().toLocalDate() + " 00:00:00', 3, 'UTC') FROM " + DemoPipeline.DWD).get(0))
                .containsExactly(Long.toString(SETTINGS.events() - bad), "0", "1");
        DemoReport.Run last = report.runs().get(report.runs().size() - 1);
        assertThat(last.counts()).containsEntry("Kafka dead-letter " + DemoPipeline.DEAD_TOPIC, bad);
    }

    @Test
    void aRerunOfTheSameScheduleTimeChangesNoCount() {
        assertThat(report.runs()).hasSize(2);
        assertThat(report.runs().get(1).counts()).as(report.render()).isEqualTo(report.runs().get(0).counts());
        assertThat(report.runs().get(0).counts()).containsEntry("ClickHouse " + DemoPipeline.ODS,
                (long) SETTINGS.orders());
    }

    // qualifiedNames are <name>@<server alias>; the alias is whatever the lineage configuration derives, so only
    // the name part is pinned here

    @Test
    void atlasShowsTheIngestTaskBetweenMariaDbAndOds() {
        assertThat(report.lineages()).as(report.render()).containsKey(DemoPipeline.ODS);
        assertThat(report.lineages().get(DemoPipeline.ODS)).matches(
                "lark\\.orders@\\S+ -> \\[ingest_orders\\] -> lark_demo\\.ods_orders@\\S+");
    }

    @Test
    void atlasShowsTheCleanTaskBetweenTheTopicAndDwd() {
        assertThat(report.lineages()).as(report.render()).containsKey(DemoPipeline.DWD);
        assertThat(report.lineages().get(DemoPipeline.DWD)).matches(
                "lark_demo_events@\\S+ -> \\[clean_events\\] -> lark_demo\\.dwd_events@\\S+");
    }

    @Test
    void atlasShowsTheWholeChainFromMariaDbToTheDailyTable() {
        // issue 6: the lineage API for the final table returns the chain back to the source table
        assertThat(report.lineage()).as(report.render()).isNotNull().matches("lark\\.orders@\\S+ -> \\[ingest_orders\\]"
                + " -> lark_demo\\.ods_orders@\\S+ -> \\[load_orders_daily\\] -> lark_demo\\.dws_orders_daily@\\S+");
    }

    private List<List<String>> clickhouse(String sql) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", endpoints.of("clickhouse").getOrDefault("user", "default"));
        p.setProperty("password", endpoints.of("clickhouse").getOrDefault("password", ""));
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(endpoints.get("clickhouse", "jdbcUrl"), p);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
