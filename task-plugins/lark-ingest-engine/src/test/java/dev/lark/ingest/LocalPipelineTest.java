package dev.lark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.RunContext;
import dev.lark.ingest.metrics.DirtyRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stream/txtfile readers and writers through the real pipeline (no servers needed). */
class LocalPipelineTest {
    @TempDir
    Path tmp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private RunContext ctx() {
        return RunContext.of(log::add, new Cancellation(), Duration.ofSeconds(1));
    }

    private static List<String> outputLines(Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().startsWith("out__")).sorted().collect(
                    Collectors.toList())) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        Collections.sort(lines);
        return lines;
    }

    @Test
    void streamToFileWithTwoChannelsWritesEveryRowOnce() throws Exception {
        Path out = tmp.resolve("out");
        String json = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2}},\"content\":[{\"reader\":{\"name\":"
                + "\"streamreader\",\"parameter\":{\"sliceRecordCount\":5000,\"column\":[{\"type\":\"long\",\"incr\":"
                + "\"1,1\",\"name\":\"id\"},{\"type\":\"string\",\"value\":\"a,b\",\"name\":\"s\"}]}},\"writer\":{"
                + "\"name\":\"txtfilewriter\",\"parameter\":{\"path\":\"" + out + "\",\"fileName\":\"out\"}}}]}}";
        IngestResult r = IngestJob.parse(json).workDir(tmp).run(ctx());
        assertThat(r.rowsRead()).isEqualTo(10_000);
        assertThat(r.rowsWritten()).isEqualTo(10_000);
        List<String> lines = outputLines(out);
        assertThat(lines).hasSize(10_000);
        assertThat(lines.stream().map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).distinct().count())
                .isEqualTo(10_000);
        assertThat(lines).allMatch(l -> l.endsWith(",\"a,b\""));
        // nothing left in staging
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.filter(p -> p.getFileName().toString().endsWith(".inprogress"))).isEmpty();
        }
    }

    @Test
    void csvGzipToJsonLinesWithDirtyRowsInTheDeadLetter() throws Exception {
        Path in = tmp.resolve("in.csv.gz");
        try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(in))) {
            gz.write(("id,name,amount\n1,\"Smith, J\",10.5\n2,bad-amount,x\n3,\"multi\nline\",3\n4,short\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        Path out = tmp.resolve("out");
        Path dead = tmp.resolve("dead.jsonl");
        String json = "{\"job\":{\"setting\":{\"errorLimit\":{\"record\":5,\"deadLetter\":{\"type\":\"file\","
                + "\"path\":\"" + dead + "\"}}},\"content\":[{\"reader\":{\"name\":\"txtfilereader\",\"parameter\":"
                + "{\"path\":[\"" + in + "\"],\"skipHeader\":true,\"column\":[{\"index\":0,\"type\":\"long\","
                + "\"name\":\"id\"},{\"index\":1,\"type\":\"string\",\"name\":\"name\"},{\"index\":2,\"type\":"
                + "\"double\",\"name\":\"amount\"}]}},\"writer\":{\"name\":\"txtfilewriter\",\"parameter\":{"
                + "\"path\":\"" + out + "\",\"fileName\":\"out\",\"fileFormat\":\"jsonl\"}}}]}}";
        IngestResult r = IngestJob.parse(json).workDir(tmp).run(ctx());
        assertThat(r.rowsWritten()).isEqualTo(2);
        assertThat(r.rowsDirty()).isEqualTo(2);
        ObjectMapper m = new ObjectMapper();
        List<String> lines = outputLines(out);
        JsonNode first = m.readTree(lines.get(0));
        assertThat(first.get("name").asText()).isEqualTo("Smith, J");
        assertThat(first.get("amount").asDouble()).isEqualTo(10.5);
        assertThat(m.readTree(lines.get(1)).get("name").asText()).isEqualTo("multi\nline");
        List<String> dl = Files.readAllLines(dead);
        assertThat(dl).hasSize(2);
        assertThat(m.readTree(dl.get(0)).get("reason").asText()).contains("line 3").contains("x");
        assertThat(m.readTree(dl.get(0)).get("raw").asText()).isEqualTo("2,bad-amount,x");
        assertThat(m.readTree(dl.get(1)).get("reason").asText()).contains("has 2 fields");
    }

    @Test
    void tooManyDirtyRecordsFailTheJobSayingByHowMuchAndLeaveNoOutput() throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "1\nx\ny\nz\n2\n");
        Path out = tmp.resolve("out");
        String json = "{\"job\":{\"setting\":{\"errorLimit\":{\"record\":1}},\"content\":[{\"reader\":{\"name\":"
                + "\"txtfilereader\",\"parameter\":{\"path\":\"" + in + "\",\"column\":[{\"index\":0,\"type\":"
                + "\"long\"}]}},\"writer\":{\"name\":\"txtfilewriter\",\"parameter\":{\"path\":\"" + out + "\","
                + "\"fileName\":\"out\"}}}]}}";
        assertThatThrownBy(() -> IngestJob.parse(json).workDir(tmp).run(ctx()))
                .isInstanceOf(DirtyRecords.DirtyLimitExceededException.class)
                .hasMessageContaining("2 dirty records exceed job.setting.errorLimit.record = 1 by 1");
        assertThat(outputLines(out)).isEmpty();
    }

    @Test
    void percentageLimitIsCheckedAgainstRowsRead() throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "1\n2\n3\nx\n");
        String json = "{\"job\":{\"setting\":{\"errorLimit\":{\"percentage\":0.1}},\"content\":[{\"reader\":{"
                + "\"name\":\"txtfilereader\",\"parameter\":{\"path\":\"" + in + "\",\"column\":[{\"index\":0,"
                + "\"type\":\"long\"}]}},\"writer\":{\"name\":\"streamwriter\",\"parameter\":{}}}]}}";
        assertThatThrownBy(() -> IngestJob.parse(json).workDir(tmp).run(ctx()))
                .hasMessageContaining("1 dirty of 4 records (25.000%) exceed job.setting.errorLimit.percentage"
                        + " = 10.000% by 15.000 points");
    }

    @Test
    void cancellationStopsTheJobAndKeepsTheTargetClean() throws Exception {
        Path out = tmp.resolve("out");
        String json = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2,\"record\":2000}},\"content\":[{\"reader\":{"
                + "\"name\":\"streamreader\",\"parameter\":{\"sliceRecordCount\":1000000,\"column\":[{\"type\":"
                + "\"long\",\"incr\":\"1,1\"}]}},\"writer\":{\"name\":\"txtfilewriter\",\"parameter\":{\"path\":\""
                + out + "\",\"fileName\":\"out\"}}}]}}";
        Cancellation cancel = new Cancellation();
        RunContext rc = RunContext.of(log::add, cancel, Duration.ofSeconds(1));
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            cancel.cancel("test");
        });
        t.start();
        assertThatThrownBy(() -> IngestJob.parse(json).workDir(tmp).run(rc))
                .isInstanceOf(Cancellation.CancelledException.class);
        t.join();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.collect(Collectors.toList())).isEmpty();
        }
    }

    @Test
    void recordRateLimitThrottles() throws Exception {
        String json = "{\"job\":{\"setting\":{\"speed\":{\"channel\":1,\"record\":1000000}},\"content\":[{"
                + "\"reader\":{\"name\":\"streamreader\",\"parameter\":{\"sliceRecordCount\":100,\"column\":[{"
                + "\"type\":\"long\",\"random\":\"1,10\"}]}},\"writer\":{\"name\":\"streamwriter\",\"parameter\":{"
                + "\"print\":true,\"maxPrint\":3}}}]}}";
        IngestResult r = IngestJob.parse(json).workDir(tmp).run(ctx());
        assertThat(r.rowsWritten()).isEqualTo(100);
        assertThat(log.stream().filter(l -> l.matches("\\d+"))).hasSize(3);
    }
}
