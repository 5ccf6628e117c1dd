package dev.lark.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineageHooksTest {
    @TempDir
    Path dir;

    private LineageConfig config(String extra) {
        Properties p = new Properties();
        p.setProperty(LineageConfig.JOURNAL_DIR, dir.resolve("journal").toString());
        p.setProperty(LineageConfig.SINK, "log");
        p.setProperty("lark.lineage.test.marker", extra);
        return LineageConfig.fromProperties(p, Map.of());
    }

    @Test
    void sharedHookIsKeptForTheSameConfigAndReplacedWhenItChanges() throws Exception {
        LineageHook first = LineageHooks.shared(config("a"));
        assertThat(LineageHooks.shared(config("a"))).isSameAs(first);

        first.emit(SampleEvents.ingest(1)); // journaled by the old hook, delivered by whichever hook runs

        LineageHook second = LineageHooks.shared(config("b"));
        assertThat(second).isNotSameAs(first).isNotSameAs(LineageHook.disabled());
        assertThat(LineageHooks.shared(config("b"))).isSameAs(second);

        second.emit(SampleEvents.ingest(2));
        assertThat(second.awaitIdle(Duration.ofSeconds(30))).isTrue();
        assertThat(second.metrics().queueDepth()).isZero();
        second.close();
    }
}
