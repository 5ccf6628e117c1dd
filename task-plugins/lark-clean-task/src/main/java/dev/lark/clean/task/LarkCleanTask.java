package dev.lark.clean.task;

import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.flink.submit.CleanStreamRunner;
import dev.lark.clean.job.CleanJob;
import dev.lark.clean.job.CleanJobs;
import dev.lark.task.common.LarkTask;
import dev.lark.task.common.LarkTaskContext;
import dev.lark.task.common.ResolvedDatasource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.stream.StreamTask;

/**
 * LARK_CLEAN. Batch mode: resolves the DS datasources, then hands the run to the DS-free job runner
 * ({@link CleanJobs}, module lark-clean-job), the same one {@code lark clean run} uses.
 *
 * <p>Stream mode ({@code mode: STREAM}, task definition {@code taskExecuteType: STREAM}): submits the lark-clean-flink
 * job to a Flink session cluster through the DS-free {@link CleanStreamRunner} and stays attached to it, because DS
 * 3.1.1 delivers its stream actions only to a task that is still running on the worker: DS "savepoint" calls
 * {@link #savePoint()} (a savepoint, the job keeps running); DS "stop" (and kill) call {@code cancel()}, which stops
 * the job with a savepoint, so the next start resumes from it (restoreFrom LATEST). The task instance then ends KILL.
 */
public class LarkCleanTask extends LarkTask<LarkCleanParameters> implements StreamTask {
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

    private volatile CleanStreamRunner streamRunner;
    private volatile LarkTaskContext streamContext;

    public LarkCleanTask(TaskExecutionContext request) {
        super(request, LarkCleanParameters.class);
    }

    @Override
    protected void execute(LarkCleanParameters p, LarkTaskContext ctx) throws Exception {
        CleanPlan plan = CleanPlan.compile(CleanConfig.parse(p.getConfig()));
        plan.warnings().forEach(w -> ctx.log("config warning: " + w));
        if (p.isStream()) {
            executeStream(p, ctx);
            return;
        }
        ResolvedDatasource jdbc = p.getJdbcDatasource() > 0 ? ctx.datasource("jdbcDatasource", p.getJdbcDatasource()) : null;
        ResolvedDatasource ch = p.getClickhouseDatasource() > 0 ? ctx.datasource("clickhouseDatasource", p.getClickhouseDatasource()) : null;
        CleanJob.Result r = CleanJobs.run(plan, p.toSpec(jdbc == null ? null : jdbc.endpoint(), ch == null ? null : ch.endpoint()),
                ctx, ctx.summary(), ctx::onCancel);
        if (!r.withinBudget()) {
            throw new IllegalStateException("error budget exceeded: " + r.counters().failed() + " of " + r.counters().inputs()
                    + " inputs failed (" + plan.errorBudget() + "); the failed records are in the dead-letter sink with their reasons");
        }
    }

    private void executeStream(LarkCleanParameters p, LarkTaskContext ctx) throws Exception {
        CleanStreamRunner runner = new CleanStreamRunner(p.toSubmission(true), ctx.jobKey(), ctx::log);
        CompletableFuture<String> stopped = new CompletableFuture<>();
        // runs inside cancel() (DS stop/kill), before the task thread is interrupted
        ctx.onCancel(() -> stopped.complete(onTaskLogThread(ctx, () -> stopWithSavepoint(runner))));
        String jobId = runner.start();
        streamContext = ctx;
        streamRunner = runner;
        setAppIds(jobId);
        ctx.summary().line("mode", "STREAM").line("flink job", jobId).line("flink link", runner.jobLink());
        ctx.output("flinkJobId", jobId);
        String end = runner.track(() -> ctx.cancellation().isCancelled(), PROGRESS_EVERY);
        if ("STOPPED".equals(end)) {
            String savepoint = awaitStop(stopped);
            ctx.summary().line("stopped with savepoint", savepoint == null ? "(none: cancelled)" : savepoint);
        }
        summarizeCounters(runner, ctx);
        if ("FAILED".equals(end) || "CANCELED".equals(end)) {
            throw new IllegalStateException("Flink job " + jobId + " ended " + end + " outside DolphinScheduler; see "
                    + runner.jobLink());
        }
        ctx.cancellation().throwIfCancelled();
    }

    private String stopWithSavepoint(CleanStreamRunner runner) {
        if (!runner.jobId().isPresent()) {
            return null;
        }
        try {
            return runner.stopWithSavepoint();
        } catch (Exception e) {
            log("stop with savepoint failed (" + e.getMessage() + "); cancelling the Flink job instead");
            try {
                runner.cancel();
            } catch (Exception c) {
                log("cancelling the Flink job failed too: " + c.getMessage());
            }
            return null;
        }
    }

    private static String awaitStop(CompletableFuture<String> stopped) throws Exception {
        try {
            return stopped.get(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            // cancel() interrupts this thread only after its hooks (the stop) have run
            return stopped.getNow(null);
        }
    }

    /**
     * The job's final counters in the summary. After a DS stop, DS's cancel() interrupts this thread once its stop
     * hook has completed, which races with these HTTP calls: an interrupted read is retried. The interrupt is not
     * re-raised: the stop is already recorded in the task's cancellation, and a pending interrupt would break the
     * interruptible file I/O that follows (the lineage journal, the summary).
     */
    private static void summarizeCounters(CleanStreamRunner runner, LarkTaskContext ctx) {
        String failure = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            Thread.interrupted();
            try {
                Map<String, Long> c = runner.counters();
                ctx.summary().line("inputs", c.getOrDefault("cleanInputs", 0L))
                        .line("cleaned", c.getOrDefault("cleanSucceeded", 0L))
                        .line("filtered", c.getOrDefault("cleanFiltered", 0L))
                        .line("dead letters", c.getOrDefault("cleanFailed", 0L))
                        .line("output records", c.getOrDefault("cleanOutputRecords", 0L));
                failure = null;
                break;
            } catch (InterruptedException e) {
                failure = "interrupted";
            } catch (Exception e) {
                // an ended job's counters may be gone from the cluster; the progress lines above hold the last ones
                failure = e.getMessage();
                break;
            }
        }
        if (failure != null) {
            ctx.summary().line("counters", "unavailable (" + failure + "); see the progress lines above");
        }
    }

    /** DS "savepoint" on a running stream task instance: a savepoint while the job keeps running. */
    @Override
    public void savePoint() throws Exception {
        CleanStreamRunner runner = streamRunner;
        if (runner == null) {
            throw new IllegalStateException("no Flink job to take a savepoint of: LARK_CLEAN runs in mode "
                    + (parameters() == null ? "?" : parameters().getMode()) + " or has not started its job yet");
        }
        onTaskLogThread(streamContext, runner::savepoint);
    }

    /**
     * Runs a DS action (it arrives on a worker network thread) on a thread named like the task thread, so its log lines
     * reach the task log, and waits for it.
     */
    private static <T> T onTaskLogThread(LarkTaskContext ctx, java.util.concurrent.Callable<T> action) {
        CompletableFuture<T> done = new CompletableFuture<>();
        ctx.threadFactory().newThread(() -> {
            try {
                done.complete(action.call());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        }).start();
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Flink job", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : new IllegalStateException(e.getCause());
        }
    }
}
