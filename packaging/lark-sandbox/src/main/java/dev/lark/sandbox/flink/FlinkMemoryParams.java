package dev.lark.sandbox.flink;

import dev.lark.sandbox.Health;
import dev.lark.sandbox.SandboxException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JVM memory flags and the derived memory settings of a JobManager or TaskManager, computed by Flink itself
 * ({@code BashJavaUtils}, as the distribution's {@code bin/config.sh} does) from {@code config.yaml}, so the
 * {@code -Xmx}/{@code -XX:MaxDirectMemorySize} we start with always match what the process expects.
 */
final class FlinkMemoryParams {
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /** {@code -Xmx... -Xms... -XX:...} for the java command line. */
    final List<String> jvmFlags;
    /** {@code -D key=value} pairs for the entry point's arguments. */
    final List<String> dynamicArgs;

    private FlinkMemoryParams(List<String> jvmFlags, List<String> dynamicArgs) {
        this.jvmFlags = List.copyOf(jvmFlags);
        this.dynamicArgs = List.copyOf(dynamicArgs);
    }

    enum Role {
        JOBMANAGER("GET_JM_RESOURCE_PARAMS"), TASKMANAGER("GET_TM_RESOURCE_PARAMS");

        final String command;

        Role(String command) {
            this.command = command;
        }
    }

    /** Runs BashJavaUtils; its output (overwritten each time) goes to {@code log}. */
    static FlinkMemoryParams compute(Role role, String java, String classpath, Path confDir, Path log)
            throws IOException, InterruptedException {
        List<String> cmd = List.of(java, "-cp", classpath, "org.apache.flink.runtime.util.bash.BashJavaUtils",
                role.command, "--configDir", confDir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new SandboxException("flink", "BashJavaUtils " + role.command + " did not finish in 2 min", log);
        }
        List<String> results = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(RESULT_PREFIX)) {
                results.add(line.substring(RESULT_PREFIX.length()).trim());
            }
        }
        if (p.exitValue() != 0 || results.size() < 2) {
            throw new SandboxException("flink", "BashJavaUtils " + role.command + " failed (exit " + p.exitValue()
                    + "): " + Health.tail(log, 1).trim(), log);
        }
        // bin/config.sh reads the same two lines: JVM flags, then the dynamic -D settings
        return new FlinkMemoryParams(split(results.get(results.size() - 2)), split(results.get(results.size() - 1)));
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }
}
