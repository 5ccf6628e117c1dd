package dev.lark.clickhouse.load.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClickHouseJdbcUrlTest {
    @Test
    void dsUrlsBecomeHttpEndpoints() {
        ClickHouseJdbcUrl u = ClickHouseJdbcUrl.parse("ds", "jdbc:clickhouse://127.0.0.1:18123/dwd?compress=1");
        assertThat(u.endpoints()).containsExactly("http://127.0.0.1:18123");
        assertThat(u.database()).isEqualTo("dwd");
        assertThat(u.options()).containsEntry("compress", "1");
        assertThat(ClickHouseJdbcUrl.parse("ds", "jdbc:ch://a:8123,b,c:9000?ssl=true").endpoints())
                .containsExactly("https://a:8123", "https://b:8443", "https://c:9000");
        assertThat(ClickHouseJdbcUrl.parse("ds", "jdbc:clickhouse:https://h:8443").endpoints())
                .containsExactly("https://h:8443");
        assertThat(ClickHouseJdbcUrl.parse("ds", "jdbc:clickhouse://h").database()).isNull();
        assertThatThrownBy(() -> ClickHouseJdbcUrl.parse("ds", "jdbc:mysql://h/db")).hasMessageContaining("'ds'")
                .hasMessageContaining("jdbc:clickhouse://host:8123/db");
    }
}
