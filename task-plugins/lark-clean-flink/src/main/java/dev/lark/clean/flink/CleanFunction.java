package dev.lark.clean.flink;

import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.CleanSession;
import dev.lark.clean.DeadLetter;
import dev.lark.clean.OutputRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One {@link CleanSession} per parallel subtask (the engine is thread-safe per record stream, not across them):
 * each raw record becomes zero or more cleaned records (JSON) on the main output, or one dead letter (JSON with step,
 * kind, field, message, raw) on {@link #DEAD_LETTERS}, or nothing when a filter dropped it. The outcome of every
 * input is counted in accumulators ({@code cleanInputs = cleanSucceeded + cleanFiltered + cleanFailed}) and in the
 * metric group {@code lark_clean}.
 */
public final class CleanFunction extends ProcessFunction<String, String> {
    private static final long serialVersionUID = 1L;

    /** The side output of failed records. */
    public static final OutputTag<String> DEAD_LETTERS = new OutputTag<String>("lark-clean-dead-letters") { };

    public static final String INPUTS = "cleanInputs";
    public static final String SUCCEEDED = "cleanSucceeded";
    public static final String FILTERED = "cleanFiltered";
    public static final String FAILED = "cleanFailed";
    public static final String OUTPUT_RECORDS = "cleanOutputRecords";

    private final String configText;
    private transient CleanSession session;
    private transient List<OutputRecord> outputs;
    private transient List<DeadLetter> deadLetters;
    private transient LongCounter inputs;
    private transient LongCounter succeeded;
    private transient LongCounter filtered;
    private transient LongCounter failed;
    private transient LongCounter outputRecords;
    private transient Counter inputsMetric;
    private transient Counter failedMetric;
    private transient Counter outputRecordsMetric;

    public CleanFunction(String configText) {
        this.configText = configText;
    }

    @Override
    public void open(OpenContext openContext) {
        CleanPlan plan = CleanPlan.compile(CleanConfig.parse(configText));
        outputs = new ArrayList<>();
        deadLetters = new ArrayList<>();
        session = plan.newSession(outputs::add, deadLetters::add);
        inputs = counter(INPUTS);
        succeeded = counter(SUCCEEDED);
        filtered = counter(FILTERED);
        failed = counter(FAILED);
        outputRecords = counter(OUTPUT_RECORDS);
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("lark_clean");
        inputsMetric = metrics.counter("inputs");
        failedMetric = metrics.counter("failed");
        outputRecordsMetric = metrics.counter("outputRecords");
    }

    private LongCounter counter(String name) {
        LongCounter c = new LongCounter();
        getRuntimeContext().addAccumulator(name, c);
        return c;
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<String> out) {
        CleanSession.Outcome outcome = session.process(raw);
        inputs.add(1);
        inputsMetric.inc();
        switch (outcome) {
            case OUTPUT: succeeded.add(1); break;
            case FILTERED: filtered.add(1); break;
            default: failed.add(1); failedMetric.inc();
        }
        for (OutputRecord r : outputs) {
            out.collect(r.toJson());
        }
        outputRecords.add(outputs.size());
        outputRecordsMetric.inc(outputs.size());
        for (DeadLetter d : deadLetters) {
            ctx.output(DEAD_LETTERS, d.toJson().toString());
        }
        outputs.clear();
        deadLetters.clear();
    }
}
