package dev.lark.ingest;

import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.Progress;
import dev.lark.engine.common.RunContext;
import dev.lark.ingest.job.JobSpec;
import dev.lark.ingest.metrics.DirtyRecords;
import java.nio.file.Path;

/** Everything a reader or writer may need about the running job. Built by {@link IngestJob}. */
public final class IngestContext {
    private final RunContext run;
    private final JobSpec spec;
    private final String jobKey;
    private final String runKey;
    private final Path workDir;
    private final String startWatermark;
    private Progress progress;
    private DirtyRecords dirty;

    IngestContext(RunContext run, JobSpec spec, String jobKey, String runKey, Path workDir, String startWatermark) {
        this.run = run;
        this.spec = spec;
        this.jobKey = jobKey;
        this.runKey = runKey;
        this.workDir = workDir;
        this.startWatermark = startWatermark;
    }

    void attach(Progress p, DirtyRecords d) {
        this.progress = p;
        this.dirty = d;
    }

    public RunContext run() {
        return run;
    }

    public void log(String line) {
        run.log(line);
    }

    public Cancellation cancellation() {
        return run.cancellation();
    }

    public JobSpec spec() {
        return spec;
    }

    public String jobKey() {
        return jobKey;
    }

    public String runKey() {
        return runKey;
    }

    public Path workDir() {
        return workDir;
    }

    /** A watermark given from outside (e.g. a DS varPool value); used when the target has no state yet. */
    public String startWatermark() {
        return startWatermark;
    }

    public Progress progress() {
        return progress;
    }

    public DirtyRecords dirty() {
        return dirty;
    }
}
