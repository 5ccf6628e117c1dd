package dev.lark.clickhouse.load.task;

import com.google.auto.service.AutoService;
import java.util.List;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannelFactory;
import org.apache.dolphinscheduler.spi.params.base.PluginParams;

/** Registers the task type LARK_CLICKHOUSE_LOAD with DS. */
@AutoService(TaskChannelFactory.class)
public class ClickHouseLoadTaskChannelFactory implements TaskChannelFactory {
    public static final String NAME = "LARK_CLICKHOUSE_LOAD";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public TaskChannel create() {
        return new ClickHouseLoadTaskChannel();
    }

    @Override
    public List<PluginParams> getParams() {
        return List.of();
    }
}
