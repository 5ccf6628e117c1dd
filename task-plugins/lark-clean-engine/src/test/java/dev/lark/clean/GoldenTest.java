package dev.lark.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven golden tests: each directory under src/test/resources/golden/ holds config.json (or config.yaml),
 * input.txt (one input per line) and expected.jsonl (per input: the outcome, the output records or the error with
 * step, kind and field). Run with -Dgolden.update=true to rewrite expected files after a reviewed change.
 */
class GoldenTest {
    static final Path ROOT = Paths.get("src/test/resources/golden");
    static final ObjectMapper M = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> golden() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<Path> list = dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList());
            assertThat(list).isNotEmpty();
            return list.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
        }
    }

    static void run(Path dir) throws IOException {
        Path cfg = Files.exists(dir.resolve("config.yaml")) ? dir.resolve("config.yaml") : dir.resolve("config.json");
        CleanPlan plan = CleanPlan.compile(CleanConfig.load(cfg));
        List<String> inputs = Files.readAllLines(dir.resolve("input.txt"), StandardCharsets.UTF_8);
        List<String> actual = new ArrayList<>();
        List<OutputRecord> records = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        CleanSession s = plan.newSession(records::add, dead::add);
        for (String in : inputs) {
            records.clear();
            dead.clear();
            CleanSession.Outcome o = s.process(in);
            ObjectNode line = M.createObjectNode();
            line.put("outcome", o.name());
            if (o == CleanSession.Outcome.OUTPUT) {
                ArrayNode a = line.putArray("records");
                records.forEach(r -> a.add(r.toNode()));
            } else if (o == CleanSession.Outcome.FAILED) {
                assertThat(dead).hasSize(1);
                DeadLetter d = dead.get(0);
                assertThat(d.raw()).isEqualTo(in);
                assertThat(d.message()).isNotBlank();
                line.putObject("error").put("step", d.stepLabel()).put("kind", d.kind().name()).put("field", d.field());
            } else {
                line.put("filtered_by", s.lastFilteredBy());
            }
            actual.add(M.writeValueAsString(line));
        }
        CleanCounters c = s.counters();
        assertThat(c.inputs()).isEqualTo(inputs.size());
        assertThat(c.succeeded() + c.filtered() + c.failed()).isEqualTo(c.inputs());
        Path expected = dir.resolve("expected.jsonl");
        if (Boolean.getBoolean("golden.update")) {
            Files.write(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        List<String> want = Files.readAllLines(expected, StandardCharsets.UTF_8);
        assertThat(want).as("expected.jsonl of %s (one line per input)", dir).hasSameSizeAs(inputs);
        for (int i = 0; i < want.size(); i++) {
            JsonNode w = M.readTree(want.get(i));
            JsonNode a = M.readTree(actual.get(i));
            assertThat(a).as("%s input line %d: %s", dir.getFileName(), i + 1, inputs.get(i)).isEqualTo(w);
        }
    }
}
