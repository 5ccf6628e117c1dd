package dev.lark.sandbox.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled SPARK_HOME, and our {@code bin/spark-class} against a stand-in {@code org.apache.spark.launcher.Main}
 * that speaks the real launcher's protocol ({@code "\0\n"}, then the command NUL-separated).
 */
class SparkHomeTest {

    /** Prints a command that echoes its arguments, or fails with exit code 3 when asked to. */
    private static final String FAKE_LAUNCHER = String.join("\n",
            "package org.apache.spark.launcher;",
            "public class Main {",
            "  public static void main(String[] args) {",
            "    if (args.length > 0 && args[0].equals(\"fail\")) {",
            "      System.err.println(\"Error: launcher refused\");",
            "      System.exit(3);",
            "    }",
            "    System.out.println('\\0');",
            "    StringBuilder out = new StringBuilder();",
            "    for (String c : new String[] {\"/bin/sh\", \"-c\", \"printf '%s|' \\\"$SPARK_SCALA_VERSION\\\" \\\"$SPARK_LOCAL_IP\\\" \\\"$@\\\"\", \"sh\"}) {",
            "      out.append(c).append('\\0');",
            "    }",
            "    for (String a : args) {",
            "      out.append(a).append('\\0');",
            "    }",
            "    System.out.print(out);",
            "  }",
            "}", "");

    @Test
    void homeHasReleaseLayoutScriptsAndJava17Options(@TempDir Path tmp) throws Exception {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Path home = tmp.resolve("home");
        SparkHome.assemble(home, lib);
        SparkHome.assemble(home, lib); // idempotent

        assertThat(Files.readSymbolicLink(home.resolve("jars"))).isEqualTo(lib);
        assertThat(home.resolve("RELEASE")).exists();
        assertThat(home.resolve("bin/spark-submit")).isExecutable();
        assertThat(home.resolve("bin/spark-class")).isExecutable();
        assertThat(home.resolve("conf/spark-env.sh")).content().contains("SPARK_LOCAL_IP=127.0.0.1");
        List<String> defaults = Files.readAllLines(home.resolve("conf/spark-defaults.conf"));
        for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
            assertThat(defaults).anySatisfy(l -> assertThat(l).startsWith(key)
                    .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
                    .contains("--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED")
                    .contains("-Djdk.reflect.useDirectMethodHandle=false"));
        }
    }

    @Test
    void sparkClassExecsTheLaunchersCommandKeepingEveryArgumentIntact(@TempDir Path tmp) throws Exception {
        Path home = homeWithFakeLauncher(tmp);

        Result r = run(home, "org.example.App", "two words", "line1\nline2", "");

        assertThat(r.exitCode).as(r.output).isZero();
        // SPARK_SCALA_VERSION exported, conf/spark-env.sh loaded, then the arguments as given
        assertThat(r.output).isEqualTo("2.12|127.0.0.1|org.example.App|two words|line1\nline2||");
    }

    @Test
    void sparkClassFailsWithTheLaunchersExitCode(@TempDir Path tmp) throws Exception {
        Path home = homeWithFakeLauncher(tmp);

        Result r = run(home, "fail");

        assertThat(r.exitCode).isEqualTo(3);
        assertThat(r.output).contains("Error: launcher refused");
    }

    private static Path homeWithFakeLauncher(Path tmp) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src/org/apache/spark/launcher")).resolve("Main.java");
        Files.writeString(src, FAKE_LAUNCHER);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null, List.of("-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                .call();
        assertThat(ok).as(diagnostics.toString()).isTrue();
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        try (OutputStream os = Files.newOutputStream(lib.resolve("fake-launcher.jar"));
                JarOutputStream jar = new JarOutputStream(os)) {
            jar.putNextEntry(new JarEntry("org/apache/spark/launcher/Main.class"));
            jar.write(Files.readAllBytes(classes.resolve("org/apache/spark/launcher/Main.class")));
            jar.closeEntry();
        }
        Path home = tmp.resolve("home");
        SparkHome.assemble(home, lib);
        return home;
    }

    private static Result run(Path home, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/spark-class").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("SPARK_HOME");
        pb.environment().remove("SPARK_ENV_LOADED");
        pb.environment().remove("SPARK_SCALA_VERSION");
        pb.environment().remove("SPARK_LOCAL_IP");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }
}
