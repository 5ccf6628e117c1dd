package dev.lark.sandbox.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Assembles a SPARK_HOME from the resolved jars: {@code jars/} (a link to the stack's {@code lib/}), a
 * {@code RELEASE} file (the launcher looks for {@code jars/} only in a release layout), our {@code bin/spark-class}
 * and {@code bin/spark-submit}, and {@code conf/} with the Java 17 options and {@code SPARK_LOCAL_IP}.
 * Rewriting it is cheap, so every install does.
 */
final class SparkHome {
    private SparkHome() {
    }

    static void assemble(Path home, Path lib) throws IOException {
        Files.createDirectories(home);
        Path jars = home.resolve("jars");
        if (!Files.isSymbolicLink(jars) || !Files.readSymbolicLink(jars).equals(lib)) {
            Files.deleteIfExists(jars);
            Files.createSymbolicLink(jars, lib);
        }
        Files.writeString(home.resolve("RELEASE"), "Spark " + SparkSettings.SPARK_VERSION + " (Scala "
                + SparkSettings.SCALA_BINARY_VERSION + ") assembled by the Lark sandbox from Maven Central jars\n",
                StandardCharsets.UTF_8);
        Path bin = Files.createDirectories(home.resolve("bin"));
        copyExecutable("/sandbox/spark/bin/spark-class", bin.resolve("spark-class"));
        copyExecutable("/sandbox/spark/bin/spark-submit", bin.resolve("spark-submit"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        String javaOpts = String.join(" ", SparkSettings.JAVA_17_OPTS);
        Files.writeString(conf.resolve("spark-defaults.conf"), String.join("\n",
                "# Written by the Lark sandbox (dev.lark.sandbox.spark); rewritten on every install.",
                "spark.driver.extraJavaOptions    " + javaOpts,
                "spark.executor.extraJavaOptions  " + javaOpts,
                "spark.ui.showConsoleProgress     false",
                ""), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("spark-env.sh"), String.join("\n",
                "# Written by the Lark sandbox (dev.lark.sandbox.spark); sourced by bin/spark-class.",
                "# Drivers, executors and web UIs bind 127.0.0.1 only.",
                "SPARK_LOCAL_IP=" + SparkSettings.HOST,
                "SPARK_SCALA_VERSION=" + SparkSettings.SCALA_BINARY_VERSION,
                ""), StandardCharsets.UTF_8);
    }

    private static void copyExecutable(String resource, Path target) throws IOException {
        try (InputStream in = SparkHome.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
