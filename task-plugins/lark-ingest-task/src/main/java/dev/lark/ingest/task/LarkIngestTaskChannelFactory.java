package dev.lark.ingest.task;

import com.google.auto.service.AutoService;
import java.util.List;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannelFactory;
import org.apache.dolphinscheduler.spi.params.base.PluginParams;

/** Task type {@code LARK_INGEST}. */
@AutoService(TaskChannelFactory.class)
public class LarkIngestTaskChannelFactory implements TaskChannelFactory {
    public static final String NAME = "LARK_INGEST";

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
        return new LarkIngestTaskChannel();
    }
}
