package dev.lark.testkit.ds;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A workflow run (DS "process instance") after it reached a final state, with every task instance and its log.
 *
 * @param state DS's {@code WorkflowExecutionStatus} name: SUCCESS, FAILURE, STOP, PAUSE, ...
 * @param varPool the instance's merged output parameters (DS JSON), or empty
 */
public record WorkflowRun(long projectCode, int id, String state, String scheduleTime, String varPool,
        List<TaskRun> tasks) {
    public WorkflowRun {
        tasks = List.copyOf(tasks);
    }

    public boolean succeeded() {
        return "SUCCESS".equals(state);
    }

    /** The (last valid) instance of the task named {@code name}. */
    public TaskRun task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).reduce((a, b) -> b).orElseThrow(() ->
                new IllegalArgumentException("run " + id + " has no task instance named '" + name + "' (has "
                        + tasks.stream().map(TaskRun::name).collect(Collectors.toList()) + ")"));
    }

    /** For assertion messages: state of each task plus the tail of each log. */
    public String describe() {
        StringBuilder b = new StringBuilder("workflow instance ").append(id).append(' ').append(state);
        for (TaskRun t : tasks) {
            b.append("\n  task ").append(t.name()).append(" [").append(t.taskType()).append("] ")
                    .append(t.state());
            String[] lines = t.log().split("\n");
            for (int i = Math.max(0, lines.length - 15); i < lines.length; i++) {
                b.append("\n    | ").append(lines[i]);
            }
        }
        return b.toString();
    }
}
