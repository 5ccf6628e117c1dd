package dev.lark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxTest {
    @TempDir
    Path tmp;

    /** Records what the orchestrator asks of it; the real components are exercised by the integration tests. */
    static final class Recording implements Component {
        final String name;
        final List<String> requires;
        final List<String> calls;
        boolean up;

        Recording(String name, List<String> calls, String... requires) {
            this.name = name;
            this.calls = calls;
            this.requires = List.of(requires);
        }

        @Override public String name() { return name; }
        @Override public List<String> requires() { return requires; }
        @Override public void install(SandboxContext ctx) { calls.add("install " + name); }
        @Override public void start(SandboxContext ctx) { calls.add("start " + name); up = true; }
        @Override public boolean healthy(SandboxContext ctx) { return up; }
        @Override public void stop(SandboxContext ctx) { calls.add("stop " + name); up = false; }
        @Override public Map<String, String> endpoints(SandboxContext ctx) { return Map.of("url", "x://" + name); }
    }

    private Sandbox sandbox(List<String> calls) {
        SandboxContext ctx = new SandboxContext(tmp.resolve("cache"), tmp.resolve("run"), null, true);
        return new Sandbox(ctx, List.of(new Recording("ds", calls, "db"), new Recording("db", calls),
                new Recording("atlas", calls, "kafka"), new Recording("kafka", calls)));
    }

    @Test
    void startsRequirementsFirstAndOnlyOnce() throws Exception {
        List<String> calls = new ArrayList<>();
        Sandbox s = sandbox(calls);
        s.up(List.of("ds", "db"));
        assertThat(calls).containsExactly("install db", "start db", "install ds", "start ds");
        calls.clear();
        s.up(List.of("ds"));
        assertThat(calls).as("healthy components are not started again").isEmpty();
        assertThat(s.endpoints("ds")).containsEntry("url", "x://ds");
    }

    @Test
    void downStopsDependantsFirst() throws Exception {
        List<String> calls = new ArrayList<>();
        Sandbox s = sandbox(calls);
        s.up(List.of("all"));
        calls.clear();
        s.down(List.of("all"));
        assertThat(calls.indexOf("stop ds")).isLessThan(calls.indexOf("stop db"));
        assertThat(calls.indexOf("stop atlas")).isLessThan(calls.indexOf("stop kafka"));
        assertThat(s.endpoints("ds")).isEmpty();
    }

    @Test
    void unknownComponentNamesTheKnownOnes() {
        assertThatThrownBy(() -> sandbox(new ArrayList<>()).up(List.of("flnk")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("flnk")
                .hasMessageContaining("atlas, db, ds, kafka");
    }

    @Test
    void statusMasksSecrets() {
        ComponentStatus st = new ComponentStatus("mariadb", true, 1.0, 99,
                Map.of("password", "s3cret", "jdbcUrl", "jdbc:mariadb://127.0.0.1:13306/lark"));
        assertThat(st.toString()).doesNotContain("s3cret").contains("jdbc:mariadb://127.0.0.1:13306/lark");
    }

    @Test
    void findsSharedDirBesideAnAncestor() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("work/main/packaging/x"));
        Files.createDirectories(tmp.resolve("work/shared/dolphinscheduler-3.1.1"));
        assertThat(SandboxContext.findSharedAbove(project)).isEqualTo(tmp.resolve("work/shared"));
    }
}
