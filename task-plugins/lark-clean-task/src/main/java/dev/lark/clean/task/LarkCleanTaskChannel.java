package dev.lark.clean.task;

import dev.lark.task.common.LarkTaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.AbstractTask;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

public class LarkCleanTaskChannel extends LarkTaskChannel<LarkCleanParameters> {
    public LarkCleanTaskChannel() {
        super(LarkCleanParameters.class);
    }

    @Override
    public AbstractTask createTask(TaskExecutionContext taskRequest) {
        return new LarkCleanTask(taskRequest);
    }
}
