package dev.lark.lineage.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.lineage.SampleEvents;
import dev.lark.lineage.model.LineageJson;
import dev.lark.lineage.model.RunEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    @Test
    void appendedEventsArePendingInOrderAndSurviveReopen() throws Exception {
        Journal j = Journal.open(dir, FsyncPolicy.ALWAYS);
        List<JournalEntry> written = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            written.add(j.append(LineageJson.toBytes(SampleEvents.ingest(i))));
        }
        assertThat(j.pending(10)).containsExactlyElementsOf(written);
        // a second "process" opening the same directory sees all of them, in order
        Journal reopened = Journal.open(dir, FsyncPolicy.ALWAYS);
        assertThat(reopened.pending(10)).containsExactlyElementsOf(written);
        assertThat(LineageJson.fromBytes(reopened.read(written.get(2))).getRun().getTaskInstanceId()).isEqualTo(3);
    }

    @Test
    void acknowledgedEventsAreGoneAndParkedOnesKeepTheReason() throws Exception {
        Journal j = Journal.open(dir, FsyncPolicy.NEVER);
        JournalEntry a = j.append(LineageJson.toBytes(SampleEvents.ingest(1)));
        JournalEntry b = j.append(LineageJson.toBytes(SampleEvents.ingest(2)));
        JournalEntry c = j.append(LineageJson.toBytes(SampleEvents.ingest(3)));
        j.acknowledge(a);
        j.park(b, "HTTP 400 {\"errorCode\":\"ATLAS-400-00-01D\"}");
        Journal reopened = Journal.open(dir, FsyncPolicy.NEVER);
        assertThat(reopened.pending(10)).containsExactly(c);
        List<ParkedEntry> parked = reopened.parked();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).entry()).isEqualTo(b);
        assertThat(parked.get(0).reason()).contains("ATLAS-400-00-01D");
        assertThat(parked.get(0).parkedAt()).isNotNull();
        assertThat(LineageJson.fromBytes(reopened.readParked(b)).getRun().getTaskInstanceId()).isEqualTo(2);

        assertThat(reopened.replayParked(parked)).isEqualTo(1);
        assertThat(reopened.parked()).isEmpty();
        List<JournalEntry> pending = reopened.pending(10);
        assertThat(pending).hasSize(2).startsWith(c);
        assertThat(LineageJson.fromBytes(reopened.read(pending.get(1))).getRun().getTaskInstanceId()).isEqualTo(2);
    }

    @Test
    void idsStayOrderedWithinOneMillisecond() throws Exception {
        Journal j = Journal.open(dir, FsyncPolicy.NEVER);
        List<JournalEntry> written = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            written.add(j.append(new byte[] {'{', '}'}));
        }
        assertThat(j.pending(1000)).containsExactlyElementsOf(written);
    }

    @Test
    void tornTempFilesAreNotEvents() throws Exception {
        Journal j = Journal.open(dir, FsyncPolicy.NEVER);
        j.append(LineageJson.toBytes(SampleEvents.ingest(1)));
        Files.write(dir.resolve("pending").resolve(".0000000000000000001-x.json.tmp"), new byte[] {'{'});
        assertThat(Journal.open(dir, FsyncPolicy.NEVER).pendingCount()).isEqualTo(1);
    }

    /**
     * The real thing: a separate JVM emits 50 events through the hook (whose sink is down), prints how many it
     * journaled and is then killed with SIGKILL. Reopening the journal must show every one of them pending.
     */
    @Test
    void everyEmittedEventSurvivesKillMinus9() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmitThenHang.class.getName(), dir.toString(), "50")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            line = r.readLine();
            while (line != null && !line.startsWith("journaled")) { // skip log lines
                line = r.readLine();
            }
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no close()
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(line).isEqualTo("journaled 50");
        Journal reopened = Journal.open(dir, FsyncPolicy.ALWAYS);
        List<JournalEntry> pending = reopened.pending(1000);
        assertThat(pending).hasSize(50);
        List<Long> ids = new ArrayList<>();
        for (JournalEntry e : pending) {
            RunEvent ev = LineageJson.fromBytes(reopened.read(e));
            ids.add(ev.getRun().getTaskInstanceId());
        }
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= 50; i++) {
            expected.add(i);
        }
        assertThat(ids).containsExactlyElementsOf(expected);
    }
}
