package dev.lark.datasource.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.dolphinscheduler.spi.datasource.BaseConnectionParam;
import org.apache.dolphinscheduler.spi.datasource.DataSourceClient;
import org.apache.dolphinscheduler.spi.enums.DbType;
import org.junit.jupiter.api.Test;

/**
 * The Lark channel against ClickHouse 26.7 as DS uses it (DataSourceClientProvider: channel -> client ->
 * getConnection), and, for the record, what DS 3.1.1's stock driver (ru.yandex clickhouse-jdbc 0.1.52) returns.
 */
@Sandboxed({"clickhouse"})
class LarkClickHouseDataSourceIT {
    /** What DS's ClickHouseDataSourceProcessor stores (address, database, other, validation query). */
    static final class Param extends BaseConnectionParam {
    }

    private static BaseConnectionParam param(String address, String other) {
        Param p = new Param();
        p.setAddress(address);
        p.setDatabase("default");
        p.setJdbcUrl(address + "/default");
        p.setUser("default");
        p.setPassword("");
        p.setDriverClassName("ru.yandex.clickhouse.ClickHouseDriver");
        p.setValidationQuery("select 1");
        p.setOther(other);
        return p;
    }

    private static List<String> rows(Connection c, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void testConnectionAndQueriesWorkWithFailoverAndSessionSettings(SandboxEndpoints e) throws Exception {
        String port = e.get("clickhouse", "httpPort");
        // the first host refuses connections: the client fails over to the second
        BaseConnectionParam p = param("jdbc:clickhouse://127.0.0.1:1,127.0.0.1:" + port,
                "session.max_block_size=4321&session.max_result_rows=1000");
        try (DataSourceClient client = new LarkClickHouseDataSourceChannelFactory().create()
                .createDataSourceClient(p, DbType.CLICKHOUSE); Connection c = client.getConnection()) {
            client.checkClient(); // DS's "test connection"
            assertThat(rows(c, "SELECT version()").get(0)).startsWith("26.");
            assertThat(rows(c, "SELECT getSetting('max_block_size'), getSetting('max_result_rows')"))
                    .containsExactly("4321|1000");
            assertThat(rows(c, "SELECT number, toDateTime64('2026-11-21 10:00:00.123', 3, 'UTC'), toDecimal64(1.5, 2),"
                    + " CAST(NULL AS Nullable(Int32)) FROM numbers(2)")).containsExactly(
                    "0|2026-11-21 10:00:00.123|1.50|null", "1|2026-11-21 10:00:00.123|1.50|null");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT toDateTime64('2026-11-21 10:00:00.123', 3, 'UTC') AS ts,"
                    + " CAST(NULL AS Nullable(Int32)) AS n")) {
                rs.next();
                assertThat(rs.getObject(1)).isNotInstanceOf(String.class);
                assertThat(rs.getMetaData().isNullable(2)).isEqualTo(java.sql.ResultSetMetaData.columnNullable);
            }
        }
    }

    @Test
    void whatTheStockDriverOfDs311DoesAgainstClickHouse26(SandboxEndpoints e) throws Exception {
        Class.forName("ru.yandex.clickhouse.ClickHouseDriver");
        try (Connection c = DriverManager.getConnection("jdbc:clickhouse://127.0.0.1:" + e.get("clickhouse", "httpPort")
                + "/default", "default", "")) {
            // plain queries work: DS's "test connection" (select 1) and simple SQL tasks succeed
            assertThat(rows(c, "select 1")).containsExactly("1");
            assertThat(c.getMetaData().getDatabaseProductVersion()).startsWith("26.");
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT toDateTime64('2026-11-21 10:00:00.123', 3, 'UTC') AS ts, toDecimal128(1.5, 4) AS d,"
                            + " CAST(NULL AS Nullable(Int32)) AS n, map('a', 1) AS m")) {
                rs.next();
                // but type fidelity is lost: DateTime64 comes back as a String, Nullable(Int32) is reported as Int32
                // (not nullable), Map is a String
                assertThat(rs.getObject("ts")).isInstanceOf(String.class);
                assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("Int32");
                assertThat(rs.getObject("m")).isInstanceOf(String.class);
            }
            // and several hosts in one URL are not understood (no failover)
            boolean failed;
            try (Connection two = DriverManager.getConnection("jdbc:clickhouse://127.0.0.1:1,127.0.0.1:"
                    + e.get("clickhouse", "httpPort") + "/default", "default", "")) {
                rows(two, "select 1");
                failed = false;
            } catch (Exception ex) {
                failed = true;
            }
            assertThat(failed).isTrue();
        }
    }
}
