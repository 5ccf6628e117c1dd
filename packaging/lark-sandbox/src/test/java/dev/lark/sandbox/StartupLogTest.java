package dev.lark.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupLogTest {

    @Test
    void rootCauseOfTheLatestStartWins(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("jobmanager.log");
        Files.writeString(log, String.join("\n",
                "=== 2026-01-01T00:00:00Z java old start",
                "Caused by: java.lang.IllegalStateException: from an earlier start",
                "=== 2026-01-01T00:01:00Z java new start",
                "2026-01-01 00:01:02,000 ERROR ClusterEntrypoint - Could not start cluster entrypoint.",
                "org.apache.flink.runtime.entrypoint.ClusterEntrypointException: Failed to initialize",
                "Caused by: org.apache.flink.util.FlinkException: Could not create the component.",
                "Caused by: java.net.BindException: Could not start rest endpoint on any port in port range 18081",
                "\t... 2 more", ""));

        assertThat(StartupLog.cause(log))
                .isEqualTo("java.net.BindException: Could not start rest endpoint on any port in port range 18081");
    }

    @Test
    void withoutAStackTraceTheLastErrorOrLineIsUsed(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("x.log");
        Files.writeString(log, "=== start\n26/01/01 INFO Worker: starting\n26/01/01 ERROR Worker: no master\n"
                + "26/01/01 INFO Worker: retrying\n");

        assertThat(StartupLog.cause(log)).isEqualTo("26/01/01 ERROR Worker: no master");
        assertThat(StartupLog.cause(tmp.resolve("missing.log"))).isEqualTo("(no log)");
    }
}
