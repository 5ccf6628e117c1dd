package dev.lark.datasource.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.ServiceLoader;
import org.apache.dolphinscheduler.spi.datasource.DataSourceChannelFactory;
import org.junit.jupiter.api.Test;

class ClickHouseJdbcTargetsTest {
    @Test
    void hostsBecomeOneUrlEachWithSessionSettingsAndCompression() {
        ClickHouseJdbcTargets t = ClickHouseJdbcTargets.of("jdbc:clickhouse://ch1:8123,ch2,10.0.0.3:9123", "dwd",
                ClickHouseJdbcTargets.parseOther("session.max_execution_time=60&socket_timeout=30000&"));
        assertThat(t.urls()).containsExactly("jdbc:clickhouse:http://ch1:8123/dwd", "jdbc:clickhouse:http://ch2:9123/dwd",
                "jdbc:clickhouse:http://10.0.0.3:9123/dwd");
        assertThat(t.properties()).containsEntry("compress", "true")
                .containsEntry("clickhouse_setting_max_execution_time", "60").containsEntry("socket_timeout", "30000")
                .doesNotContainKey("session.max_execution_time");
    }

    @Test
    void sslAndDefaults() {
        ClickHouseJdbcTargets t = ClickHouseJdbcTargets.of("jdbc:clickhouse://secure", null,
                Map.of("ssl", "true", "compress", "false"));
        assertThat(t.urls()).containsExactly("jdbc:clickhouse:https://secure:8443/default");
        assertThat(t.properties()).containsEntry("compress", "false").doesNotContainKey("ssl");
        assertThatThrownBy(() -> ClickHouseJdbcTargets.of("ch:8123", "d", Map.of()))
                .hasMessageContaining("'ch:8123'").hasMessageContaining("jdbc:clickhouse://host:port");
    }

    @Test
    void factoryOutranksTheBuiltInChannel() {
        LarkClickHouseDataSourceChannelFactory f = ServiceLoader.load(DataSourceChannelFactory.class).stream()
                .map(ServiceLoader.Provider::get).filter(x -> x instanceof LarkClickHouseDataSourceChannelFactory)
                .map(LarkClickHouseDataSourceChannelFactory.class::cast).findFirst().orElseThrow();
        assertThat(f.getName()).isEqualTo("clickhouse");
        assertThat(f.getIdentify().getPriority()).isGreaterThan(0);
    }
}
