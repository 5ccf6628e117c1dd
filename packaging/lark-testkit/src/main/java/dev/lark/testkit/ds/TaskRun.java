package dev.lark.testkit.ds;

/**
 * One task instance of a run, as DS reports it.
 *
 * @param state DS's {@code TaskExecutionStatus} name: SUCCESS, FAILURE, KILL, RUNNING_EXECUTION, ...
 * @param varPool the task's output parameters as DS's JSON list ({@code [{"prop":..,"value":..}]}), or empty
 * @param log the task log read through the API (empty while the task has not run)
 */
public record TaskRun(int id, String name, String taskType, long taskCode, String state, int retryTimes,
        String host, String appLink, String varPool, String log) {

    public boolean succeeded() {
        return "SUCCESS".equals(state) || "FORCED_SUCCESS".equals(state);
    }
}
