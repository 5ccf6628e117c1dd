package dev.lark.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests for validation: each directory under golden-invalid/ holds a broken config.json and
 * expected-problems.json, the exact set of errors (code + step label) and a phrase each fix must contain.
 */
class InvalidConfigGoldenTest {
    static final Path ROOT = Paths.get("src/test/resources/golden-invalid");
    static final ObjectMapper M = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> invalid() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList()).stream()
                    .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
        }
    }

    static void run(Path dir) throws IOException {
        CleanConfig config = CleanConfig.load(dir.resolve("config.json"));
        List<ConfigProblem> errors = CleanPlan.validate(config).stream()
                .filter(p -> p.severity() == ConfigProblem.Severity.ERROR).collect(Collectors.toList());
        JsonNode expected = M.readTree(dir.resolve("expected-problems.json").toFile());
        Set<String> want = new TreeSet<>();
        expected.forEach(e -> want.add(e.get("code").asText() + "@" + e.path("step").asText("-")));
        Set<String> got = new TreeSet<>();
        errors.forEach(p -> got.add(p.code() + "@" + (p.stepLabel() == null ? "-" : p.stepLabel())));
        assertThat(got).as("errors of %s: %s", dir.getFileName(), errors).isEqualTo(want);
        for (JsonNode e : expected) {
            if (e.has("fix_contains")) {
                assertThat(errors).as("fix for %s", e).anySatisfy(p -> {
                    assertThat(p.code()).isEqualTo(e.get("code").asText());
                    assertThat(p.fix()).contains(e.get("fix_contains").asText());
                });
            }
        }
        errors.forEach(p -> assertThat(p.fix()).as("every problem has a fix: %s", p).isNotBlank());
        assertThatThrownBy(() -> CleanPlan.compile(config)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(errors.get(0).code());
    }
}
