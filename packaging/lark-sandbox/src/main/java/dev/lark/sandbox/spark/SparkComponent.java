package dev.lark.sandbox.spark;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spark 3.5.8 (Scala 2.12): a SPARK_HOME with a working {@code bin/spark-submit} (usable on its own, e.g. with
 * {@code local[*]}), plus a standalone Master and one Worker JVM on 127.0.0.1 started through that home's
 * {@code bin/spark-class}, as Spark's {@code sbin/start-master.sh} / {@code start-worker.sh} do.
 *
 * <p>The home lives in {@code <cache>/spark/home}; the daemons' logs and the Worker's application directories in
 * {@code <run>/spark}.
 */
@AutoService(Component.class)
public final class SparkComponent implements Component {
    static final String NAME = "spark";
    private static final MavenStack STACK = new MavenStack(NAME);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(SandboxContext ctx) throws Exception {
        Path lib = STACK.resolve(ctx);
        SparkHome.assemble(sparkHome(ctx), lib);
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        Path home = sparkHome(ctx);
        if (!STACK.resolved(ctx) || !Files.isExecutable(home.resolve("bin").resolve("spark-class"))) {
            throw new SandboxException(NAME, "not installed; run: lark sandbox install --with spark", null);
        }
        Path run = ctx.runDir(NAME);
        Path work = Files.createDirectories(run.resolve("work"));
        String sparkClass = home.resolve("bin").resolve("spark-class").toString();
        ManagedProcess master = master(ctx);
        ManagedProcess worker = worker(ctx);
        DaemonPair pair = new DaemonPair(NAME, "Master", master, "Worker", worker);
        pair.start(STOP_GRACE, () -> {
            master.start(List.of(sparkClass, "org.apache.spark.deploy.master.Master",
                    "--host", SparkSettings.HOST,
                    "--port", Integer.toString(SparkSettings.MASTER_PORT),
                    "--webui-port", Integer.toString(SparkSettings.MASTER_WEB_PORT)), run, env(home));
            worker.start(List.of(sparkClass, "org.apache.spark.deploy.worker.Worker",
                    "--host", SparkSettings.HOST,
                    "--port", Integer.toString(SparkSettings.WORKER_PORT),
                    "--webui-port", Integer.toString(SparkSettings.WORKER_WEB_PORT),
                    "--cores", Integer.toString(SparkSettings.WORKER_CORES),
                    "--memory", SparkSettings.WORKER_MEMORY,
                    "--work-dir", work.toString(),
                    SparkSettings.masterUrl()), run, env(home));
            awaitReady(pair);
        });
    }

    /** Waits for the Master to be ALIVE with the Worker registered. */
    private static void awaitReady(DaemonPair pair) throws InterruptedException {
        pair.awaitReady(START_TIMEOUT, () -> SparkMasterStatus.fetch(SparkSettings.masterWebUrl()),
                SparkMasterStatus::ready, s -> "Master " + s.status + " with " + s.aliveWorkers + " alive worker(s)",
                "Master web UI " + SparkSettings.masterWebUrl() + " does not answer");
    }

    /** The daemons' environment: our SPARK_HOME, loopback only, fixed ports, small daemon heaps. */
    private static Map<String, String> env(Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_CONF_DIR", home.resolve("conf").toString());
        env.put("SPARK_LOCAL_IP", SparkSettings.HOST);
        env.put("SPARK_DAEMON_MEMORY", SparkSettings.DAEMON_MEMORY);
        // fixed ports or nothing: by default a taken port makes Spark quietly try the next 16, and the Worker
        // would then look for a Master that is not where the endpoints say
        env.put("SPARK_DAEMON_JAVA_OPTS", "-Dspark.port.maxRetries=0");
        env.put("SPARK_SCALA_VERSION", SparkSettings.SCALA_BINARY_VERSION);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    @Override
    public boolean healthy(SandboxContext ctx) {
        return master(ctx).isRunning() && worker(ctx).isRunning()
                && SparkMasterStatus.fetch(SparkSettings.masterWebUrl()).map(SparkMasterStatus::ready).orElse(false);
    }

    @Override
    public void stop(SandboxContext ctx) {
        // Worker first: it kills its executors and deregisters; then the Master
        worker(ctx).stop(STOP_GRACE);
        master(ctx).stop(STOP_GRACE);
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sparkHome", sparkHome(ctx).toString());
        m.put("masterUrl", SparkSettings.masterUrl());
        m.put("webUrl", SparkSettings.masterWebUrl());
        return m;
    }

    /** {@code <cache>/spark/home}: {@code bin/}, {@code conf/}, {@code jars/}. */
    static Path sparkHome(SandboxContext ctx) {
        return ctx.cache(NAME).resolve("home");
    }

    private static ManagedProcess master(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, "master");
    }

    private static ManagedProcess worker(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, "worker");
    }
}
