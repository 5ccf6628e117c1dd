package dev.lark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.RunContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DataX {@code transformer} steps in a whole job: rewritten values, filtered and dirty records. */
class TransformerPipelineTest {
    @TempDir
    Path tmp;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void transformersRewriteFilterAndSendFailuresToTheDeadLetter() throws Exception {
        Path in = tmp.resolve("in.csv");
        Files.writeString(in, "1,alice,13800001111\n2,bob,13900002222\n3,x,1\n4,carol,13700003333\n5,dave,"
                + "13600004444\n");
        Path out = tmp.resolve("out");
        Path dead = tmp.resolve("dead.jsonl");
        String json = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2},\"errorLimit\":{\"record\":5,\"deadLetter\":"
                + "{\"type\":\"file\",\"path\":\"" + dead + "\"}}},\"content\":[{\"reader\":{\"name\":\"txtfilereader\","
                + "\"parameter\":{\"path\":\"" + in + "\",\"column\":[{\"index\":0,\"type\":\"long\",\"name\":\"id\"},"
                + "{\"index\":1,\"type\":\"string\",\"name\":\"name\"},{\"index\":2,\"type\":\"string\",\"name\":"
                + "\"phone\"}]}},\"transformer\":["
                // mask the middle of the phone number; "1" is too short for the range: dirty
                + "{\"name\":\"dx_replace\",\"parameter\":{\"columnIndex\":2,\"paras\":[\"3\",\"4\",\"****\"]}},"
                + "{\"name\":\"dx_pad\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"r\",\"6\",\".\"]}},"
                + "{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":1,\"paras\":[\"0\",\"4\"]}},"
                + "{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":0,\"paras\":[\">=\",\"5\"]}}],"
                + "\"writer\":{\"name\":\"txtfilewriter\",\"parameter\":{\"path\":\"" + out + "\",\"fileName\":"
                + "\"out\"}}}]}}";
        IngestResult r = IngestJob.parse(json).workDir(tmp).run(RunContext.of(log::add, new Cancellation(),
                Duration.ofSeconds(1)));
        assertThat(r.rowsRead()).isEqualTo(5);
        assertThat(r.rowsWritten()).isEqualTo(3);
        assertThat(r.rowsDirty()).isEqualTo(1);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(out)) {
            for (Path f : s.sorted().collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(f));
            }
        }
        Collections.sort(lines);
        assertThat(lines).containsExactly("1,alic,138****1111", "2,bob.,139****2222", "4,caro,137****3333");
        List<String> dl = Files.readAllLines(dead);
        assertThat(dl).hasSize(1);
        JsonNode d = new ObjectMapper().readTree(dl.get(0));
        assertThat(d.get("reason").asText()).contains("dx_replace").contains("startIndex 3");
        assertThat(d.toString()).contains("\"x\"");
        assertThat(log).anyMatch(l -> l.contains("transformers [dx_replace, dx_pad, dx_substr, dx_filter]"))
                .anyMatch(l -> l.contains("1 record(s) dropped by dx_filter"));
    }

    @Test
    void aGroovyTransformerFailsTheJobBeforeAnythingRuns() {
        String json = "{\"job\":{\"content\":[{\"reader\":{\"name\":\"streamreader\",\"parameter\":{"
                + "\"sliceRecordCount\":1,\"column\":[{\"type\":\"long\",\"value\":\"1\"}]}},\"writer\":{\"name\":"
                + "\"streamwriter\",\"parameter\":{}},\"transformer\":[{\"name\":\"dx_groovy\",\"parameter\":{"
                + "\"code\":\"return record;\"}}]}]}}";
        assertThatThrownBy(() -> IngestJob.parse(json)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("job.content[0].transformer[0].name").hasMessageContaining("dx_groovy")
                .hasMessageContaining("not supported");
    }
}
