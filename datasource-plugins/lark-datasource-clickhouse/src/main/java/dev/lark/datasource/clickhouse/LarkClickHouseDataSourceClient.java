package dev.lark.datasource.clickhouse;

import com.clickhouse.jdbc.ClickHouseDriver;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import java.util.Properties;
import org.apache.dolphinscheduler.plugin.datasource.api.client.CommonDataSourceClient;
import org.apache.dolphinscheduler.plugin.datasource.api.utils.PasswordUtils;
import org.apache.dolphinscheduler.spi.datasource.BaseConnectionParam;
import org.apache.dolphinscheduler.spi.enums.DbType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * DS's common pooled client, with the pool built on clickhouse-jdbc 0.11 (HTTP, compression, failover across the
 * datasource's hosts, session settings) instead of the stored driver class (ru.yandex 0.1.52, which cannot read
 * results from current servers). Everything else (validation query, connection check, close) is DS's own.
 */
public class LarkClickHouseDataSourceClient extends CommonDataSourceClient {
    private static final Logger LOG = LoggerFactory.getLogger(LarkClickHouseDataSourceClient.class);

    public LarkClickHouseDataSourceClient(BaseConnectionParam param, DbType dbType) {
        super(param, dbType);
    }

    @Override
    protected void initClient(BaseConnectionParam param, DbType dbType) {
        this.dataSource = createDataSource(param);
        this.jdbcTemplate = new JdbcTemplate(dataSource);
    }

    static HikariDataSource createDataSource(BaseConnectionParam param) {
        Map<String, String> other = ClickHouseJdbcTargets.parseOther(param.getOther());
        if (param.getProps() != null) {
            param.getProps().forEach(other::putIfAbsent);
        }
        ClickHouseJdbcTargets targets = ClickHouseJdbcTargets.of(param.getAddress(), param.getDatabase(), other);
        Properties props = targets.properties();
        if (param.getUser() != null) {
            props.setProperty("user", param.getUser());
        }
        String password = PasswordUtils.decodePassword(param.getPassword());
        if (password != null) {
            props.setProperty("password", password);
        }
        HikariDataSource ds = new HikariDataSource();
        ds.setDataSource(new FailoverDataSource(new ClickHouseDriver(), targets.urls(), props));
        ds.setPoolName("lark-clickhouse-" + targets.urls().get(0).replaceAll("[^A-Za-z0-9.:_-]", "_"));
        ds.setMinimumIdle(0);
        ds.setMaximumPoolSize(10);
        ds.setConnectionTestQuery(param.getValidationQuery() == null ? "SELECT 1" : param.getValidationQuery());
        LOG.info("ClickHouse datasource via clickhouse-jdbc 0.11 on {} (failover in this order)", targets.urls());
        return ds;
    }
}
