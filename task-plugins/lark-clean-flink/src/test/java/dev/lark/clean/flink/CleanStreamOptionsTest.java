package dev.lark.clean.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.engine.common.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanStreamOptionsTest {
    static final String CONFIG = Path.of("../lark-clean-engine/examples/nginx.json").toAbsolutePath().toString();

    @TempDir
    Path dir;

    @Test
    void readsTheConfigFileAndDefaults() {
        CleanStreamOptions o = CleanStreamOptions.fromArgs("--config-file", CONFIG, "--bootstrap-servers", "h:9092",
                "--source-topic", "raw", "--sink-topic", "clean", "--dead-letter-topic", "dead");
        assertThat(o.configText()).contains("COMBINEDAPACHELOG");
        assertThat(o.groupId()).isEqualTo("lark-clean-raw");
        assertThat(o.startingOffsets()).isEqualTo(CleanStreamOptions.StartingOffsets.COMMITTED);
        assertThat(o.delivery()).isEqualTo(CleanStreamOptions.Delivery.AT_LEAST_ONCE);
        assertThat(o.jobName()).isEqualTo("lark-clean nginx_access: raw -> clean");
    }

    @Test
    void problemsNameTheOptionAndTheFix() throws Exception {
        assertThatThrownBy(() -> CleanStreamOptions.fromArgs("--config-file", CONFIG, "--bootstrap-servers", "h:9092",
                "--source-topic", "raw", "--sink-topic", "clean"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--dead-letter-topic' is required");
        assertThatThrownBy(() -> CleanStreamOptions.fromArgs("--config-file", CONFIG, "--sourcetopic", "raw"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--sourcetopic'").hasMessageContaining("--source-topic");
        assertThatThrownBy(() -> CleanStreamOptions.fromArgs("--config-file", CONFIG, "--bootstrap-servers", "h:9092",
                "--source-topic", "raw", "--sink-topic", "clean", "--dead-letter-topic", "dead", "--delivery", "twice"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--delivery'").hasMessageContaining("exactly-once");
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"steps\":[{\"label\":\"p\",\"op\":\"jsn\"}],\"schema\":{\"fields\":[{\"name\":\"ts\",\"type\":\"timestamp\","
                + "\"is_time\":true}],\"time\":{\"formats\":[\"iso8601\"]}}}");
        assertThatThrownBy(() -> CleanStreamOptions.fromArgs("--config-file", bad.toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--config-file'").hasMessageContaining("UNKNOWN_OPERATOR");
        assertThatThrownBy(() -> CleanStreamOptions.fromArgs("--bootstrap-servers", "h:9092"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'--config-file' is required");
    }
}
