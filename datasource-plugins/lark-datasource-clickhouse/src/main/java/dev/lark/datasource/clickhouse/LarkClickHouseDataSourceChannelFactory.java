package dev.lark.datasource.clickhouse;

import com.google.auto.service.AutoService;
import org.apache.dolphinscheduler.spi.datasource.DataSourceChannel;
import org.apache.dolphinscheduler.spi.datasource.DataSourceChannelFactory;
import org.apache.dolphinscheduler.spi.plugin.SPIIdentify;

/**
 * Replaces DS 3.1.1's built-in "clickhouse" datasource channel (priority 0) through the priority SPI. Only the
 * channel is replaced: DataSourceProcessors load by plain ServiceLoader and a second CLICKHOUSE processor would stop
 * DS from starting, so the stock processor keeps handling the form and the stored connection parameters.
 */
@AutoService(DataSourceChannelFactory.class)
public class LarkClickHouseDataSourceChannelFactory implements DataSourceChannelFactory {
    public static final int PRIORITY = 10;

    @Override
    public String getName() {
        return "clickhouse";
    }

    @Override
    public DataSourceChannel create() {
        return new LarkClickHouseDataSourceChannel();
    }

    @Override
    public SPIIdentify getIdentify() {
        return SPIIdentify.builder().name(getName()).priority(PRIORITY).build();
    }
}
