package dev.lark.ingest.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.IngestJob;
import dev.lark.ingest.Plugins;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.ingest.job.JobSpec;
import dev.lark.ingest.reader.SingleTableQuery;
import dev.lark.task.common.LarkTask;
import dev.lark.task.common.LarkTaskContext;
import dev.lark.task.common.ResolvedDatasource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

/**
 * The {@code DATAX} task, run in Lark's in-process engine: the stock form (querySql read, one target table) and
 * custom JSON both work unchanged, the JSON's {@code channel}, {@code errorLimit} and {@code splitPk} are honoured;
 * in form mode a single-table {@code sql} is split on its primary key over the Lark {@code channel} field.
 * A job naming a plugin Lark does not implement is handed to a real DataX when {@code DATAX_HOME} is set.
 */
public class LarkDataxTask extends LarkTask<LarkDataxParameters> {
    private volatile Process delegated;

    public LarkDataxTask(TaskExecutionContext request) {
        super(request, LarkDataxParameters.class);
    }

    @Override
    protected String summaryTitle() {
        return "DATAX (Lark engine) summary";
    }

    @Override
    protected void execute(LarkDataxParameters p, LarkTaskContext ctx) throws Exception {
        if (p.getCustomConfig() == 1) {
            JsonNode root = new ObjectMapper().readTree(p.getJson().replace("\r\n", "\n"));
            JobSpec spec = JobSpec.from(root);
            if (!Plugins.supports(spec)) {
                delegate(root, spec, ctx);
                return;
            }
            IngestRunner.run(IngestJob.of(root), ctx, null);
            return;
        }
        IngestRunner.run(IngestJob.of(formJob(p, ctx)), ctx, null);
    }

    /** Finds the primary key of a source table (JDBC metadata in production, a stub in unit tests). */
    interface KeyLookup {
        String primaryKey(JdbcEndpoint source, String table) throws SQLException;
    }

    static final KeyLookup JDBC_METADATA = (source, table) -> {
        try (Connection c = source.connect()) {
            return SingleTableQuery.primaryKey(c, table);
        }
    };

    static ObjectNode formJob(LarkDataxParameters p, LarkTaskContext ctx) {
        return formJob(p, ctx, JDBC_METADATA);
    }

    /**
     * The form as a DataX job. DS's form reads through one {@code sql}; with {@code channel > 1} a single-table
     * SELECT is read as that table (its select list and WHERE kept) split on the table's primary key, so the
     * channels really run in parallel; any other SQL runs as written on one channel, and the log says why.
     */
    static ObjectNode formJob(LarkDataxParameters p, LarkTaskContext ctx, KeyLookup keys) {
        ResolvedDatasource src = ctx.datasource("dataSource", p.getDataSource());
        ResolvedDatasource dst = ctx.datasource("dataTarget", p.getDataTarget());
        String srcType = p.getDsType() != null ? p.getDsType() : src.type();
        int channel = p.getChannel();
        SingleTableQuery query = null;
        String splitKey = null;
        if (channel > 1) {
            query = SingleTableQuery.analyze(p.getSql());
            String why = query.reason();
            if (query.splittable()) {
                try {
                    splitKey = keys.primaryKey(src.endpoint(), query.table());
                    if (splitKey == null) {
                        why = "table " + query.table() + " has no primary key to split on";
                    }
                } catch (SQLException e) {
                    why = "the primary key of " + query.table() + " cannot be read (" + e.getMessage() + ")";
                }
            }
            if (splitKey == null) {
                ctx.log("DATAX: reading the sql as written on 1 channel (channel = " + channel + " was asked): "
                        + why);
                channel = 1;
            } else {
                ctx.log("DATAX: the sql is a single-table SELECT on " + query.table() + ": splitting it on the"
                        + " primary key " + splitKey + " over " + channel + " channels");
            }
        }
        DataxJobBuilder b = new DataxJobBuilder().speed(channel, p.getJobSpeedByte(), p.getJobSpeedRecord())
                .errorLimit(p.getErrorLimitRecord(), 0, null, null);
        if (splitKey != null) {
            ObjectNode r = b.tableReader(srcType, src.endpoint(), query.table(), query.columns());
            if (query.where() != null) {
                r.put("where", query.where());
            }
            r.put("splitPk", splitKey);
        } else {
            b.queryReader(srcType, src.endpoint(), p.getSql());
        }
        // no writer column list: target columns are named like the query's result columns (the stock task parses
        // the same names out of the SQL text)
        ObjectNode w = b.tableWriter(p.getDtType() != null ? p.getDtType() : dst.type(), dst.endpoint(),
                p.getTargetTable(), List.of());
        DataxJobBuilder.strings(w, "preSql", p.getPreStatements());
        DataxJobBuilder.strings(w, "postSql", p.getPostStatements());
        return b.root();
    }

    private void delegate(JsonNode root, JobSpec spec, LarkTaskContext ctx) throws Exception {
        List<String> missing = new ArrayList<>();
        for (JobSpec.Content c : spec.content()) {
            if (!Plugins.readers().contains(c.reader().name())) {
                missing.add(c.reader().name());
            }
            if (!Plugins.writers().contains(c.writer().name())) {
                missing.add(c.writer().name());
            }
        }
        String home = System.getenv("DATAX_HOME");
        if (home == null || home.isEmpty()) {
            Set<String> all = new java.util.TreeSet<>(Plugins.readers());
            all.addAll(Plugins.writers());
            throw ConfigException.unknown("json.job.content.reader/writer.name", String.join(", ", missing), all);
        }
        ctx.log("DATAX: Lark's engine has no " + missing + "; delegating this job to DataX at " + home
                + " (DATAX_HOME)");
        Path jobFile = ctx.executePath().resolve(ctx.request().getTaskAppId() + "_job.json");
        Files.createDirectories(jobFile.getParent());
        Files.write(jobFile, root.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Files.setPosixFilePermissions(jobFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        String python = System.getenv("PYTHON_LAUNCHER") != null ? System.getenv("PYTHON_LAUNCHER") : "python";
        ProcessBuilder pb = new ProcessBuilder(python, Path.of(home, "bin", "datax.py").toString(),
                jobFile.toString()).redirectErrorStream(true).directory(ctx.executePath().toFile());
        Process proc = pb.start();
        delegated = proc;
        ctx.onCancel(() -> proc.destroy());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                ctx.log(line);
            }
        }
        int code = proc.waitFor();
        ctx.cancellation().throwIfCancelled();
        if (code != 0) {
            throw new IllegalStateException("DataX (" + home + ") exited with code " + code);
        }
        ctx.summary().line("engine", "DataX at " + home + " (delegated: " + missing + ")");
    }
}
