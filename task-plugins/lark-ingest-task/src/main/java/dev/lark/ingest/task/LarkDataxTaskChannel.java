package dev.lark.ingest.task;

import dev.lark.task.common.LarkTaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.AbstractTask;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

public class LarkDataxTaskChannel extends LarkTaskChannel<LarkDataxParameters> {

    public LarkDataxTaskChannel() {
        super(LarkDataxParameters.class);
    }

    @Override
    public AbstractTask createTask(TaskExecutionContext request) {
        return new LarkDataxTask(request);
    }
}
