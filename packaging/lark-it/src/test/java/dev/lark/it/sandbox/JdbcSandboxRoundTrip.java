package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.testkit.SandboxEndpoints;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A sandbox database takes rows from user {@code lark} over JDBC and gives them back; one subclass per database
 * names the component and its SQL dialect.
 */
abstract class JdbcSandboxRoundTrip {
    private static final int ROWS = 500;

    /** The sandbox component, e.g. {@code mariadb}. */
    abstract String component();

    /** The identifier quote of the dialect. */
    abstract String quote();

    /** What follows the column list in CREATE TABLE. */
    abstract String tableOptions();

    /** SQL expressions for the current database and user. */
    abstract String databaseAndUserSql();

    /** How the server names the user {@code lark}. */
    abstract void assertUserIsLark(String currentUser);

    @Test
    void rowsWrittenAsLarkReadBack(SandboxEndpoints endpoints) throws Exception {
        String table = "it_orders_" + UUID.randomUUID().toString().substring(0, 8).replace('-', '_');
        String quoted = quote() + table + quote();
        try (Connection c = DriverManager.getConnection(endpoints.get(component(), "jdbcUrl"),
                endpoints.get(component(), "user"), endpoints.get(component(), "password"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + quoted + " (id INT PRIMARY KEY, customer VARCHAR(64) NOT NULL,"
                        + " total DECIMAL(12, 2) NOT NULL)" + tableOptions());
            }
            try {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + quoted
                        + " (id, customer, total) VALUES (?, ?, ?)")) {
                    for (int i = 1; i <= ROWS; i++) {
                        ps.setInt(1, i);
                        ps.setString(2, "customer-" + (i % 7) + "-ü");
                        ps.setBigDecimal(3, new java.math.BigDecimal(i).movePointLeft(1));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT count(*), sum(id), sum(total),"
                                + " count(DISTINCT customer), " + databaseAndUserSql() + " FROM " + quoted)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(ROWS);
                    assertThat(rs.getLong(2)).isEqualTo((long) ROWS * (ROWS + 1) / 2);
                    assertThat(rs.getBigDecimal(3)).isEqualByComparingTo("12525.0");
                    assertThat(rs.getInt(4)).isEqualTo(7);
                    assertThat(rs.getString(5)).isEqualTo(endpoints.get(component(), "database"));
                    assertUserIsLark(rs.getString(6));
                }
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT customer FROM " + quoted + " WHERE id = 10")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("customer-3-ü");
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + quoted);
                }
            }
        }
    }
}
