package dev.lark.ingest.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.DataSourceParameters;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.ResourceParametersHelper;
import org.apache.dolphinscheduler.spi.enums.DbType;

/** Builds the TaskExecutionContext the DS worker would hand a task, with resolved datasources. */
final class TaskFixtures {
    private TaskFixtures() {
    }

    static TaskExecutionContext context(String type, String taskParams, String executePath) {
        TaskExecutionContext c = new TaskExecutionContext();
        c.setTaskType(type);
        c.setTaskName("ingest-test");
        c.setTaskParams(taskParams);
        c.setProjectCode(1L);
        c.setProcessDefineCode(2L);
        c.setProcessInstanceId(3);
        c.setTaskInstanceId(4);
        c.setTaskAppId("3_4");
        c.setExecutePath(executePath);
        c.setPrepareParamsMap(new HashMap<>());
        c.setResourceParametersHelper(new ResourceParametersHelper());
        return c;
    }

    static void param(TaskExecutionContext c, String name, String value) {
        Map<String, Property> m = c.getPrepareParamsMap();
        Property p = new Property();
        p.setProp(name);
        p.setValue(value);
        m.put(name, p);
    }

    /** A DS datasource as the master resolves it: type + the stored connectionParams JSON. */
    static void datasource(TaskExecutionContext c, int id, DbType type, String jdbcUrl, String user, String password)
            throws Exception {
        Map<String, Object> cp = new HashMap<>();
        cp.put("user", user);
        cp.put("password", password);
        cp.put("jdbcUrl", jdbcUrl);
        cp.put("address", jdbcUrl.replaceAll("(//[^/]+)/.*", "$1"));
        cp.put("database", jdbcUrl.replaceAll(".*//[^/]+/([^?]*).*", "$1"));
        DataSourceParameters d = new DataSourceParameters();
        d.setType(type);
        d.setConnectionParams(new ObjectMapper().writeValueAsString(cp));
        c.getResourceParametersHelper().put(ResourceType.DATASOURCE, id, d);
    }
}
