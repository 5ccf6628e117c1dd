package dev.lark.clickhouse.load.task;

import dev.lark.clickhouse.load.client.ClickHouseJdbcUrl;
import dev.lark.clickhouse.load.client.ClickHouseTarget;
import dev.lark.clickhouse.load.load.ClickHouseLoader;
import dev.lark.clickhouse.load.load.DedupToken;
import dev.lark.clickhouse.load.load.LoadRequest;
import dev.lark.clickhouse.load.load.LoadResult;
import dev.lark.clickhouse.load.source.ClickHouseQuerySource;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.FileSource;
import dev.lark.clickhouse.load.source.JdbcQuerySource;
import dev.lark.clickhouse.load.source.KafkaSource;
import dev.lark.clickhouse.load.source.QueryTables;
import dev.lark.clickhouse.load.source.SourceSpec;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.LineageReport.Dataset;
import dev.lark.engine.common.Secrets;
import dev.lark.task.common.LarkTask;
import dev.lark.task.common.LarkTaskContext;
import dev.lark.task.common.ResolvedDatasource;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

/** LARK_CLICKHOUSE_LOAD: a thin adapter from DS to {@link ClickHouseLoader}. */
public class ClickHouseLoadTask extends LarkTask<ClickHouseLoadParameters> {

    public ClickHouseLoadTask(TaskExecutionContext request) {
        super(request, ClickHouseLoadParameters.class);
    }

    @Override
    protected String summaryTitle() {
        return "LARK_CLICKHOUSE_LOAD summary";
    }

    @Override
    protected void execute(ClickHouseLoadParameters p, LarkTaskContext ctx) throws Exception {
        ResolvedDatasource ds = ctx.datasource("datasourceId", p.datasourceId);
        ClickHouseJdbcUrl url = ClickHouseJdbcUrl.parse("datasourceId", ds.endpoint().jdbcUrl());
        String password = ds.endpoint().password();
        if (password != null && !password.isEmpty()) {
            Secrets.register(password);
        }
        ClickHouseTarget target = ClickHouseTarget.builder().endpoint(String.join(",", url.endpoints()))
                .user(ds.endpoint().user()).password(password).compression(p.compression).build();

        SourceSpec source = source(p, ctx);
        LoadRequest.Builder req = LoadRequest.builder().mode(p.loadMode()).source(source)
                .token(new DedupToken(ctx.jobKey(), scheduleTime(p, ctx))).batch(p.batchPolicy())
                .errors(p.errorBudget()).verifyChecksum(p.verifyChecksum).sampleRows(p.sampleRows)
                .allowDestructiveChanges(p.allowDestructiveChanges).wholeFileInserts(p.wholeFileInserts)
                .dateTimeInputFormat(p.dateTimeInputFormat);
        if (p.declaredTable() != null) {
            req.declared(p.declaredTable());
        } else {
            req.target(p.database, p.table);
        }
        ClickHouseLoader loader = new ClickHouseLoader(target, ctx::log);
        ctx.onCancel(loader::cancel);
        ctx.log("LARK_CLICKHOUSE_LOAD " + source.describe() + " -> " + p.database + "." + p.table + " on " + target
                + " (mode " + p.loadMode().name().toLowerCase(Locale.ROOT) + ")");
        LoadResult r = loader.load(req.build());

        ctx.summary().line("target", r.target + " (" + r.mode.name().toLowerCase(Locale.ROOT) + ")");
        ctx.summary().line("source", source.describe());
        ctx.summary().line("rows read", r.rowsRead);
        ctx.summary().line("rows rejected", r.rowsRejected + (r.rowsRejected > 0 ? " (dead-letter: "
                + deadLetters(p) + ")" : ""));
        if (r.sourceRange != null) {
            ctx.summary().line("source range", r.sourceRange);
        }
        ctx.summary().line("batches", r.batches);
        ctx.summary().line("schema changes", r.schemaChanges.isEmpty() ? "none" : r.schemaChanges);
        if (r.checksum != null) {
            ctx.summary().line("checksum", r.checksum + " (staged = loaded)");
        }
        ctx.summary().line("throughput", String.format(Locale.ROOT, "%,.0f rows/s", r.rowsPerSecond()));
        ctx.output("rows", r.rowsLoaded);
        ctx.output("partitions", r.partitions.size());
        ctx.output("bytes", r.bytesSent);
        ctx.summary().lineage(lineage(p, ctx, url, r, source));
    }

    private static SourceSpec source(ClickHouseLoadParameters p, LarkTaskContext ctx) {
        switch (p.sourceKind()) {
            case "jdbc": {
                ResolvedDatasource src = ctx.datasource("sourceDatasourceId", p.sourceDatasourceId);
                if (src.endpoint().password() != null && !src.endpoint().password().isEmpty()) {
                    Secrets.register(src.endpoint().password());
                }
                return new JdbcQuerySource(() -> src.endpoint().connect(), p.query,
                        src.type().toLowerCase(Locale.ROOT) + " datasource " + src.id(), p.fetchSize);
            }
            case "clickhouse":
                return new ClickHouseQuerySource(p.query);
            case "kafka":
                return p.kafkaSource();
            default:
                Character d = p.delimiter == null || p.delimiter.isEmpty() ? null : p.delimiter.charAt(0);
                return new FileSource(p.path, FileFormat.parse("format", p.format), p.header, p.fileLocation(), d);
        }
    }

    private static String deadLetters(ClickHouseLoadParameters p) {
        List<String> where = new ArrayList<>();
        if (p.deadLetterPath != null && !p.deadLetterPath.trim().isEmpty()) {
            where.add("file " + p.deadLetterPath);
        }
        if (p.deadLetterTable != null && !p.deadLetterTable.trim().isEmpty()) {
            where.add("table " + (p.deadLetterTable.contains(".") ? p.deadLetterTable
                    : p.database + "." + p.deadLetterTable));
        }
        return String.join(", ", where);
    }

    /**
     * The run being loaded: the schedule time of scheduled runs; for manual runs the workflow instance, so DS's own
     * task retries inside one run deduplicate too.
     */
    static String scheduleTime(ClickHouseLoadParameters p, LarkTaskContext ctx) {
        if (p.scheduleTime != null && !p.scheduleTime.trim().isEmpty()) {
            return p.scheduleTime.trim();
        }
        if (ctx.scheduleTime() != null) {
            SimpleDateFormat f = new SimpleDateFormat("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
            f.setTimeZone(TimeZone.getTimeZone("UTC"));
            return f.format(ctx.scheduleTime()) + "Z";
        }
        return "manual-run-" + ctx.request().getProcessInstanceId();
    }

    private static LineageReport lineage(ClickHouseLoadParameters p, LarkTaskContext ctx, ClickHouseJdbcUrl url,
            LoadResult r, SourceSpec source) {
        String chLocation = url.endpoints().get(0).replaceFirst("^https?://", "");
        Dataset out = new Dataset("clickhouse", chLocation, r.target, java.util.Map.of("rows",
                Long.toString(r.rowsLoaded), "mode", r.mode.name().toLowerCase(Locale.ROOT)));
        Dataset in;
        if (source instanceof FileSource) {
            FileSource f = (FileSource) source;
            in = Dataset.of("file", f.location() == FileSource.Location.SERVER ? chLocation : "", f.path());
        } else if (source instanceof KafkaSource) {
            in = Dataset.of("kafka", ((KafkaSource) source).bootstrapServers(), ((KafkaSource) source).topic());
        } else if (source instanceof ClickHouseQuerySource) {
            List<Dataset> tables = queryTables(p, ctx, url, chLocation);
            if (!tables.isEmpty()) {
                // the query derives its columns (aggregates, expressions): no column is a plain copy of one input
                return LineageReport.of(tables, List.of(out), List.of());
            }
            in = Dataset.of("clickhouse", chLocation, "query:" + Integer.toHexString(p.query.hashCode()));
        } else {
            ResolvedDatasource src = ctx.datasource("sourceDatasourceId", p.sourceDatasourceId);
            in = Dataset.of(src.type().toLowerCase(Locale.ROOT), "datasource-" + src.id(),
                    "query:" + Integer.toHexString(p.query.hashCode()));
        }
        List<LineageReport.ColumnMapping> cols = new ArrayList<>();
        for (String c : r.columns) {
            cols.add(new LineageReport.ColumnMapping(in, List.of(c), out, c, "copy"));
        }
        return LineageReport.of(List.of(in), List.of(out), cols);
    }

    /**
     * The ClickHouse tables a query source reads, named like the ingest task names its ClickHouse output
     * ({@code db.table} on the same server location), so lineage chains through them. Unqualified names get the
     * datasource's database, else the target database. Empty (and the reason logged) when the query cannot be read.
     */
    static List<Dataset> queryTables(ClickHouseLoadParameters p, LarkTaskContext ctx, ClickHouseJdbcUrl url,
            String chLocation) {
        String defaultDb = url.database() != null ? url.database() : p.database;
        List<String> names;
        try {
            names = QueryTables.read(p.query, defaultDb);
        } catch (IllegalArgumentException e) {
            ctx.log("lineage: reporting the source as the query, not its tables: " + e.getMessage());
            return List.of();
        }
        if (names.isEmpty()) {
            ctx.log("lineage: the source query reads no table (only table functions or constants); reporting the"
                    + " query itself");
            return List.of();
        }
        List<Dataset> out = new ArrayList<>();
        for (String n : names) {
            out.add(Dataset.of("clickhouse", chLocation, n));
        }
        return out;
    }
}
