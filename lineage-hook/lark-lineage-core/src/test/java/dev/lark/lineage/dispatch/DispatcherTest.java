package dev.lark.lineage.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lark.lineage.DeliveryOutcome;
import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.LineageMetrics;
import dev.lark.lineage.LineageSink;
import dev.lark.lineage.SampleEvents;
import dev.lark.lineage.journal.FsyncPolicy;
import dev.lark.lineage.journal.Journal;
import dev.lark.lineage.model.RunEvent;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DispatcherTest {
    @TempDir
    Path dir;

    /** A sink that can be "down", rejects task instance 13 for good, and records what it accepted, in order. */
    static final class RecordingSink implements LineageSink {
        final AtomicBoolean up = new AtomicBoolean(true);
        final AtomicInteger calls = new AtomicInteger();
        final List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
        final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<DeliveryOutcome> deliver(List<RunEvent> events) throws Exception {
            calls.incrementAndGet();
            if (!up.get()) {
                throw new ConnectException("Connection refused");
            }
            batchSizes.add(events.size());
            List<DeliveryOutcome> out = new ArrayList<>();
            for (RunEvent e : events) {
                if (e.getRun().getTaskInstanceId() == 13) {
                    out.add(DeliveryOutcome.rejected("HTTP 400 ATLAS-400-00-01A: invalid attribute"));
                } else {
                    accepted.add(e.getRun().getTaskInstanceId());
                    out.add(DeliveryOutcome.accepted());
                }
            }
            return out;
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    private LineageConfig config(int batch) {
        return LineageConfig.builder().journalDir(dir).fsync(FsyncPolicy.NEVER).batchEvents(batch)
                .retryInitialDelay(Duration.ofMillis(20)).retryMaxDelay(Duration.ofMillis(100)).build();
    }

    @Test
    void sinkOutageDelaysButLosesNothingAndKeepsOrder() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.up.set(false);
        try (LineageHook hook = LineageHooks.open(config(7), sink)) {
            for (long i = 1; i <= 30; i++) {
                hook.emit(SampleEvents.ingest(i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls.get() >= 3);
            LineageMetrics during = hook.metrics();
            assertThat(during.queueDepth()).isEqualTo(30);
            assertThat(during.sent()).isZero();
            assertThat(during.retried()).isGreaterThanOrEqualTo(2);
            assertThat(during.lastError()).contains("Connection refused");

            sink.up.set(true);
            assertThat(hook.awaitIdle(Duration.ofSeconds(20))).isTrue();
            LineageMetrics after = hook.metrics();
            assertThat(after.sent()).isEqualTo(29);
            assertThat(after.failed()).isEqualTo(1);
            assertThat(after.parked()).isEqualTo(1);
            assertThat(after.queueDepth()).isZero();
            assertThat(after.lagMillis()).isZero();
            assertThat(sink.batchSizes).allMatch(n -> n <= 7);
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 30; i++) {
            if (i != 13) {
                expected.add(i);
            }
        }
        assertThat(sink.accepted).containsExactlyElementsOf(expected);
        Journal j = Journal.open(dir, FsyncPolicy.NEVER);
        assertThat(j.pendingCount()).isZero();
        assertThat(j.parked()).singleElement().satisfies(p -> assertThat(p.reason()).contains("ATLAS-400-00-01A"));
    }

    @Test
    void eventsLeftByACrashedProcessAreDeliveredOnNextStart() throws Exception {
        Journal earlier = Journal.open(dir, FsyncPolicy.NEVER);
        for (long i = 1; i <= 5; i++) {
            earlier.append(dev.lark.lineage.model.LineageJson.toBytes(SampleEvents.ingest(i)));
        }
        RecordingSink sink = new RecordingSink();
        try (LineageHook hook = LineageHooks.open(config(50), sink)) {
            hook.emit(SampleEvents.ingest(6));
            assertThat(hook.awaitIdle(Duration.ofSeconds(20))).isTrue();
        }
        assertThat(sink.accepted).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void onlyOneProcessSendsFromADirectoryButAllJournal() throws Exception {
        RecordingSink first = new RecordingSink();
        RecordingSink second = new RecordingSink();
        try (LineageHook a = LineageHooks.open(config(50), first)) {
            a.emit(SampleEvents.ingest(1));
            assertThat(a.awaitIdle(Duration.ofSeconds(10))).isTrue();
            try (LineageHook b = LineageHooks.open(config(50), second)) {
                b.emit(SampleEvents.ingest(2));
                await().atMost(Duration.ofSeconds(20)).until(() -> first.accepted.size() == 2);
                assertThat(second.accepted).isEmpty();
            }
        }
    }

    @Test
    void emitNeverThrowsEvenWhenTheJournalIsUnwritable() throws Exception {
        RecordingSink sink = new RecordingSink();
        try (LineageHook hook = LineageHooks.open(config(50), sink)) {
            java.nio.file.Files.walk(dir.resolve("pending")).forEach(p -> p.toFile().setWritable(false));
            boolean root = "root".equals(System.getProperty("user.name"));
            hook.emit(SampleEvents.ingest(1));
            hook.emit(null);
            if (!root) {
                assertThat(hook.metrics().journalErrors()).isEqualTo(1);
            }
            dir.resolve("pending").toFile().setWritable(true);
        }
    }
}
