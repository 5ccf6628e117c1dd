package dev.lark.clean.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.CleanSession;
import dev.lark.clean.DeadLetterSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records per second on one thread (= one core) for the four cleaning shapes of issue 4, and raw Jackson
 * streaming-parse of the same JSON strings as the baseline. Each invocation processes a batch of {@value #BATCH} inputs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
public class CleanBenchmark {
    static final int BATCH = 1000;
    static final JsonFactory JSON = new JsonFactory();

    List<String> flat;
    List<String> nested;
    List<String> delimited;
    List<String> nginx;
    CleanSession flatSession;
    CleanSession nestedSession;
    CleanSession delimiterSession;
    CleanSession grokSession;
    long[] sink = new long[1];

    @Setup
    public void setup() {
        BenchData d = BenchData.generate(BATCH);
        flat = d.flat;
        nested = d.nested;
        delimited = d.delimited;
        nginx = d.nginx;
        flatSession = session(BenchConfigs.FLAT);
        nestedSession = session(BenchConfigs.NESTED);
        delimiterSession = session(BenchConfigs.DELIMITER);
        grokSession = session(BenchConfigs.GROK);
        for (CleanSession s : List.of(flatSession, nestedSession, delimiterSession, grokSession)) {
            s.counters();
        }
        check(flatSession, flat);
        check(nestedSession, nested);
        check(delimiterSession, delimited);
        check(grokSession, nginx);
    }

    private CleanSession session(String config) {
        return CleanPlan.compile(CleanConfig.parse(config)).newSession(rec -> sink[0] += rec.size(), DeadLetterSink.DISCARD);
    }

    /** A benchmark of records that all fail would measure the error path: make sure they succeed. */
    private static void check(CleanSession s, List<String> inputs) {
        for (String in : inputs) {
            if (s.process(in) != CleanSession.Outcome.OUTPUT) {
                throw new IllegalStateException("benchmark input does not clean: " + in + " -> " + s.lastDeadLetter());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long flatJson10Fields() {
        for (String s : flat) {
            flatSession.process(s);
        }
        return sink[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long nestedJsonIterate() {
        for (String s : nested) {
            nestedSession.process(s);
        }
        return sink[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long delimiter10Fields() {
        for (String s : delimited) {
            delimiterSession.process(s);
        }
        return sink[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long nginxGrok() {
        for (String s : nginx) {
            grokSession.process(s);
        }
        return sink[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawJacksonFlat(Blackhole bh) throws IOException {
        for (String s : flat) {
            rawParse(s, bh);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void rawJacksonNested(Blackhole bh) throws IOException {
        for (String s : nested) {
            rawParse(s, bh);
        }
    }

    /** Tokenize and read every value once: the least any JSON cleaning must do. */
    static void rawParse(String s, Blackhole bh) throws IOException {
        try (JsonParser p = JSON.createParser(s)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case VALUE_STRING: bh.consume(p.getText()); break;
                    case VALUE_NUMBER_INT: bh.consume(p.getLongValue()); break;
                    case VALUE_NUMBER_FLOAT: bh.consume(p.getDoubleValue()); break;
                    case FIELD_NAME: bh.consume(p.currentName()); break;
                    default: bh.consume(t);
                }
            }
        }
    }
}
