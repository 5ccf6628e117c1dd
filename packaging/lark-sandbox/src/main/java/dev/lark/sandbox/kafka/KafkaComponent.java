package dev.lark.sandbox.kafka;

import dev.lark.sandbox.Exec;
import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.MavenStack;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Apache Kafka 4.1.2 in KRaft mode: one JVM that is both broker (127.0.0.1:19092) and controller
 * (127.0.0.1:19093), jars from Maven Central ({@code /stacks/kafka/pom.xml}), data in {@code <run>/kafka/data}.
 * Internal topics use replication factor 1. The storage is formatted on first start with a cluster id kept in
 * {@code <run>/kafka/cluster.id}.
 */
@AutoService(Component.class)
public final class KafkaComponent implements Component {
    static final String NAME = "kafka";
    static final int BROKER_PORT = 19092;
    static final int CONTROLLER_PORT = 19093;
    /** Logged by KafkaRaftServer once the broker serves requests. */
    static final String STARTED_LINE = "Kafka Server started";
    private static final String START_MARKER = "=== ";

    private final MavenStack stack = new MavenStack(NAME);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(SandboxContext ctx) throws Exception {
        stack.resolve(ctx);
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        ManagedProcess process = process(ctx);
        for (int port : new int[] {BROKER_PORT, CONTROLLER_PORT}) {
            if (Health.portOpen(port)) {
                throw Exec.refuse(NAME, "port " + port + " on 127.0.0.1 is already in use by another process;"
                        + " stop it (or `lark sandbox down --with kafka`) and retry", process.logFile());
            }
        }
        if (!stack.resolved(ctx)) {
            throw Exec.refuse(NAME, "jars not resolved; run `lark sandbox install --with kafka`",
                    process.logFile());
        }
        Path run = ctx.runDir(NAME);
        Path data = Files.createDirectories(run.resolve("data"));
        Path props = run.resolve("server.properties");
        Files.writeString(props, serverProperties(data), StandardCharsets.UTF_8);
        Path log4j = run.resolve("log4j2.properties");
        Files.writeString(log4j, LOG4J2, StandardCharsets.UTF_8);
        String classpath = stack.classpath(ctx);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String log4jOpt = "-Dlog4j2.configurationFile=" + log4j;
        if (!Files.exists(data.resolve("meta.properties"))) {
            Exec.run(NAME, List.of(java, "-Xmx256m", log4jOpt, "-cp", classpath, "kafka.tools.StorageTool", "format",
                    "-t", clusterId(run), "-c", props.toString(), "--ignore-formatted"), run, Map.of(), null,
                    run.resolve("format.log"), Duration.ofMinutes(2));
        }
        process.start(List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true", log4jOpt, "-cp", classpath, "kafka.Kafka", props.toString()), run,
                Map.of());
        Health.await(NAME, process, Duration.ofSeconds(120), () -> healthy(ctx));
    }

    static String serverProperties(Path data) {
        return String.join("\n",
                "# written by the Lark sandbox on every start",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + CONTROLLER_PORT,
                "listeners=PLAINTEXT://127.0.0.1:" + BROKER_PORT + ",CONTROLLER://127.0.0.1:" + CONTROLLER_PORT,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + BROKER_PORT,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + data,
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "delete.topic.enable=true",
                "num.network.threads=2",
                "num.io.threads=4",
                "log.retention.hours=24",
                "");
    }

    private static final String LOG4J2 = String.join("\n",
            "status = warn",
            "appender.out.type = Console",
            "appender.out.name = OUT",
            "appender.out.layout.type = PatternLayout",
            "appender.out.layout.pattern = [%d] %p %m (%c)%n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.out.ref = OUT",
            "logger.state.name = state.change.logger",
            "logger.state.level = WARN",
            "logger.request.name = kafka.request.logger",
            "logger.request.level = WARN",
            "");

    /** A KRaft cluster id (base64url UUID, as {@code kafka-storage random-uuid} prints), generated once. */
    private static String clusterId(Path run) throws IOException {
        Path f = run.resolve("cluster.id");
        if (!Files.exists(f)) {
            UUID u = UUID.randomUUID();
            ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                    .putLong(u.getLeastSignificantBits());
            Files.writeString(f, Base64.getUrlEncoder().withoutPadding().encodeToString(b.array()));
        }
        return Files.readString(f).trim();
    }

    /** The broker port answers and the broker logged, since its last start, that it is serving. */
    @Override
    public boolean healthy(SandboxContext ctx) {
        ManagedProcess process = process(ctx);
        if (!process.isRunning() || !Health.portOpen(BROKER_PORT)) {
            return false;
        }
        // The log is read until the started line shows up once for this pid; then a marker answers cheaply.
        String pid = Long.toString(process.pid().orElse(-1L));
        Path marker = ctx.runDir(NAME).resolve("started-pid");
        try {
            if (Files.exists(marker) && Files.readString(marker).trim().equals(pid)) {
                return true;
            }
            String log = Files.readString(process.logFile(), StandardCharsets.ISO_8859_1);
            int lastStart = log.lastIndexOf(START_MARKER);
            if (log.indexOf(STARTED_LINE, Math.max(lastStart, 0)) < 0) {
                return false;
            }
            Files.writeString(marker, pid);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM: the broker and controller shut down cleanly (controlled shutdown, logs flushed). */
    @Override
    public void stop(SandboxContext ctx) {
        process(ctx).stop(Duration.ofSeconds(60));
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bootstrapServers", "127.0.0.1:" + BROKER_PORT);
        m.put("host", "127.0.0.1");
        m.put("port", Integer.toString(BROKER_PORT));
        m.put("controllerPort", Integer.toString(CONTROLLER_PORT));
        return m;
    }

    private static ManagedProcess process(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, NAME);
    }
}
