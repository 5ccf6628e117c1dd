package dev.lark.clean.task;

import com.google.auto.service.AutoService;
import java.util.List;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannelFactory;
import org.apache.dolphinscheduler.spi.params.base.PluginParams;

/** Registers task type LARK_CLEAN with DolphinScheduler. */
@AutoService(TaskChannelFactory.class)
public class LarkCleanTaskChannelFactory implements TaskChannelFactory {
    public static final String NAME = "LARK_CLEAN";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public List<PluginParams> getParams() {
        return List.of();
    }

    @Override
    public TaskChannel create() {
        return new LarkCleanTaskChannel();
    }
}
