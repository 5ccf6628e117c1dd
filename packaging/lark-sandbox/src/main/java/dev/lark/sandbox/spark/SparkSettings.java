package dev.lark.sandbox.spark;

import java.util.List;

/** The fixed shape of the sandbox's Spark: versions, ports on 127.0.0.1, the standalone Worker's resources. */
final class SparkSettings {
    static final String HOST = "127.0.0.1";
    static final String SCALA_BINARY_VERSION = "2.12";
    static final String SPARK_VERSION = "3.5.8";
    static final int MASTER_PORT = 17077;
    static final int MASTER_WEB_PORT = 18080;
    static final int WORKER_PORT = 17078;
    static final int WORKER_WEB_PORT = 18082;
    static final int WORKER_CORES = 2;
    static final String WORKER_MEMORY = "2g";
    /** Heap of the Master and Worker daemons themselves (Spark's default is 1g; they need far less). */
    static final String DAEMON_MEMORY = "256m";

    /** What Spark 3.5 on Java 17 needs opened (Kryo, Netty, Arrow, Hadoop's Kerberos code). */
    static final List<String> JAVA_17_OPTS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false");

    private SparkSettings() {
    }

    static String masterUrl() {
        return "spark://" + HOST + ":" + MASTER_PORT;
    }

    static String masterWebUrl() {
        return "http://" + HOST + ":" + MASTER_WEB_PORT;
    }
}
