package dev.lark.clickhouse.load.task;

import dev.lark.task.common.LarkTaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.AbstractTask;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

public class ClickHouseLoadTaskChannel extends LarkTaskChannel<ClickHouseLoadParameters> {
    public ClickHouseLoadTaskChannel() {
        super(ClickHouseLoadParameters.class);
    }

    @Override
    public AbstractTask createTask(TaskExecutionContext taskRequest) {
        return new ClickHouseLoadTask(taskRequest);
    }
}
