package dev.lark.task.common;

import org.apache.dolphinscheduler.plugin.task.api.TaskChannel;
import org.apache.dolphinscheduler.plugin.task.api.parameters.AbstractParameters;
import org.apache.dolphinscheduler.plugin.task.api.parameters.ParametersNode;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.ResourceParametersHelper;

/**
 * Base {@link TaskChannel}: parses parameters with {@link LarkJson} (the API server validates them with them) and
 * declares the DS datasources they name, so the master resolves those before the task reaches the worker.
 * Subclasses implement only {@code createTask}.
 */
public abstract class LarkTaskChannel<P extends LarkParameters> implements TaskChannel {
    private final Class<P> parametersType;

    protected LarkTaskChannel(Class<P> parametersType) {
        this.parametersType = parametersType;
    }

    @Override
    public void cancelApplication(boolean status) {
        // in-process engines: nothing outside the worker to cancel; LarkTask.cancel() stops the run
    }

    @Override
    public AbstractParameters parseParameters(ParametersNode parametersNode) {
        return LarkJson.parse(parametersNode.getTaskParams(), parametersType);
    }

    @Override
    public ResourceParametersHelper getResources(String parameters) {
        return LarkJson.parse(parameters, parametersType).getResources();
    }
}
