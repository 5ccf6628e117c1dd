package dev.lark.clean.task;

import dev.lark.task.common.LarkTaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.AbstractTask;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.stream.StreamTaskChannel;

/** LARK_CLEAN's channel; a {@link StreamTaskChannel} so DS accepts it for STREAM task definitions (mode STREAM). */
public class LarkCleanTaskChannel extends LarkTaskChannel<LarkCleanParameters> implements StreamTaskChannel {
    public LarkCleanTaskChannel() {
        super(LarkCleanParameters.class);
    }

    @Override
    public AbstractTask createTask(TaskExecutionContext taskRequest) {
        return new LarkCleanTask(taskRequest);
    }

    /** DS 3.1.1 never calls this (like its FLINK_STREAM): stop and savepoint reach the running task instead. */
    @Override
    public AbstractTask pauseTask(TaskExecutionContext taskExecutionContext) {
        return null;
    }

    /** DS 3.1.1 never calls this; a restart is a new start that resumes from the newest savepoint. */
    @Override
    public AbstractTask recoverTask(TaskExecutionContext taskExecutionContext) {
        return null;
    }
}
