package dev.lark.ingest.task;

import com.google.auto.service.AutoService;
import java.util.List;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannelFactory;
import org.apache.dolphinscheduler.spi.params.base.PluginParams;
import org.apache.dolphinscheduler.spi.plugin.SPIIdentify;

/**
 * Replaces DS's built-in {@code DATAX} task (same name, higher priority: DS loads the highest), so the stock UI form
 * keeps working and its jobs run in Lark's engine.
 */
@AutoService(TaskChannelFactory.class)
public class LarkDataxTaskChannelFactory implements TaskChannelFactory {
    public static final String NAME = "DATAX";
    public static final int PRIORITY = 10;

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public SPIIdentify getIdentify() {
        return SPIIdentify.builder().name(NAME).priority(PRIORITY).build();
    }

    @Override
    public List<PluginParams> getParams() {
        return List.of();
    }

    @Override
    public TaskChannel create() {
        return new LarkDataxTaskChannel();
    }
}
