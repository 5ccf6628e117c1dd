package dev.lark.sandbox.ds;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudoShimTest {
    @TempDir
    Path run;

    @Test
    void runsACommandForTheCurrentUserDirectly() throws Exception {
        Path bin = SudoShim.write(run);
        String me = new String(new ProcessBuilder("id", "-un").start().getInputStream().readAllBytes(),
                StandardCharsets.UTF_8).trim();

        Process p = new ProcessBuilder(bin.resolve("sudo").toString(), "-u", me, "echo", "killed 42")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(p.waitFor()).isZero();
        assertThat(out).isEqualTo("killed 42");
        assertThat(bin.resolve("sudo")).isExecutable();
    }
}
