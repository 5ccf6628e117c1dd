package dev.lark.ingest.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.ingest.IngestJob;
import dev.lark.ingest.IngestResult;
import dev.lark.task.common.LarkTaskContext;
import java.text.SimpleDateFormat;
import java.util.TimeZone;

/** Runs an ingestion job for a DS task and fills the task's summary, OUT parameters and lineage. */
final class IngestRunner {
    private IngestRunner() {
    }

    /** The run's identity: the schedule time (so reruns of the same schedule are idempotent) or the instance. */
    static String runKey(LarkTaskContext ctx) {
        if (ctx.scheduleTime() != null) {
            SimpleDateFormat f = new SimpleDateFormat("yyyyMMddHHmmss");
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            return "schedule-" + f.format(ctx.scheduleTime());
        }
        return "instance-" + ctx.request().getProcessInstanceId();
    }

    static IngestResult run(IngestJob job, LarkTaskContext ctx, String startWatermark) throws Exception {
        job.jobKey(job.spec().jobKey() != null ? job.spec().jobKey() : ctx.jobKey()).runKey(runKey(ctx))
                .workDir(ctx.executePath()).startWatermark(startWatermark);
        ctx.summary().line("channels", job.spec().channel());
        IngestResult r = job.run(ctx);
        ctx.summary().line("source", r.lineage().inputs());
        ctx.summary().line("target", r.lineage().outputs());
        ctx.output("rowsRead", r.rowsRead());
        ctx.output("rowsWritten", r.rowsWritten());
        ctx.output("rowsDirty", r.rowsDirty());
        ctx.output("watermark", r.watermark() == null ? "" : r.watermark());
        if (r.rowsDirty() > 0) {
            ctx.summary().line("dead-letter", r.deadLetter());
        }
        ctx.summary().line("throughput", String.format("%,.0f rows/s", r.rowsPerSecond()));
        ctx.summary().lineage(r.lineage());
        return r;
    }

    static IngestJob parse(JsonNode job) {
        return IngestJob.of(job);
    }
}
