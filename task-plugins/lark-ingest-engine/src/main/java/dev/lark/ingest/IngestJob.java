package dev.lark.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.Progress;
import dev.lark.engine.common.RunContext;
import dev.lark.ingest.channel.Pipeline;
import dev.lark.ingest.job.JobSpec;
import dev.lark.ingest.job.Params;
import dev.lark.ingest.metrics.DeadLetter;
import dev.lark.ingest.metrics.DeadLetters;
import dev.lark.ingest.metrics.DirtyRecords;
import dev.lark.ingest.reader.Reader;
import dev.lark.ingest.reader.Split;
import dev.lark.ingest.state.WatermarkStore;
import dev.lark.ingest.writer.CommitRequest;
import dev.lark.ingest.writer.Writer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Runs a DataX job in-process: for each {@code content} entry, reader and writer are built and validated, the
 * incremental range is resolved from the target's state, the writer stages, the channels copy, and the writer
 * commits atomically (or aborts, leaving the target as it was).
 */
public final class IngestJob {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobSpec spec;
    private String jobKey;
    private String runKey;
    private Path workDir = Paths.get(".");
    private String startWatermark;

    private IngestJob(JobSpec spec) {
        this.spec = spec;
    }

    /** Parses and validates a DataX job JSON text. */
    public static IngestJob parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("job", null, "is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")", "fix the JSON syntax");
        }
        return of(root);
    }

    public static IngestJob of(JsonNode root) {
        IngestJob job = new IngestJob(JobSpec.from(root));
        job.validatePlugins();
        return job;
    }

    /** Builds every plugin once so that unknown names and parameters fail before anything runs. */
    private void validatePlugins() {
        for (int i = 0; i < spec.content().size(); i++) {
            JobSpec.Content c = spec.content().get(i);
            String path = "job.content[" + i + "]";
            Plugins.reader(c.reader(), path);
            Plugins.writer(c.writer(), path);
        }
        if (spec.deadLetter() != null) {
            DeadLetters.validate(spec.deadLetter());
        }
    }

    public JobSpec spec() {
        return spec;
    }

    /** Identity of the job for incremental state; default: setting.jobKey or reader+writer datasets. */
    public IngestJob jobKey(String k) {
        this.jobKey = k;
        return this;
    }

    /** Identity of this run (e.g. DS schedule time): a rerun with the same key redoes the same range. */
    public IngestJob runKey(String k) {
        this.runKey = k;
        return this;
    }

    /** Directory for files the job creates by default (the dead-letter file). */
    public IngestJob workDir(Path d) {
        this.workDir = d;
        return this;
    }

    /** The watermark to start after when the target holds no state for the job yet. */
    public IngestJob startWatermark(String w) {
        this.startWatermark = w == null || w.isEmpty() ? null : w;
        return this;
    }

    public IngestResult run(RunContext rc) throws Exception {
        long start = System.nanoTime();
        long read = 0;
        long written = 0;
        long dirty = 0;
        long bytes = 0;
        String watermark = null;
        String deadLetterDesc = null;
        List<LineageReport.Dataset> inputs = new ArrayList<>();
        List<LineageReport.Dataset> outputs = new ArrayList<>();
        List<LineageReport.ColumnMapping> mappings = new ArrayList<>();
        for (int i = 0; i < spec.content().size(); i++) {
            JobSpec.Content c = spec.content().get(i);
            String path = "job.content[" + i + "]";
            try (Reader reader = Plugins.reader(c.reader(), path); Writer writer = Plugins.writer(c.writer(), path)) {
                String jk = jobKey != null ? jobKey : spec.jobKey() != null ? spec.jobKey()
                        : reader.dataset().qualifiedName() + "->" + writer.dataset().qualifiedName();
                if (spec.content().size() > 1) {
                    jk = jk + "#" + i;
                }
                String rk = runKey != null ? runKey : spec.runKey() != null ? spec.runKey()
                        : UUID.randomUUID().toString();
                IngestContext ctx = new IngestContext(rc, spec, jk, rk, workDir, startWatermark);
                Outcome o = runOne(ctx, reader, writer, c);
                read += o.read;
                written += o.written;
                dirty += o.dirty;
                bytes += Math.max(0, o.bytes);
                if (o.watermark != null) {
                    watermark = o.watermark;
                }
                deadLetterDesc = o.deadLetter;
                inputs.add(reader.dataset());
                outputs.add(writer.dataset());
                List<String> rc2 = reader.columns();
                List<String> wc = writer.columns();
                for (int k = 0; k < Math.min(rc2.size(), wc.size()); k++) {
                    mappings.add(new LineageReport.ColumnMapping(reader.dataset(), List.of(rc2.get(k)),
                            writer.dataset(), wc.get(k), "copy"));
                }
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        return new IngestResult(read, written, dirty, bytes, watermark, secs, deadLetterDesc,
                LineageReport.of(inputs, outputs, mappings));
    }

    private static final class Outcome {
        long read;
        long written;
        long dirty;
        long bytes;
        String watermark;
        String deadLetter;
    }

    private Outcome runOne(IngestContext ctx, Reader reader, Writer writer, JobSpec.Content c) throws Exception {
        Outcome o = new Outcome();
        String incremental = reader.incrementalColumn();
        String low = null;
        String redoHigh = null;
        if (incremental != null) {
            WatermarkStore store = writer.watermarkStore(ctx);
            if (store == null) {
                throw ConfigException.invalid("job.content.writer.name", c.writer().name(), "this writer cannot keep"
                        + " incremental state; use a database writer or drop incrementalColumn");
            }
            WatermarkStore.RunState prior = store.forRun(ctx.jobKey(), ctx.runKey());
            if (prior != null) {
                low = prior.low();
                redoHigh = prior.high() == null ? "" : prior.high();
                ctx.log("incremental: run " + ctx.runKey() + " was loaded before (after " + (low == null ? "(start)"
                        : low) + "); redoing the same range so the rerun does not duplicate rows");
            } else {
                low = store.latest(ctx.jobKey());
                if (low == null) {
                    low = ctx.startWatermark();
                }
            }
            reader.setLowWatermark(low);
        }
        DeadLetter deadLetter = DeadLetters.create(spec.deadLetter(), ctx, writer);
        o.deadLetter = deadLetter.describe();
        Progress progress = Progress.builder("ingest").interval(java.time.Duration.ofSeconds(spec.progressSeconds()))
                .sink(ctx::log).build();
        try (DeadLetter dl = deadLetter) {
            reader.prepare(ctx);
            long estimate = reader.estimatedRows();
            progress = Progress.builder("ingest").totalRows(estimate).interval(java.time.Duration.ofSeconds(
                    spec.progressSeconds())).sink(ctx::log).build();
            DirtyRecords dirty = new DirtyRecords(dl, spec.errorRecordLimit(), spec.errorPercentageLimit(), progress);
            ctx.attach(progress, dirty);
            try {
                writer.prepare(ctx, reader.columns());
                String targetInc = null;
                if (incremental != null) {
                    int idx = indexOf(reader.columns(), incremental);
                    if (idx < 0) {
                        throw ConfigException.invalid("job.content.reader.parameter.incrementalColumn", incremental,
                                "the incremental column must be one of the read columns " + reader.columns());
                    }
                    targetInc = writer.columns().get(idx);
                }
                List<Split> splits = reader.splits(spec.channel());
                ctx.log(String.format(Locale.ROOT, "ingest: %s -> %s, %d channel(s), %d split(s)%s",
                        reader.dataset().qualifiedName(), writer.dataset().qualifiedName(), spec.channel(),
                        splits.size(), estimate > 0 ? ", ~" + estimate + " rows" : ""));
                if (!c.transformers().isEmpty()) {
                    ctx.log("ingest: transformers " + c.transformers().names() + " on every record");
                }
                Pipeline pipeline = new Pipeline(ctx, reader, writer, c.transformers());
                pipeline.run(splits, spec.channel());
                o.read = pipeline.rowsRead();
                o.written = pipeline.rowsWritten();
                if (pipeline.rowsFiltered() > 0) {
                    ctx.log("ingest: " + pipeline.rowsFiltered() + " record(s) dropped by dx_filter");
                }
                dirty.checkPercentage(o.read);
                String high = reader.newWatermark();
                CommitRequest req = incremental == null ? CommitRequest.plain(o.written) : new CommitRequest(
                        ctx.jobKey(), ctx.runKey(), targetInc, low, high, redoHigh, o.written);
                ctx.cancellation().throwIfCancelled();
                writer.commit(req);
                o.watermark = high;
                o.dirty = dirty.count();
                o.bytes = writer.bytesWritten();
                progress.reportNow();
                return o;
            } catch (Throwable t) {
                // a kill interrupts this thread: clear the flag so the cleanup's own I/O is not interrupted too
                boolean interrupted = Thread.interrupted();
                try {
                    writer.abort();
                } finally {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                }
                throw t;
            }
        }
    }

    private static int indexOf(List<String> cols, String name) {
        String n = name.replace("`", "").replace("\"", "");
        for (int i = 0; i < cols.size(); i++) {
            if (cols.get(i).equalsIgnoreCase(n)) {
                return i;
            }
        }
        return -1;
    }

    /** Parameter helper for callers that want to inspect plugin parameters (e.g. the DS DATAX delegation). */
    public static Params params(JsonNode node, String path) {
        return new Params(path, node);
    }
}
