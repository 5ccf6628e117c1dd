package dev.lark.clean.task;

import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.task.job.CleanJob;
import dev.lark.clean.task.job.CleanJobs;
import dev.lark.task.common.LarkTask;
import dev.lark.task.common.LarkTaskContext;
import dev.lark.task.common.ResolvedDatasource;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

/** LARK_CLEAN: runs the cleaning engine over a bounded source on the worker (see {@link CleanJob}). */
public class LarkCleanTask extends LarkTask<LarkCleanParameters> {

    public LarkCleanTask(TaskExecutionContext request) {
        super(request, LarkCleanParameters.class);
    }

    @Override
    protected void execute(LarkCleanParameters p, LarkTaskContext ctx) throws Exception {
        CleanPlan plan = CleanPlan.compile(CleanConfig.parse(p.getConfig()));
        plan.warnings().forEach(w -> ctx.log("config warning: " + w));
        ResolvedDatasource jdbc = p.getJdbcDatasource() > 0 ? ctx.datasource("jdbcDatasource", p.getJdbcDatasource()) : null;
        ResolvedDatasource ch = p.getClickhouseDatasource() > 0 ? ctx.datasource("clickhouseDatasource", p.getClickhouseDatasource()) : null;
        CleanJob.Result r = CleanJobs.run(plan, p, jdbc == null ? null : jdbc.endpoint(), ch == null ? null : ch.endpoint(), ctx, ctx.summary(),
                ctx::onCancel);
        if (!r.withinBudget()) {
            throw new IllegalStateException("error budget exceeded: " + r.counters().failed() + " of " + r.counters().inputs()
                    + " inputs failed (" + plan.errorBudget() + "); the failed records are in the dead-letter sink with their reasons");
        }
    }
}
