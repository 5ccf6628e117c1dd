package dev.lark.clean.job;

import dev.lark.clean.CleanPlan;
import dev.lark.clean.job.deadletter.DeadLetterOutput;
import dev.lark.clean.job.deadletter.FileDeadLetters;
import dev.lark.clean.job.deadletter.KafkaDeadLetters;
import dev.lark.clean.job.sink.ClickHouseSink;
import dev.lark.clean.job.sink.FileSink;
import dev.lark.clean.job.sink.KafkaSink;
import dev.lark.clean.job.sink.OutputSink;
import dev.lark.clean.job.source.FileSource;
import dev.lark.clean.job.source.InputSource;
import dev.lark.clean.job.source.JdbcSource;
import dev.lark.clean.job.source.KafkaRangeSource;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import java.nio.file.Paths;
import java.util.function.Consumer;

/**
 * Opens the source, sink and dead-letter output a {@link CleanJobSpec} names, runs a {@link CleanJob} over them and
 * closes everything. The one way LARK_CLEAN and {@code lark clean run} start a run.
 */
public final class CleanJobs {
    private CleanJobs() {
    }

    /**
     * @param onCancel registers a hook to run when the caller cancels (e.g. a DS kill), to unblock a long read;
     *                 the run itself also stops at the next batch through {@code ctx.cancellation()}
     */
    public static CleanJob.Result run(CleanPlan plan, CleanJobSpec spec, RunContext ctx, RunSummary summary,
            Consumer<Runnable> onCancel) throws Exception {
        try (InputSource source = source(spec, onCancel);
             OutputSink sink = sink(spec);
             DeadLetterOutput dead = deadLetters(spec)) {
            return new CleanJob(plan, source, sink, dead).run(ctx, summary);
        }
    }

    /** The spec's source, opened. */
    public static InputSource source(CleanJobSpec spec, Consumer<Runnable> onCancel) throws Exception {
        switch (spec.sourceType()) {
            case KAFKA:
                return new KafkaRangeSource(spec.kafkaBootstrapServers(), spec.sourceTopic(), spec.startOffsets(), spec.consumerGroup());
            case FILE:
                return "-".equals(spec.inputPath()) ? FileSource.stdin(spec.batchSize()) : new FileSource(Paths.get(spec.inputPath()), spec.batchSize());
            default: {
                if (spec.jdbc() == null) {
                    throw ConfigException.missing("jdbcUrl", "give the JDBC source's database (a DS datasource, or --jdbc-url for the CLI)");
                }
                JdbcSource s = new JdbcSource(spec.jdbc(), spec.jdbcQuery(), spec.jdbcColumn(), spec.batchSize());
                onCancel.accept(s::cancel);
                return s;
            }
        }
    }

    /** The spec's sink, connected (not yet prepared). */
    public static OutputSink sink(CleanJobSpec spec) throws Exception {
        switch (spec.sinkType()) {
            case KAFKA:
                return new KafkaSink(spec.kafkaBootstrapServers(), spec.sinkTopic());
            case CLICKHOUSE:
                if (spec.clickhouseUrl() == null) {
                    throw ConfigException.missing("clickhouseUrl", "http://host:8123 or jdbc:clickhouse://host:8123/database (or a DS datasource)");
                }
                return new ClickHouseSink(spec.clickhouseUrl(), spec.clickhouseUser(), spec.clickhousePassword(), spec.clickhouseTable(),
                        spec.createTable(), spec.writeMode() == CleanJobSpec.WriteMode.REPLACE_PARTITIONS);
            default:
                return new FileSink(Paths.get(spec.outputPath()));
        }
    }

    /** The spec's dead-letter output, opened. */
    public static DeadLetterOutput deadLetters(CleanJobSpec spec) throws Exception {
        switch (spec.deadLetterType()) {
            case KAFKA: return new KafkaDeadLetters(spec.kafkaBootstrapServers(), spec.deadLetterTopic());
            case FILE: return new FileDeadLetters(Paths.get(spec.deadLetterPath()));
            default: return DeadLetterOutput.NONE;
        }
    }
}
