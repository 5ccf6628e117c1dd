package dev.lark.clean.task.job;

import dev.lark.clean.CleanPlan;
import dev.lark.clean.task.LarkCleanParameters;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.RunContext;
import dev.lark.engine.common.RunSummary;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.function.Consumer;

/** Builds the source, sink and dead-letter output named by the parameters, runs the job and closes everything. */
public final class CleanJobs {
    private CleanJobs() {
    }

    /**
     * @param jdbc the resolved JDBC datasource when sourceType is JDBC
     * @param clickhouse the resolved CLICKHOUSE datasource, or null to use clickhouseUrl/User/Password
     * @param onCancel registers a hook run when the task is killed
     */
    public static CleanJob.Result run(CleanPlan plan, LarkCleanParameters p, JdbcEndpoint jdbc, JdbcEndpoint clickhouse,
            RunContext ctx, RunSummary summary, Consumer<Runnable> onCancel) throws Exception {
        try (InputSource source = source(p, jdbc, onCancel);
             OutputSink sink = sink(p, clickhouse);
             DeadLetterOutput dead = deadLetters(p)) {
            return new CleanJob(plan, source, sink, dead).run(ctx, summary);
        }
    }

    static InputSource source(LarkCleanParameters p, JdbcEndpoint jdbc, Consumer<Runnable> onCancel) throws Exception {
        switch (p.getSourceType().trim().toUpperCase(Locale.ROOT)) {
            case "KAFKA": return new KafkaRangeSource(p.getKafkaBootstrapServers(), p.getSourceTopic(), p.getStartOffsets(), p.getConsumerGroup());
            case "FILE": return new FileSource(Paths.get(p.getInputPath()), p.getBatchSize());
            default: {
                JdbcSource s = new JdbcSource(jdbc, p.getJdbcQuery(), p.getJdbcColumn(), p.getBatchSize());
                onCancel.accept(s::cancel);
                return s;
            }
        }
    }

    static OutputSink sink(LarkCleanParameters p, JdbcEndpoint clickhouse) throws Exception {
        switch (p.getSinkType().trim().toUpperCase(Locale.ROOT)) {
            case "KAFKA": return new KafkaOutputs.RecordSink(p.getKafkaBootstrapServers(), p.getSinkTopic());
            case "CLICKHOUSE":
                if (clickhouse != null) {
                    return new ClickHouseSink(clickhouse.jdbcUrl(), clickhouse.user(), clickhouse.password(), p.getClickhouseTable(), p.isCreateTable());
                }
                return new ClickHouseSink(p.getClickhouseUrl(), p.getClickhouseUser(), p.getClickhousePassword(), p.getClickhouseTable(), p.isCreateTable());
            default: return new FileOutputs.RecordSink(Paths.get(p.getOutputPath()));
        }
    }

    static DeadLetterOutput deadLetters(LarkCleanParameters p) throws Exception {
        String t = p.getDeadLetterType() == null ? "NONE" : p.getDeadLetterType().trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "KAFKA": return new KafkaOutputs.DeadLetters(p.getKafkaBootstrapServers(), p.getDeadLetterTopic());
            case "FILE": return new FileOutputs.DeadLetters(Paths.get(p.getDeadLetterPath()));
            default: return DeadLetterOutput.NONE;
        }
    }
}
