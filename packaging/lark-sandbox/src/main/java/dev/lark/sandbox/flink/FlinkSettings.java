package dev.lark.sandbox.flink;

import java.util.List;

/** The fixed shape of the sandbox's Flink session cluster: ports on 127.0.0.1 and memory sizes. */
final class FlinkSettings {
    static final String HOST = "127.0.0.1";
    static final int REST_PORT = 18081;
    static final int JOBMANAGER_RPC_PORT = 16101;
    static final int BLOB_SERVER_PORT = 16102;
    static final int TASKMANAGER_RPC_PORT = 16103;
    static final int TASKMANAGER_DATA_PORT = 16104;
    /** Metrics query service, one port per process (passed as a dynamic setting, so the two never race). */
    static final int JOBMANAGER_QUERY_SERVICE_PORT = 16110;
    static final int TASKMANAGER_QUERY_SERVICE_PORT = 16111;
    static final int TASK_SLOTS = 2;
    static final String JOBMANAGER_PROCESS_SIZE = "768m";
    static final String TASKMANAGER_PROCESS_SIZE = "1g";
    /** Managed memory only backs RocksDB and batch sorting; a fixed 128m leaves the 1g TaskManager a usable heap. */
    static final String TASKMANAGER_MANAGED_SIZE = "128m";

    /**
     * The distribution's {@code env.java.opts.all} for Java 17 (flink-dist {@code config.yaml}): Flink's RPC, Kryo
     * and the table planner's code generation reach into these JDK internals.
     */
    static final List<String> JAVA_17_OPTS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private FlinkSettings() {
    }

    static String restUrl() {
        return "http://" + HOST + ":" + REST_PORT;
    }
}
