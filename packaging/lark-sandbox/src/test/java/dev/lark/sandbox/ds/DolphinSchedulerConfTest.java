package dev.lark.sandbox.ds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DolphinSchedulerConfTest {
    @TempDir
    Path tmp;

    @Test
    void overrideReplacesKeysInPlaceAndAppendsMissingOnes() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sudo.enable", "false");
        values.put("development.state", "true");
        List<String> out = DolphinSchedulerConf.override(List.of("# sudo.enable=true", "sudo.enable=true",
                "data.basedir.path=/tmp/dolphinscheduler"), values);
        assertThat(out).containsExactly("# sudo.enable=true", "sudo.enable=false",
                "data.basedir.path=/tmp/dolphinscheduler", "development.state=true");
    }

    @Test
    void assemblesTheConfDirFromTheSourceTreeLayout() throws IOException {
        Path shared = tmp.resolve("shared");
        Path ds = shared.resolve("dolphinscheduler-3.1.1");
        write(ds.resolve("standalone/application.yaml"), "server:\n  port: 12345\n");
        write(ds.resolve("standalone/logback-spring.xml"), "<configuration/>");
        write(ds.resolve("common/common.properties"), "sudo.enable=true\ndevelopment.state=false\n");
        write(ds.resolve("sql/dolphinscheduler_h2.sql"), "create table t(i int);");
        Path run = Files.createDirectories(tmp.resolve("run/dolphinscheduler"));
        write(run.resolve("logs/dolphinscheduler-standalone.log"), "Started StandaloneServer (old run)");
        SandboxContext ctx = new SandboxContext(tmp.resolve("cache"), tmp.resolve("run"), shared, true);

        DolphinSchedulerConf conf = DolphinSchedulerConf.assemble(ctx, run);

        assertThat(conf.confDir().resolve("application.yaml")).hasContent("server:\n  port: 12345");
        assertThat(conf.confDir().resolve("logback-spring.xml")).exists();
        assertThat(conf.dataFilesDir().resolve("sql/dolphinscheduler_h2.sql")).exists();
        assertThat(Files.readAllLines(conf.confDir().resolve("common.properties"))).contains("sudo.enable=false",
                "development.state=true", "data.basedir.path=" + run.resolve("data"), "resource.storage.type=NONE");
        // a fresh server log: the old run's "Started" line must not satisfy the new health check
        assertThat(run.resolve("logs")).isEmptyDirectory();
        assertThat(run.resolve("logs.previous/dolphinscheduler-standalone.log")).exists();
    }

    @Test
    void failsClearlyWithoutDataFiles() {
        SandboxContext ctx = new SandboxContext(tmp.resolve("cache"), tmp.resolve("run"), tmp.resolve("empty"), true);
        assertThatThrownBy(() -> DolphinSchedulerConf.assemble(ctx, tmp.resolve("run")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("dolphinscheduler: no DolphinScheduler data files in")
                .hasMessageContaining("DS_HOME");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theServerLogIsOneFileThatNeverRollsOver() {
        String original = "<configuration>\n"
                + "    <appender name=\"TASKLOGFILE\" class=\"ch.qos.logback.classic.sift.SiftingAppender\">\n"
                + "    </appender>\n"
                + "    <appender name=\"STANDALONELOGFILE\" class=\"ch.qos.logback.core.rolling.RollingFileAppender\">\n"
                + "        <file>${log.base}/dolphinscheduler-standalone.log</file>\n"
                + "        <rollingPolicy class=\"ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy\">\n"
                + "            <fileNamePattern>${log.base}/dolphinscheduler-standalone.%d{yyyy-MM-dd_HH}.%i.log"
                + "</fileNamePattern>\n"
                + "            <maxFileSize>200MB</maxFileSize>\n"
                + "        </rollingPolicy>\n"
                + "        <encoder><pattern>%msg%n</pattern></encoder>\n"
                + "    </appender>\n"
                + "    <appender name=\"OTHER\" class=\"ch.qos.logback.core.rolling.RollingFileAppender\">\n"
                + "        <rollingPolicy class=\"x\"></rollingPolicy>\n"
                + "    </appender>\n"
                + "</configuration>\n";

        String changed = DolphinSchedulerConf.serverLogWithoutRollover(original);

        assertThat(changed).contains("<appender name=\"STANDALONELOGFILE\" class=\"ch.qos.logback.core.FileAppender\">\n"
                        + "        <file>${log.base}/dolphinscheduler-standalone.log</file>\n"
                        + "        <encoder><pattern>%msg%n</pattern></encoder>")
                .doesNotContain("%d{yyyy-MM-dd_HH}")
                .contains("<appender name=\"OTHER\" class=\"ch.qos.logback.core.rolling.RollingFileAppender\">\n"
                        + "        <rollingPolicy class=\"x\"></rollingPolicy>");
        assertThat(DolphinSchedulerConf.serverLogWithoutRollover(changed)).isEqualTo(changed);
    }
}
