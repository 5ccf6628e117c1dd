package dev.lark.it.sandbox;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job {@link FlinkSessionClusterIT} packages into a jar at test time and submits to the sandbox cluster: the
 * numbers 1..n as {@code record-<n>} lines into a directory, through FileSink from the cluster's {@code lib/}.
 * Batch mode, so the job finishes and the sink commits its files.
 *
 * <p>Arguments: {@code <n> <output directory>}.
 */
public final class FlinkSequenceToFilesJob {
    private FlinkSequenceToFilesJob() {
    }

    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        String output = args[1];
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.fromSequence(1, n)
                .map(new ToRecord())
                .sinkTo(FileSink.forRowFormat(new Path(output), new SimpleStringEncoder<String>("UTF-8")).build());
        env.execute("lark-sandbox-sequence-to-files");
    }

    /** A named class rather than a lambda: its type is visible to Flink without a returns() hint. */
    static final class ToRecord implements MapFunction<Long, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String map(Long value) {
            return "record-" + value;
        }
    }
}
