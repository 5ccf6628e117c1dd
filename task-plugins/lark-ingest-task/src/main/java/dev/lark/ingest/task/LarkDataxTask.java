package dev.lark.ingest.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.IngestJob;
import dev.lark.ingest.Plugins;
import dev.lark.ingest.job.JobSpec;
import dev.lark.task.common.LarkTask;
import dev.lark.task.common.LarkTaskContext;
import dev.lark.task.common.ResolvedDatasource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;

/**
 * The {@code DATAX} task, run in Lark's in-process engine: the stock form (querySql read, one target table) and
 * custom JSON both work unchanged, the JSON's {@code channel}, {@code errorLimit} and {@code splitPk} are honoured.
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

    static ObjectNode formJob(LarkDataxParameters p, LarkTaskContext ctx) {
        ResolvedDatasource src = ctx.datasource("dataSource", p.getDataSource());
        ResolvedDatasource dst = ctx.datasource("dataTarget", p.getDataTarget());
        DataxJobBuilder b = new DataxJobBuilder().speed(p.getChannel(), p.getJobSpeedByte(), p.getJobSpeedRecord())
                .errorLimit(p.getErrorLimitRecord(), 0, null, null);
        b.queryReader(p.getDsType() != null ? p.getDsType() : src.type(), src.endpoint(), p.getSql());
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
