package dev.lark.sandbox.flink;

import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.DaemonPair;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.MavenStack;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Flink 1.20.3 session cluster: one JobManager and one TaskManager JVM on 127.0.0.1, built from Central jars.
 *
 * <p>The cache holds a FLINK_HOME-like directory ({@code <cache>/flink}: {@code lib/} resolved from the
 * {@code stacks/flink} POM, {@code conf/} written by us, {@code bin/flink} for the CLI, an empty {@code plugins/});
 * each run's checkpoints, savepoints, temp files and the two process logs live in {@code <run>/flink}.
 */
@AutoService(Component.class)
public final class FlinkComponent implements Component {
    static final String NAME = "flink";
    private static final MavenStack STACK = new MavenStack(NAME);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(SandboxContext ctx) throws Exception {
        STACK.resolve(ctx);
        FlinkScripts.install(flinkHome(ctx));
        Files.createDirectories(flinkHome(ctx).resolve("plugins"));
        FlinkConf.write(flinkHome(ctx).resolve("conf"), ctx.runDir(NAME));
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        if (!STACK.resolved(ctx)) {
            throw new SandboxException(NAME, "not installed; run: lark sandbox install --with flink", null);
        }
        Path home = flinkHome(ctx);
        Path run = ctx.runDir(NAME);
        Path conf = home.resolve("conf");
        FlinkConf.write(conf, run);
        String classpath = STACK.classpath(ctx);
        String java = javaExecutable();
        ManagedProcess jm = jobManager(ctx);
        ManagedProcess tm = taskManager(ctx);
        DaemonPair pair = new DaemonPair(NAME, "JobManager", jm, "TaskManager", tm);
        pair.start(STOP_GRACE, () -> {
            FlinkMemoryParams jmMemory = FlinkMemoryParams.compute(FlinkMemoryParams.Role.JOBMANAGER, java,
                    classpath, conf, run.resolve("jobmanager-memory.log"));
            jm.start(command(java, jmMemory, classpath, conf,
                    "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                    List.of("--configDir", conf.toString(), "--executionMode", "cluster", "-D",
                            "metrics.internal.query-service.port=" + FlinkSettings.JOBMANAGER_QUERY_SERVICE_PORT),
                    jm.logFile()), run, env(home));
            // computed while the JobManager boots; the TaskManager retries until the JobManager answers
            FlinkMemoryParams tmMemory = FlinkMemoryParams.compute(FlinkMemoryParams.Role.TASKMANAGER, java,
                    classpath, conf, run.resolve("taskmanager-memory.log"));
            tm.start(command(java, tmMemory, classpath, conf,
                    "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                    List.of("--configDir", conf.toString(), "-D",
                            "metrics.internal.query-service.port=" + FlinkSettings.TASKMANAGER_QUERY_SERVICE_PORT),
                    tm.logFile()), run, env(home));
            awaitReady(pair);
        });
    }

    /** Waits for the TaskManager to register with free slots. */
    private static void awaitReady(DaemonPair pair) throws InterruptedException {
        pair.awaitReady(START_TIMEOUT, () -> FlinkOverview.fetch(FlinkSettings.restUrl()),
                o -> o.taskManagers == 1 && o.slotsAvailable > 0, o -> "REST answers: " + o,
                "REST " + FlinkSettings.restUrl() + " does not answer");
    }

    /**
     * {@code java <memory flags> <Java 17 opts> -Dlog... -cp lib/* <main> <args> <-D memory settings>}, the command
     * line the distribution's {@code bin/jobmanager.sh} / {@code taskmanager.sh} build.
     */
    private static List<String> command(String java, FlinkMemoryParams memory, String classpath, Path conf,
            String mainClass, List<String> args, Path logFile) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(memory.jvmFlags);
        cmd.addAll(FlinkSettings.JAVA_17_OPTS);
        cmd.add("-Dlog.file=" + logFile);
        cmd.add("-Dlog4j.configurationFile=" + conf.resolve("log4j-console.properties").toUri());
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.addAll(args);
        cmd.addAll(memory.dynamicArgs);
        return cmd;
    }

    private static Map<String, String> env(Path home) {
        return Map.of("FLINK_HOME", home.toString(), "FLINK_CONF_DIR", home.resolve("conf").toString(),
                "FLINK_PLUGINS_DIR", home.resolve("plugins").toString());
    }

    @Override
    public boolean healthy(SandboxContext ctx) {
        if (!jobManager(ctx).isRunning() || !taskManager(ctx).isRunning()) {
            return false;
        }
        // slots may all be busy with jobs: a registered TaskManager is what counts once started
        Optional<FlinkOverview> o = FlinkOverview.fetch(FlinkSettings.restUrl());
        return o.isPresent() && o.get().taskManagers >= 1;
    }

    @Override
    public void stop(SandboxContext ctx) {
        // TaskManager first, so the JobManager does not log it as lost and try to restart jobs
        taskManager(ctx).stop(STOP_GRACE);
        jobManager(ctx).stop(STOP_GRACE);
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("restUrl", FlinkSettings.restUrl());
        m.put("flinkHome", flinkHome(ctx).toString());
        return m;
    }

    /** {@code <cache>/flink}: {@code lib/}, {@code conf/}, {@code bin/}. */
    static Path flinkHome(SandboxContext ctx) {
        return ctx.cache(NAME);
    }

    private static ManagedProcess jobManager(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, "jobmanager");
    }

    private static ManagedProcess taskManager(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, "taskmanager");
    }

    static String javaExecutable() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
