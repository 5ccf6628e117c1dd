package dev.lark.testkit.ds;

import java.util.Map;

/** A created workflow: its project, its code and the code of each task by name. */
public record Workflow(long projectCode, long code, String name, Map<String, Long> taskCodes) {
    public Workflow {
        taskCodes = Map.copyOf(taskCodes);
    }

    public long taskCode(String taskName) {
        Long c = taskCodes.get(taskName);
        if (c == null) {
            throw new IllegalArgumentException("workflow '" + name + "' has no task '" + taskName + "' (has "
                    + taskCodes.keySet() + ")");
        }
        return c;
    }
}
