package dev.lark.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void namesFieldValueAndFix() {
        ConfigException e = ConfigException.invalid("job.setting.speed.channel", -1, "use a positive integer");
        assertThat(e).hasMessage("'job.setting.speed.channel' = -1 is invalid: use a positive integer");
        assertThat(e.field()).isEqualTo("job.setting.speed.channel");
    }

    @Test
    void listsSupportedNames() {
        ConfigException e = ConfigException.unknown("reader.name", "foreader", List.of("b", "a"));
        assertThat(e).hasMessage("'reader.name' = \"foreader\" is not supported: use one of: a, b");
    }

    @Test
    void neverShowsSecretValues() {
        ConfigException e = ConfigException.invalid("reader.parameter.password", "hunter22", "x");
        assertThat(e.getMessage()).doesNotContain("hunter22").contains(Secrets.MASK);
    }
}
