package dev.lark.ingest.task;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.ingest.IngestJob;
import dev.lark.task.common.LarkTask;
import dev.lark.task.common.LarkTaskContext;
import dev.lark.task.common.ResolvedDatasource;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

/** {@code LARK_INGEST}: a DataX job or the form, run in Lark's in-process ingestion engine. */
public class LarkIngestTask extends LarkTask<LarkIngestParameters> {

    public LarkIngestTask(TaskExecutionContext request) {
        super(request, LarkIngestParameters.class);
    }

    @Override
    protected void execute(LarkIngestParameters p, LarkTaskContext ctx) throws Exception {
        IngestJob job = p.getCustomConfig() == 1 ? IngestJob.parse(p.getJson()) : IngestRunner.parse(formJob(p,
                ctx));
        IngestRunner.run(job, ctx, p.getStartWatermark());
    }

    static ObjectNode formJob(LarkIngestParameters p, LarkTaskContext ctx) {
        ResolvedDatasource src = ctx.datasource("sourceDatasource", p.getSourceDatasource());
        ResolvedDatasource dst = ctx.datasource("targetDatasource", p.getTargetDatasource());
        DataxJobBuilder b = new DataxJobBuilder().speed(p.getChannels(), p.getByteLimit(), p.getRecordLimit())
                .errorLimit(p.getErrorRecordLimit(), p.getErrorPercentage(), p.getDeadLetterTable(), dst.endpoint());
        ObjectNode r;
        if (!LarkIngestParameters.blank(p.getQuerySql())) {
            r = b.queryReader(src.type(), src.endpoint(), p.getQuerySql());
        } else {
            r = b.tableReader(src.type(), src.endpoint(), p.getSourceTable(), LarkIngestParameters.list(
                    p.getColumns()));
            if (!LarkIngestParameters.blank(p.getWhere())) {
                r.put("where", p.getWhere());
            }
            if (!LarkIngestParameters.blank(p.getSplitPk())) {
                r.put("splitPk", p.getSplitPk());
            }
            if (!LarkIngestParameters.blank(p.getIncrementalColumn())) {
                r.put("incrementalColumn", p.getIncrementalColumn());
            }
        }
        ObjectNode w = b.tableWriter(dst.type(), dst.endpoint(), p.getTargetTable(), LarkIngestParameters.list(
                p.getTargetColumns()));
        String mode = p.writeModeNormalized();
        boolean ch = DataxJobBuilder.writerName(dst.type()).equals("clickhousewriter");
        if (!mode.equals("insert")) {
            w.put("writeMode", mode);
        }
        if (p.getBatchSize() > 0) {
            w.put(ch ? "blockRows" : "batchSize", p.getBatchSize());
        }
        DataxJobBuilder.strings(w, "preSql", p.getPreSql());
        DataxJobBuilder.strings(w, "postSql", p.getPostSql());
        return b.root();
    }
}
