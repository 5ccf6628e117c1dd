package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.sandbox.Sandbox;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's ClickHouse (libchdb served by our launcher) stores MergeTree data written over JDBC in an Atomic
 * database of our own (the {@code default} database is an Overlay database) and keeps it across a restart.
 */
@Sandboxed({"clickhouse"})
class ClickHouseSandboxIT {
    private static final int ROWS = 1000;

    @Test
    void mergeTreeRowsWrittenOverJdbcReadBack(SandboxEndpoints endpoints) throws Exception {
        String db = "lark_it_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = connect(endpoints)) {
            createAndFill(c, db);
            assertThat(queryString(c, "SELECT engine FROM system.databases WHERE name = '" + db + "'"))
                    .isEqualTo("Atomic");
            assertThat(queryString(c, "SELECT engine FROM system.tables WHERE database = '" + db
                    + "' AND name = 'events'")).isEqualTo("MergeTree");
            assertContent(c, db);
        } finally {
            drop(endpoints, db);
        }
    }

    @Test
    void dataSurvivesStopAndStart(SandboxEndpoints endpoints) throws Exception {
        String db = "lark_it_restart_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            try (Connection c = connect(endpoints)) {
                createAndFill(c, db);
            }
            Sandbox sandbox = endpoints.sandbox();
            sandbox.down(List.of("clickhouse"));
            assertThat(sandbox.component("clickhouse").healthy(sandbox.context())).isFalse();
            sandbox.up(List.of("clickhouse"));
            try (Connection c = connect(endpoints)) {
                assertContent(c, db);
            }
        } finally {
            drop(endpoints, db);
        }
    }

    private static void createAndFill(Connection c, String db) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db + " ENGINE = Atomic");
            s.execute("CREATE TABLE " + db + ".events (id UInt32, name String, amount Decimal(12, 2))"
                    + " ENGINE = MergeTree ORDER BY id");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + db + ".events (id, name, amount)"
                + " VALUES (?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                ps.setInt(1, i);
                ps.setString(2, "event-" + i);
                ps.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(2));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void assertContent(Connection c, String db) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(), sum(id), sum(amount), max(name) FROM " + db
                        + ".events")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(ROWS);
            assertThat(rs.getLong(2)).isEqualTo((long) ROWS * (ROWS + 1) / 2);
            assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("5005.00");
            assertThat(rs.getString(4)).isEqualTo("event-999");
        }
        assertThat(queryString(c, "SELECT name FROM " + db + ".events WHERE id = 42")).isEqualTo("event-42");
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private static void drop(SandboxEndpoints endpoints, String db) throws SQLException {
        try (Connection c = connect(endpoints); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " SYNC");
        }
    }

    static Connection connect(SandboxEndpoints endpoints) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", endpoints.get("clickhouse", "user"));
        p.setProperty("password", endpoints.get("clickhouse", "password"));
        return DriverManager.getConnection(endpoints.get("clickhouse", "jdbcUrl"), p);
    }
}
