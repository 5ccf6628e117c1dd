package dev.lark.ingest.task;

import dev.lark.task.common.LarkTaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.AbstractTask;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

public class LarkIngestTaskChannel extends LarkTaskChannel<LarkIngestParameters> {

    public LarkIngestTaskChannel() {
        super(LarkIngestParameters.class);
    }

    @Override
    public AbstractTask createTask(TaskExecutionContext request) {
        return new LarkIngestTask(request);
    }
}
