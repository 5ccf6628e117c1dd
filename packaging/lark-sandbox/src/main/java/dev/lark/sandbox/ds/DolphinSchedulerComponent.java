package dev.lark.sandbox.ds;

import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.MavenStack;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Apache DolphinScheduler 3.1.1 standalone server (API, master, worker, alert, embedded ZooKeeper, in-memory H2) built
 * from the Maven Central jars, with the Lark plugin bundle on its classpath.
 *
 * <ul>
 *   <li>jars: the stack POM {@code /stacks/dolphinscheduler-3.1.1/pom.xml}, resolved into
 *       {@code <cache>/dolphinscheduler-3.1.1/lib};
 *   <li>data files (yaml, xml, sql, left out of the Central jars): {@code DS_HOME} when set, else
 *       {@code <shared>/dolphinscheduler-3.1.1} (see {@link DolphinSchedulerConf});
 *   <li>Lark plugins: {@code LARK_BUNDLE_DIR}, else the bundle unpacked by the {@code lark-bundle} build (see
 *       {@link LarkBundle}).
 * </ul>
 *
 * <p>DS's Netty servers (master 5678, worker 1234, alert 50052) and the embedded ZooKeeper (2181) bind every
 * interface and have no bind-address setting, so this component refuses to start outside a loopback-only network
 * namespace. Every restart loses all workflows (in-memory H2).
 */
@AutoService(Component.class)
public final class DolphinSchedulerComponent implements Component {
    public static final String NAME = "dolphinscheduler";
    static final String STACK = "dolphinscheduler-3.1.1";
    static final int API_PORT = 12345;
    static final String REST_URL = "http://127.0.0.1:" + API_PORT + "/dolphinscheduler";
    static final String USER = "admin";
    static final String PASSWORD = "dolphinscheduler123";
    static final String MAIN_CLASS = "org.apache.dolphinscheduler.StandaloneServer";
    static final String READY_LINE = "Started StandaloneServer";
    /** About twice the slowest start measured on a loaded 2-core box (140 s). */
    static final Duration START_TIMEOUT = Duration.ofSeconds(
            Long.getLong("lark.ds.startTimeoutSeconds", 300));

    private final MavenStack stack = new MavenStack(STACK);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(SandboxContext ctx) throws Exception {
        Path lib = stack.resolve(ctx);
        long jars;
        try (Stream<Path> s = Files.list(lib)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).count();
        }
        // 3.1.1 with the five 3.1.2 pins gives 430 jars; far fewer means Maven silently dropped a subtree.
        if (jars < 400) {
            throw new SandboxException(NAME, "the DS 3.1.1 stack resolved to only " + jars + " jars in " + lib
                    + " (expected about 430); delete " + ctx.cache(STACK) + " and run `lark sandbox install --with "
                    + NAME + "` again", ctx.cache(STACK).resolve("resolve.log"));
        }
    }

    /**
     * Starts DS, or, when another process (a second test JVM, the CLI) has already started it, waits for that one to
     * become healthy. A lock file serialises concurrent starters, so only one of them assembles the conf dir and
     * rotates the logs.
     */
    @Override
    public void start(SandboxContext ctx) throws Exception {
        requireLoopbackOnlyNetwork();
        Path run = ctx.runDir(NAME);
        try (FileChannel lockFile = FileChannel.open(run.resolve("start.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            ManagedProcess process = process(ctx);
            if (process.isRunning()) {
                awaitHealthy(ctx, process);
                return;
            }
            startProcess(ctx, run, process);
        }
    }

    private void startProcess(SandboxContext ctx, Path run, ManagedProcess process) throws Exception {
        if (Health.portOpen(API_PORT)) {
            throw new SandboxException(NAME, "port " + API_PORT + " is already in use by another process; stop it"
                    + " first (`lark sandbox down --with " + NAME + "`)", null);
        }
        DolphinSchedulerConf conf = DolphinSchedulerConf.assemble(ctx, run);
        List<Path> plugins = LarkBundle.locate().pluginJars();

        List<String> cp = new ArrayList<>();
        cp.add(conf.confDir().toString());
        cp.add(conf.dataFilesDir().toString());
        plugins.forEach(p -> cp.add(p.toString()));
        cp.add(stack.classpath(ctx));

        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xms512m", "-Xmx1g",
                "-XX:+IgnoreUnrecognizedVMOptions",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8",
                "-Dlark.ds.plugins=" + plugins.stream().map(Path::toString).collect(Collectors.joining(",")),
                "-cp", String.join(":", cp),
                MAIN_CLASS,
                "--server.address=127.0.0.1",
                "--python-gateway.gateway-server-address=127.0.0.1",
                // the default guard (max-cpu-load-avg = -1 -> 2 x cores) makes the master refuse every command
                // ("overload") on a loaded 2-core machine
                "--master.max-cpu-load-avg=100",
                "--worker.max-cpu-load-avg=100"));
        Path shimDir = SudoShim.write(run);
        process.start(cmd, run, Map.of("PATH", shimDir + ":" + System.getenv().getOrDefault("PATH",
                "/usr/local/bin:/usr/bin:/bin")));
        try {
            awaitHealthy(ctx, process);
        } catch (SandboxException e) {
            process.stop(Duration.ofSeconds(20));
            throw e;
        }
    }

    private static void awaitHealthy(SandboxContext ctx, ManagedProcess process) {
        Path serverLog = serverLog(ctx);
        try {
            Health.await(NAME, process, START_TIMEOUT,
                    () -> Health.logContains(serverLog, READY_LINE) && DolphinSchedulerLogin.workerRegistered(REST_URL,
                            USER, PASSWORD));
        } catch (SandboxException e) {
            String cause = e.getMessage().replaceFirst("^" + NAME + ": ", "").replaceFirst(" \\(log: .*$", "");
            throw new SandboxException(NAME, cause + "; last server log line: "
                    + Health.tail(serverLog, 1).trim(), serverLog, e);
        }
    }

    @Override
    public boolean healthy(SandboxContext ctx) {
        return process(ctx).isRunning() && DolphinSchedulerLogin.works(REST_URL, USER, PASSWORD);
    }

    @Override
    public void stop(SandboxContext ctx) {
        process(ctx).stop(Duration.ofSeconds(30));
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("restUrl", REST_URL);
        m.put("user", USER);
        m.put("password", PASSWORD);
        m.put("serverLog", serverLog(ctx).toString());
        m.put("logDir", ctx.runDir(NAME).resolve("logs").toString());
        return m;
    }

    /** The server's own log (DS's logback writes it; task logs sit beside it under {@code logs/}). */
    static Path serverLog(SandboxContext ctx) {
        return ctx.runDir(NAME).resolve("logs").resolve("dolphinscheduler-standalone.log");
    }

    private static ManagedProcess process(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, NAME);
    }

    /** DS 3.1.1 is tested on Java 17: {@code LARK_DS_JAVA_HOME}, else the Debian JDK 17, else {@code JAVA_HOME}. */
    static String javaBinary() {
        List<String> homes = new ArrayList<>();
        String explicit = System.getenv("LARK_DS_JAVA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            homes.add(explicit);
        }
        homes.add("/usr/lib/jvm/java-17-openjdk-amd64");
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            homes.add(javaHome);
        }
        for (String h : homes) {
            Path java = Path.of(h, "bin", "java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        return "java";
    }

    /**
     * The Netty servers and ZooKeeper bind 0.0.0.0; inside a namespace that has only {@code lo}, that is
     * 127.0.0.1. Escape hatch for a machine that is private anyway: {@code -Dlark.allowHostNetwork=true}.
     */
    static void requireLoopbackOnlyNetwork() throws IOException {
        if (Boolean.getBoolean("lark.allowHostNetwork")
                || Boolean.parseBoolean(System.getenv("LARK_ALLOW_HOST_NETWORK"))) {
            return;
        }
        List<String> ifaces;
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            ifaces = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        if (!ifaces.equals(List.of("lo"))) {
            throw new SandboxException(NAME, "refusing to start outside a loopback-only network namespace (found"
                    + " interfaces " + ifaces + "); DS's master/worker/alert servers and ZooKeeper bind every"
                    + " interface. Run it through packaging/bin/lark-netns, e.g. `packaging/bin/lark-netns"
                    + " packaging/bin/lark sandbox up --with " + NAME + "`", null);
        }
    }
}
