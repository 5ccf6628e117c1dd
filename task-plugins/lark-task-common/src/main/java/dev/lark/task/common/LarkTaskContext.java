package dev.lark.task.common;

import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import dev.lark.engine.common.Secrets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

/**
 * What a {@link LarkTask} hands its engine: the DS-free {@link RunContext} (log sink to the DS task log, cancellation,
 * thread factory) plus DS facts the binding may need (datasources, execute path, schedule time, a stable job key) and
 * the run's {@link RunSummary} that becomes the end-of-task summary and the OUT parameters.
 */
public final class LarkTaskContext implements RunContext {
    private final TaskExecutionContext request;
    private final Consumer<String> taskLog;
    private final Cancellation cancellation;
    private final String taskThreadName;
    private final RunSummary summary;
    private final DsDatasources datasources;
    private final List<Runnable> cancelHooks = new CopyOnWriteArrayList<>();

    LarkTaskContext(TaskExecutionContext request, Consumer<String> taskLog, Cancellation cancellation,
            String taskThreadName, RunSummary summary) {
        this.request = request;
        this.taskLog = taskLog;
        this.cancellation = cancellation;
        this.taskThreadName = taskThreadName;
        this.summary = summary;
        this.datasources = new DsDatasources(request.getResourceParametersHelper());
    }

    /**
     * A context outside a running task (tests, tools): logs to {@code log}, threads named {@code lark-task}. Tasks
     * get theirs from {@link LarkTask}.
     */
    public static LarkTaskContext standalone(TaskExecutionContext request, Consumer<String> log) {
        return new LarkTaskContext(request, log, new Cancellation(), "lark-task", new RunSummary(
                String.valueOf(request.getTaskType())));
    }

    @Override
    public void log(String line) {
        taskLog.accept(Secrets.redact(line));
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    /**
     * Threads named exactly like the task thread: DS 3.1.1 routes a log event to the task's log file by the thread
     * name, so lines logged from these threads appear in the task log (other names would land in the worker log).
     */
    @Override
    public ThreadFactory threadFactory() {
        return r -> {
            Thread t = new Thread(r, taskThreadName);
            t.setDaemon(true);
            return t;
        };
    }

    /** The summary being built; engines add lines and outputs as they learn them. */
    public RunSummary summary() {
        return summary;
    }

    /** Shortcut for {@code summary().output(key, value)}: shown in the summary and written to the varPool. */
    public void output(String key, Object value) {
        summary.output(key, value);
    }

    /** A DS datasource by id, with its decoded password (never log it). {@code field} names the parameter. */
    public ResolvedDatasource datasource(String field, int id) {
        return datasources.resolve(field, id);
    }

    /** Runs when DS kills the task, e.g. {@code Statement::cancel} to unblock a long JDBC read. */
    public void onCancel(Runnable hook) {
        cancelHooks.add(hook);
    }

    void fireCancelHooks() {
        for (Runnable r : cancelHooks) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log("cancel hook failed: " + e);
            }
        }
    }

    /** The task's working directory on the worker. */
    public Path executePath() {
        return request.getExecutePath() == null ? Paths.get(".") : Paths.get(request.getExecutePath());
    }

    public int taskInstanceId() {
        return request.getTaskInstanceId();
    }

    /** The schedule time of the workflow run, or null for manual runs. */
    public Date scheduleTime() {
        return request.getScheduleTime();
    }

    /**
     * A stable key for state kept across runs of the same task (e.g. an incremental watermark):
     * {@code <projectCode>.<processDefinitionCode>.<taskName>}.
     */
    public String jobKey() {
        return request.getProjectCode() + "." + request.getProcessDefineCode() + "." + request.getTaskName();
    }

    /** The merged global/local/varPool/system parameters, as strings. */
    public Map<String, String> parameters() {
        return LarkTask.paramStrings(request);
    }

    public TaskExecutionContext request() {
        return request;
    }
}
