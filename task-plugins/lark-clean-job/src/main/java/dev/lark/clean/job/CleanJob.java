package dev.lark.clean.job;

import dev.lark.clean.CleanCounters;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.CleanSession;
import dev.lark.clean.DeadLetter;
import dev.lark.clean.ErrorKind;
import dev.lark.clean.OutputRecord;
import dev.lark.clean.job.deadletter.DeadLetterOutput;
import dev.lark.clean.job.sink.OutputSink;
import dev.lark.clean.job.source.InputSource;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.Progress;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A batch cleaning run, DS-free: reads a bounded source batch by batch, cleans every record with one
 * {@link CleanSession}, writes the batch's outputs and dead letters (both flushed) before reading on, commits the
 * source position at the end, and decides success by the plan's error budget.
 */
public final class CleanJob {
    private final CleanPlan plan;
    private final InputSource source;
    private final OutputSink sink;
    private final DeadLetterOutput deadLetters;

    public CleanJob(CleanPlan plan, InputSource source, OutputSink sink, DeadLetterOutput deadLetters) {
        this.plan = Objects.requireNonNull(plan);
        this.source = Objects.requireNonNull(source);
        this.sink = Objects.requireNonNull(sink);
        this.deadLetters = deadLetters == null ? DeadLetterOutput.NONE : deadLetters;
    }

    /** The outcome: the counters and whether they fit the error budget. */
    public static final class Result {
        private final CleanCounters counters;
        private final boolean withinBudget;
        private final String position;

        Result(CleanCounters counters, boolean withinBudget, String position) {
            this.counters = counters;
            this.withinBudget = withinBudget;
            this.position = position;
        }

        public CleanCounters counters() { return counters; }
        public boolean withinBudget() { return withinBudget; }
        public String position() { return position; }
    }

    private String unpublished() {
        return sink.stagesUntilCommit() ? "the target is left unchanged"
                : "the records already sent to " + sink.dataset().system() + " " + sink.dataset().name() + " stay (it has no staging)";
    }

    /** Runs to the end of the source. Fills {@code summary} (lines, outputs, lineage) when given. */
    public Result run(RunContext ctx, RunSummary summary) throws Exception {
        List<OutputRecord> out = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        CleanSession session = plan.newSession(out::add, dead::add);
        ctx.log("cleaning '" + plan.name() + "': " + source.dataset().system() + " " + source.dataset().name() + " -> "
                + sink.dataset().system() + " " + sink.dataset().name() + ", dead letters -> " + deadLetters.describe());
        sink.prepare(plan.schema());
        boolean published = false;
        CleanCounters c;
        boolean ok;
        try {
            try (Progress progress = ctx.progress("clean " + plan.name(), source.expectedRecords()).start(ctx.threadFactory())) {
                List<String> batch;
                while ((batch = source.poll()) != null) {
                    ctx.cancellation().throwIfCancelled();
                    for (String raw : batch) {
                        session.process(raw);
                    }
                    if (!out.isEmpty()) {
                        sink.write(out);
                        out.clear();
                    }
                    if (!dead.isEmpty()) {
                        deadLetters.write(dead);
                        progress.addDirty(dead.size());
                        dead.clear();
                    }
                    progress.addRows(batch.size());
                    long maxRecords = plan.errorBudget().maxRecords();
                    if (maxRecords >= 0 && session.counters().failed() > maxRecords) {
                        break; // certain failure: stop reading; nothing of this run gets published
                    }
                }
            }
            c = session.counters();
            ok = plan.errorBudget().allows(c.failed(), c.inputs());
            if (ok) {
                sink.commit();
                published = true;
                source.commit();
            } else {
                ctx.log("error budget exceeded: " + c.failed() + " of " + c.inputs() + " inputs failed; " + unpublished());
            }
        } finally {
            if (!published) {
                sink.abort();
            }
        }
        if (summary != null) {
            summary.line("inputs", c.inputs()).line("succeeded", c.succeeded()).line("filtered", c.filtered())
                    .line("failed (dead letters)", c.failed()).line("output records", c.outputRecords())
                    .line("error budget", plan.errorBudget() + (ok ? " kept" : " EXCEEDED: " + unpublished()));
            for (Map.Entry<ErrorKind, Long> e : c.errors().entrySet()) {
                summary.line("errors " + e.getKey(), e.getValue());
            }
            summary.output("cleanInputs", c.inputs()).output("cleanOutputRecords", c.outputRecords())
                    .output("cleanFiltered", c.filtered()).output("cleanFailed", c.failed());
            if (source.position() != null) {
                summary.output("cleanSourcePosition", source.position());
            }
            summary.lineage(LineageReport.of(List.of(source.dataset()), List.of(sink.dataset()), List.of()));
        }
        return new Result(c, ok, source.position());
    }
}
