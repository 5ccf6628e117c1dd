package dev.lark.task.common;

import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.RunSummary;
import dev.lark.engine.common.Secrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.dolphinscheduler.plugin.task.api.AbstractTask;
import org.apache.dolphinscheduler.plugin.task.api.TaskCallBack;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskException;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.enums.DataType;
import org.apache.dolphinscheduler.plugin.task.api.enums.Direct;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.apache.dolphinscheduler.plugin.task.api.parameters.AbstractParameters;
import org.apache.dolphinscheduler.plugin.task.api.parser.ParameterUtils;

/**
 * Base of every Lark DS task. It runs an in-process engine on the task thread and takes care of what every task
 * must do the same way:
 * <ol>
 * <li>{@link #init()}: parses {@code taskParams} into {@code P} after substituting {@code ${...}} (and DS time
 * expressions) from {@code getPrepareParamsMap()}, then validates; a {@link ConfigException} fails the task with its
 * message (field, value, fix) and no stack trace.</li>
 * <li>{@link #handle(TaskCallBack)}: calls {@link #execute}, maps the outcome to the exit code (0 success, 137 killed,
 * -1 failure), writes the summary's outputs to the varPool, prints the one-screen summary, hands lineage to
 * {@link #emitLineage}.</li>
 * <li>{@link #cancel()}: flags the {@link Cancellation}, runs the cancel hooks and interrupts the task thread.</li>
 * </ol>
 * Everything logged goes through {@link Secrets#redact(String)}.
 */
public abstract class LarkTask<P extends LarkParameters> extends AbstractTask {
    private final Class<P> parametersType;
    private final Cancellation cancellation = new Cancellation();
    private volatile Thread taskThread;
    private volatile LarkTaskContext context;
    private P parameters;

    protected LarkTask(TaskExecutionContext request, Class<P> parametersType) {
        super(request);
        this.parametersType = parametersType;
    }

    /** The engine run: read params, do the work (checking {@code ctx.cancellation()}), fill {@code ctx.summary()}. */
    protected abstract void execute(P params, LarkTaskContext ctx) throws Exception;

    /** The summary title, e.g. {@code "LARK_INGEST summary"}. */
    protected String summaryTitle() {
        return taskRequest.getTaskType() + " summary";
    }

    /**
     * Lineage extension point: receives the inputs, outputs and column mapping of a successful run. The lineage hook
     * module fills this in; the default only logs what it would send. Must not throw: lineage never fails a task.
     */
    protected void emitLineage(LineageReport lineage) {
        if (!lineage.isEmpty()) {
            log("lineage: " + lineage.inputs() + " -> " + lineage.outputs() + " (" + lineage.columns().size()
                    + " column mappings)");
            String metrics = LarkLineage.emit(taskRequest, lineage); // journals only; Atlas gets it in the background
            if (metrics != null) {
                log(metrics);
            }
        }
    }

    @Override
    public void init() {
        Map<String, String> params = paramStrings(taskRequest);
        try {
            parameters = LarkJson.parse(taskRequest.getTaskParams(), parametersType,
                    s -> ParameterUtils.convertParameterPlaceholders(s, params));
            parameters.validate();
        } catch (ConfigException e) {
            logger.error("invalid task parameters: {}", Secrets.redact(e.getMessage()));
            throw new TaskException("invalid task parameters: " + Secrets.redact(e.getMessage()));
        }
        com.fasterxml.jackson.databind.node.ObjectNode shown = LarkJson.MAPPER.valueToTree(parameters);
        shown.remove(List.of("varPool", "resources", "resourceFilesList", "localParametersMap",
                "inputLocalParametersMap", "varPoolMap", "validationError"));
        logger.info("{} parameters: {}", taskRequest.getTaskType(), Secrets.redact(shown));
    }

    @Override
    public void handle(TaskCallBack callBack) throws TaskException {
        taskThread = Thread.currentThread();
        RunSummary summary = new RunSummary(summaryTitle());
        LarkTaskContext ctx = new LarkTaskContext(taskRequest, line -> logger.info("{}", line), cancellation,
                taskThread.getName(), summary);
        context = ctx;
        long start = System.nanoTime();
        String status;
        Throwable failure = null;
        try {
            cancellation.throwIfCancelled();
            execute(parameters, ctx);
            cancellation.throwIfCancelled();
            writeOutputs(summary.outputs());
            setExitStatusCode(TaskConstants.EXIT_CODE_SUCCESS);
            status = "SUCCESS";
        } catch (Throwable t) {
            if (cancellation.isCancelled() || isCancel(t)) {
                setExitStatusCode(TaskConstants.EXIT_CODE_KILL);
                status = "KILLED";
            } else {
                setExitStatusCode(TaskConstants.EXIT_CODE_FAILURE);
                status = "FAILED";
                failure = t;
            }
            Thread.interrupted(); // clear our own interrupt before logging and returning to the worker
        }
        summary.line("status", status);
        summary.line("duration", Duration.ofNanos(System.nanoTime() - start).toMillis() / 1000.0 + " s");
        if (failure != null) {
            summary.line("error", message(failure));
            logger.error("{} failed: {}", taskRequest.getTaskType(), message(failure),
                    failure instanceof ConfigException ? null : new RedactedException(failure));
        }
        logger.info("\n{}", summary.render());
        if (failure == null && "SUCCESS".equals(status)) {
            try {
                emitLineage(summary.lineage());
            } catch (RuntimeException e) {
                logger.warn("lineage emission failed (the task result is unaffected): {}", message(e));
            }
        }
        if (failure != null) {
            throw new TaskException(message(failure));
        }
    }

    @Override
    public void cancel() throws TaskException {
        cancellation.cancel("killed by DolphinScheduler");
        LarkTaskContext ctx = context;
        if (ctx != null) {
            ctx.fireCancelHooks();
        }
        Thread t = taskThread;
        if (t != null) {
            t.interrupt();
        }
        setExitStatusCode(TaskConstants.EXIT_CODE_KILL);
    }

    @Override
    public AbstractParameters getParameters() {
        return parameters;
    }

    /** The parsed, substituted, validated parameters. */
    protected P parameters() {
        return parameters;
    }

    /** Logs one redacted line to the task log. */
    protected void log(String line) {
        logger.info("{}", Secrets.redact(line));
    }

    /**
     * Publishes outputs as OUT properties in the varPool (replacing same-named entries). Declared OUT localParams
     * keep their declared type; undeclared outputs are published as VARCHAR so downstream tasks can use them too.
     */
    void writeOutputs(Map<String, String> outputs) {
        if (outputs.isEmpty() || parameters == null) {
            return;
        }
        if (parameters.varPool == null) {
            parameters.varPool = new ArrayList<>();
        }
        Map<String, Property> declared = new HashMap<>();
        if (parameters.getLocalParams() != null) {
            for (Property p : parameters.getLocalParams()) {
                if (p.getDirect() == Direct.OUT) {
                    declared.put(p.getProp(), p);
                }
            }
        }
        List<Property> pool = parameters.varPool;
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            Property d = declared.get(e.getKey());
            Property p = new Property(e.getKey(), Direct.OUT, d != null && d.getType() != null ? d.getType()
                    : DataType.VARCHAR, e.getValue());
            pool.removeIf(x -> e.getKey().equals(x.getProp()));
            pool.add(p);
        }
    }

    static Map<String, String> paramStrings(TaskExecutionContext request) {
        Map<String, String> m = new HashMap<>();
        Map<String, Property> prepared = request.getPrepareParamsMap();
        if (prepared != null) {
            for (Map.Entry<String, Property> e : prepared.entrySet()) {
                if (e.getValue() != null && e.getValue().getValue() != null) {
                    m.put(e.getKey(), e.getValue().getValue());
                }
            }
        }
        return m;
    }

    private static boolean isCancel(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Cancellation.CancelledException || c instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable t) {
        String m = t instanceof ConfigException ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != t && !(t instanceof ConfigException)) {
            m += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return Secrets.redact(m);
    }

    /** A stack trace carrier whose messages are redacted, so exceptions from drivers cannot leak secrets. */
    static final class RedactedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RedactedException(Throwable t) {
            super(t.getClass().getName() + ": " + Secrets.redact(String.valueOf(t.getMessage())),
                    t.getCause() == null ? null : new RedactedException(t.getCause()));
            setStackTrace(t.getStackTrace());
        }
    }
}
