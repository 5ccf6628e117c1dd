package dev.lark.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CleanDebuggerTest {
    static final Path NESTED = Paths.get("src/test/resources/golden/iterate_nested");

    @Test
    void showsEveryStepOutputRecordsAndErrors() throws Exception {
        CleanConfig cfg = CleanConfig.load(NESTED.resolve("config.json"));
        List<String> samples = Files.readAllLines(NESTED.resolve("input.txt"));
        ObjectNode r = CleanDebugger.debug(cfg, samples, true);
        assertThat(r.get("valid").asBoolean()).isTrue();
        JsonNode first = r.get("samples").get(0);
        assertThat(first.get("outcome").asText()).isEqualTo("OUTPUT");
        assertThat(first.get("records")).hasSize(3);
        JsonNode parse = first.get("steps").get(0);
        assertThat(parse.get("label").asText()).isEqualTo("parse");
        assertThat(parse.get("output_type").asText()).isEqualTo("object");
        assertThat(parse.get("hints").toString()).contains("access {\\\"key\\\": \\\"orders\\\"} then iterate");
        // the iterate step shows one entry per element
        long items = 0;
        for (JsonNode s : first.get("steps")) {
            if (s.get("label").asText().equals("each_item")) {
                items++;
            }
        }
        assertThat(items).isEqualTo(3);
        JsonNode failed = r.get("samples").get(2);
        assertThat(failed.get("outcome").asText()).isEqualTo("FAILED");
        assertThat(failed.get("error").get("kind").asText()).isEqualTo("MISSING_KEY");
        assertThat(failed.get("error").get("step").asText()).isEqualTo("item");
        assertThat(r.get("counters").get("inputs").asLong()).isEqualTo(3);
    }

    @Test
    void hintsByType() {
        assertThat(CleanDebugger.hints("{\"a\":1}").toString()).contains("json");
        assertThat(CleanDebugger.hints("1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.0\" 200 1").toString()).contains("COMBINEDAPACHELOG");
        assertThat(CleanDebugger.hints("a=1&b=2").toString()).contains("kv");
        assertThat(CleanDebugger.hints(List.of(1, 2)).toString()).contains("iterate");
    }

    @Test
    void invalidConfigIsReportedNotThrown() {
        CleanConfig cfg = CleanConfig.parse("{\"steps\":[{\"label\":\"p\",\"op\":\"jsonn\"}],\"schema\":{\"fields\":[{\"name\":\"ts\",\"type\":\"timestamp\",\"is_time\":true}],\"time\":{\"formats\":[\"iso8601\"]}}}");
        ObjectNode r = CleanDebugger.debug(cfg, List.of("{}"), false);
        assertThat(r.get("valid").asBoolean()).isFalse();
        assertThat(r.get("problems").toString()).contains("UNKNOWN_OPERATOR").contains("did you mean 'json'");
    }

    @Test
    void onePlanManySessionsInParallelGiveTheSameResult() throws Exception {
        CleanPlan plan = CleanPlan.compile(CleanConfig.load(Paths.get("src/test/resources/golden/grok_nginx/config.json")));
        List<String> lines = Files.readAllLines(Paths.get("src/test/resources/golden/grok_nginx/input.txt"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    StringBuilder sb = new StringBuilder();
                    CleanSession s = plan.newSession(r -> sb.append(r.toJson()).append('\n'), d -> sb.append(d.kind()).append('\n'));
                    for (int i = 0; i < 2000; i++) {
                        s.process(lines.get(i % lines.size()));
                    }
                    assertThat(s.counters().inputs()).isEqualTo(2000);
                    return sb.toString();
                }));
            }
            String first = results.get(0).get();
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void errorBudget() {
        assertThat(new ErrorBudget(2, -1).allows(2, 10)).isTrue();
        assertThat(new ErrorBudget(2, -1).allows(3, 10)).isFalse();
        assertThat(new ErrorBudget(-1, 10).allows(1, 10)).isTrue();
        assertThat(new ErrorBudget(-1, 10).allows(2, 10)).isFalse();
        assertThat(ErrorBudget.NONE.allows(1, 1000)).isFalse();
    }
}
