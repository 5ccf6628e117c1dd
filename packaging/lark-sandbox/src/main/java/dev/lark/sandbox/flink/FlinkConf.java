package dev.lark.sandbox.flink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the {@code conf/} of the sandbox's FLINK_HOME: {@code config.yaml} (Flink 1.20's standard YAML; flat dotted
 * keys are valid there) and a console-only log4j configuration, since each process's output already goes to its
 * own log file in the run directory.
 */
final class FlinkConf {
    private FlinkConf() {
    }

    /** The settings, in file order. Everything that listens binds 127.0.0.1 on a fixed port. */
    static Map<String, String> settings(Path runDir) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("env.java.opts.all", String.join(" ", FlinkSettings.JAVA_17_OPTS));
        c.put("jobmanager.rpc.address", FlinkSettings.HOST);
        c.put("jobmanager.rpc.port", Integer.toString(FlinkSettings.JOBMANAGER_RPC_PORT));
        c.put("jobmanager.bind-host", FlinkSettings.HOST);
        c.put("jobmanager.memory.process.size", FlinkSettings.JOBMANAGER_PROCESS_SIZE);
        c.put("jobmanager.execution.failover-strategy", "region");
        c.put("blob.server.port", Integer.toString(FlinkSettings.BLOB_SERVER_PORT));
        c.put("taskmanager.host", FlinkSettings.HOST);
        c.put("taskmanager.bind-host", FlinkSettings.HOST);
        c.put("taskmanager.rpc.port", Integer.toString(FlinkSettings.TASKMANAGER_RPC_PORT));
        c.put("taskmanager.data.port", Integer.toString(FlinkSettings.TASKMANAGER_DATA_PORT));
        c.put("taskmanager.resource-id", "lark-taskmanager-1");
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(FlinkSettings.TASK_SLOTS));
        c.put("taskmanager.memory.process.size", FlinkSettings.TASKMANAGER_PROCESS_SIZE);
        c.put("taskmanager.memory.managed.size", FlinkSettings.TASKMANAGER_MANAGED_SIZE);
        c.put("rest.address", FlinkSettings.HOST);
        c.put("rest.bind-address", FlinkSettings.HOST);
        c.put("rest.port", Integer.toString(FlinkSettings.REST_PORT));
        c.put("parallelism.default", "1");
        c.put("execution.checkpointing.dir", runDir.resolve("checkpoints").toUri().toString());
        c.put("execution.checkpointing.savepoint-dir", runDir.resolve("savepoints").toUri().toString());
        c.put("io.tmp.dirs", runDir.resolve("tmp").toString());
        c.put("web.tmpdir", runDir.resolve("web").toString());
        return c;
    }

    /**
     * Writes {@code config.yaml}, {@code log4j-console.properties} (servers) and {@code log4j-cli.properties}
     * ({@code bin/flink}) into {@code confDir}.
     */
    static void write(Path confDir, Path runDir) throws IOException {
        Files.createDirectories(confDir);
        Files.createDirectories(runDir.resolve("tmp"));
        Files.createDirectories(runDir.resolve("web"));
        StringBuilder yaml = new StringBuilder("# Written by the Lark sandbox (dev.lark.sandbox.flink); rewritten on"
                + " every start.\n");
        settings(runDir).forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml.toString(), StandardCharsets.UTF_8);
        Files.writeString(confDir.resolve("log4j-console.properties"), String.join("\n",
                "# Console only: the sandbox sends each process's output to its log file in the run directory.",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.console.ref = ConsoleAppender",
                "logger.akka.name = akka",
                "logger.akka.level = INFO",
                "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
                "logger.netty.level = OFF",
                "appender.console.name = ConsoleAppender",
                "appender.console.type = CONSOLE",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
                ""), StandardCharsets.UTF_8);
        Files.writeString(confDir.resolve("log4j-cli.properties"), String.join("\n",
                "# bin/flink: warnings to stderr, so stdout stays the command's own output.",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.console.ref = ConsoleAppender",
                "appender.console.name = ConsoleAppender",
                "appender.console.type = CONSOLE",
                "appender.console.target = SYSTEM_ERR",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                ""), StandardCharsets.UTF_8);
    }

    /** Plain YAML scalar when harmless, else single-quoted (so ':' in URIs and '=' in JVM flags stay text). */
    private static String quote(String v) {
        return v.matches("[A-Za-z0-9._/-]+") ? v : "'" + v.replace("'", "''") + "'";
    }
}
