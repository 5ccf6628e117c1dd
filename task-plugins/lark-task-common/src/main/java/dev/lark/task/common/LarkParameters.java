package dev.lark.task.common;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.lark.engine.common.ConfigException;
import java.util.List;
import org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType;
import org.apache.dolphinscheduler.plugin.task.api.parameters.AbstractParameters;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.ResourceParametersHelper;

/**
 * Base of every Lark task's {@code XxxParameters}. Subclasses are plain Jackson beans (getters/setters) and implement
 * {@link #validate()}, throwing a {@link ConfigException} that names the field, the value and the fix. DS's API server
 * calls {@link #checkParameters()} when a task is saved (a false answer is its error 50020); the worker validates again
 * and shows the message in the task log.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public abstract class LarkParameters extends AbstractParameters {

    /** Throws a {@link ConfigException} describing the first problem. */
    public abstract void validate();

    /** DS datasource ids this task uses; the master resolves them before the task starts. */
    @JsonIgnore
    public List<Integer> datasourceIds() {
        return List.of();
    }

    @Override
    public boolean checkParameters() {
        return validationError() == null;
    }

    /** The validation message, or null when the parameters are valid. */
    @JsonIgnore
    public String validationError() {
        try {
            validate();
            return null;
        } catch (ConfigException e) {
            return e.getMessage();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @Override
    public ResourceParametersHelper getResources() {
        ResourceParametersHelper helper = super.getResources();
        for (Integer id : datasourceIds()) {
            if (id != null && id > 0) {
                helper.put(ResourceType.DATASOURCE, id);
            }
        }
        return helper;
    }
}
