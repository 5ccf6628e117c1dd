package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.Sandbox;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Starting a component whose port is taken fails fast with one line naming the component, the cause (the port) and
 * the log file. The component runs against a throw-away run directory, so a sandbox instance already running on
 * the port (which then is the "other process") is left alone.
 */
class SandboxStartFailureIT {

    @ParameterizedTest(name = "{0} with port {1} taken")
    @CsvSource({"clickhouse, 18123", "mariadb, 13306", "postgresql, 15432", "kafka, 19092"})
    void portTakenGivesOneClearLine(String name, int port, @TempDir Path runDir) throws Exception {
        SandboxContext real = SandboxContext.fromEnvironment();
        SandboxContext scratch = new SandboxContext(real.cacheDir(), runDir, null, true);
        Component component = Sandbox.load(scratch).component(name);
        ServerSocket taken = Health.portOpen(port) ? null
                : new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"));
        try {
            assertThatThrownBy(() -> component.start(scratch))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageStartingWith(name + ": ")
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("(log: " + runDir.resolve(name))
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                    .satisfies(e -> {
                        Path log = ((SandboxException) e).logFile();
                        assertThat(log.startsWith(runDir)).as("log %s in the run directory", log).isTrue();
                        assertThat(Files.readString(log)).contains("start refused: port " + port);
                    });
        } finally {
            if (taken != null) {
                taken.close();
            }
        }
    }
}
