package dev.lark.datasource.clickhouse;

import org.apache.dolphinscheduler.spi.datasource.BaseConnectionParam;
import org.apache.dolphinscheduler.spi.datasource.DataSourceChannel;
import org.apache.dolphinscheduler.spi.datasource.DataSourceClient;
import org.apache.dolphinscheduler.spi.enums.DbType;

public class LarkClickHouseDataSourceChannel implements DataSourceChannel {
    @Override
    public DataSourceClient createDataSourceClient(BaseConnectionParam baseConnectionParam, DbType dbType) {
        return new LarkClickHouseDataSourceClient(baseConnectionParam, dbType);
    }
}
