package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's SPARK_HOME runs applications through its own {@code bin/spark-submit} (as SparkLauncher and
 * DolphinScheduler's Spark task do), both in {@code local[2]} and on the standalone Master + Worker.
 */
@Sandboxed({"spark"})
class SparkSubmitIT {
    private static final String JOB_CLASS = "dev.lark.it.sparkjob.SparkRangeSumJob";
    private static final long N = 10_000;
    private static final String EXPECTED_TOTALS = "count=10000\nsum=50005000\ngroups=10\n";

    @TempDir
    static Path shared;
    static Path jobJar;

    @BeforeAll
    static void buildJobJar(SandboxEndpoints endpoints) throws Exception {
        jobJar = compileJob(Path.of(endpoints.get("spark", "sparkHome")), shared);
    }

    @Test
    void sparkSubmitRunsAJobInLocalMode(SandboxEndpoints endpoints, @TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("result.txt");

        SparkAppHandle.State state = submit(endpoints, "local[2]", out, tmp.resolve("submit.log"));

        assertThat(state).as("final state; output in %s", tmp.resolve("submit.log"))
                .isEqualTo(SparkAppHandle.State.FINISHED);
        assertThat(out).content(StandardCharsets.UTF_8).startsWith(EXPECTED_TOTALS).endsWith("executors=driver\n");
    }

    @Test
    void sparkSubmitRunsAJobOnTheStandaloneCluster(SandboxEndpoints endpoints, @TempDir Path tmp)
            throws Exception {
        Path out = tmp.resolve("result.txt");

        SparkAppHandle.State state = submit(endpoints, endpoints.get("spark", "masterUrl"), out,
                tmp.resolve("submit.log"));

        assertThat(state).as("final state; output in %s", tmp.resolve("submit.log"))
                .isEqualTo(SparkAppHandle.State.FINISHED);
        String result = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(result).startsWith(EXPECTED_TOTALS);
        // the partitions ran in executor JVMs the Worker started, not in the driver
        String executors = result.lines().filter(l -> l.startsWith("executors=")).findFirst().orElseThrow()
                .substring("executors=".length());
        assertThat(executors).isNotEmpty().doesNotContain("driver");
    }

    private static SparkAppHandle.State submit(SandboxEndpoints endpoints, String master, Path out, Path log)
            throws IOException {
        SparkAppHandle handle = new SparkLauncher()
                .setSparkHome(endpoints.get("spark", "sparkHome"))
                .setAppResource(jobJar.toString())
                .setMainClass(JOB_CLASS)
                .setMaster(master)
                .setDeployMode("client")
                .setConf(SparkLauncher.DRIVER_MEMORY, "512m")
                .setConf(SparkLauncher.EXECUTOR_MEMORY, "512m")
                .setConf("spark.ui.enabled", "false")
                .setConf("spark.sql.shuffle.partitions", "4")
                .addAppArgs(Long.toString(N), out.toString())
                .redirectOutput(log.resolveSibling(log.getFileName() + ".stdout").toFile())
                .redirectError(log.toFile())
                .startApplication();
        try {
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> handle.getState().isFinal());
            return handle.getState();
        } finally {
            if (!handle.getState().isFinal()) {
                handle.kill();
            }
        }
    }

    /** Compiles the job (a test resource) against SPARK_HOME/jars and packages it with the job as Main-Class. */
    private static Path compileJob(Path sparkHome, Path dir) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src")).resolve("SparkRangeSumJob.java");
        try (InputStream in = SparkSubmitIT.class.getResourceAsStream("/spark-jobs/SparkRangeSumJob.java")) {
            assertThat(in).as("test resource spark-jobs/SparkRangeSumJob.java").isNotNull();
            Files.copy(in, src);
        }
        String classpath;
        try (Stream<Path> jars = Files.list(sparkHome.resolve("jars"))) {
            classpath = jars.map(Path::toString).filter(p -> p.endsWith(".jar")).sorted()
                    .collect(Collectors.joining(":"));
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-classpath", classpath, "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                .call();
        assertThat(ok).as("compiling the Spark job: %s", diagnostics).isTrue();

        Path jar = dir.resolve("spark-range-sum-job.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, JOB_CLASS);
        try (OutputStream os = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(os, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
