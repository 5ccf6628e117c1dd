package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.client.program.PackagedProgramUtils;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's Flink session cluster: one TaskManager with free slots, and a jar job submitted over REST runs. */
@Sandboxed({"flink"})
class FlinkSessionClusterIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void overviewShowsOneTaskManagerWithTwoSlots(SandboxEndpoints endpoints) throws Exception {
        JsonNode overview = getJson(endpoints.get("flink", "restUrl") + "/overview");

        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(1);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(2);
        assertThat(overview.path("flink-version").asText()).isEqualTo("1.20.3");
    }

    @Test
    void flinkHomeHasLibConfAndCli(SandboxEndpoints endpoints) {
        Path home = Path.of(endpoints.get("flink", "flinkHome"));

        assertThat(home.resolve("lib").resolve("flink-runtime-1.20.3.jar")).isRegularFile();
        assertThat(home.resolve("conf").resolve("config.yaml")).content().contains("rest.port: 18081");
        assertThat(home.resolve("bin").resolve("flink")).isExecutable();
    }

    @Test
    void jarJobSubmittedOverRestFinishesAndWritesEveryRecord(SandboxEndpoints endpoints, @TempDir Path tmp)
            throws Exception {
        int n = 5000;
        Path output = tmp.resolve("out");
        Path jar = jobJar(tmp.resolve("sequence-job.jar"));
        URI rest = URI.create(endpoints.get("flink", "restUrl"));
        Configuration conf = new Configuration();
        conf.set(RestOptions.ADDRESS, rest.getHost());
        conf.set(RestOptions.PORT, rest.getPort());

        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(jar.toFile())
                .setEntryPointClassName(FlinkSequenceToFilesJob.class.getName())
                .setArguments(Integer.toString(n), output.toUri().toString())
                .setConfiguration(conf)
                .build();
        JobGraph graph = PackagedProgramUtils.createJobGraph(program, conf, 2, false);
        JobStatus finalStatus;
        try (RestClusterClient<StandaloneClusterId> client =
                new RestClusterClient<>(conf, StandaloneClusterId.getInstance())) {
            JobID id = client.submitJob(graph).get();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> client.getJobStatus(id).get().isGloballyTerminalState());
            finalStatus = client.getJobStatus(id).get();
        } finally {
            program.close();
        }

        assertThat(finalStatus).isEqualTo(JobStatus.FINISHED);
        List<String> expected = LongStream.rangeClosed(1, n).mapToObj(i -> "record-" + i)
                .collect(Collectors.toList());
        assertThat(committedLines(output)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void flinkCliOfTheFlinkHomeRunsAJarJob(SandboxEndpoints endpoints, @TempDir Path tmp) throws Exception {
        Path flink = Path.of(endpoints.get("flink", "flinkHome"), "bin", "flink");
        Path output = tmp.resolve("out");
        Path log = tmp.resolve("flink-run.log");

        // what DolphinScheduler's Flink task runs: bin/flink run -c <class> <jar> <args>, cluster from conf/
        Process run = new ProcessBuilder(flink.toString(), "run", "-c", FlinkSequenceToFilesJob.class.getName(),
                jobJar(tmp.resolve("sequence-job.jar")).toString(), "100", output.toUri().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() -> !run.isAlive());

        assertThat(run.exitValue()).as("bin/flink run exit code; output: %s", Files.readString(log)).isZero();
        assertThat(log).content().contains("has finished");
        assertThat(committedLines(output)).hasSize(100).contains("record-1", "record-100");
    }

    /** Lines of the sink's committed part files (in-progress files are hidden, named {@code .part-...}). */
    private static List<String> committedLines(Path output) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(output)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList())) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    /** A jar holding only the job's classes, taken from the test classpath, with the job as Main-Class. */
    private static Path jobJar(Path jar) throws Exception {
        Class<?> job = FlinkSequenceToFilesJob.class;
        Path classes = Path.of(job.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packageDir = job.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, job.getName());
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.list(classes.resolve(packageDir))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(job.getSimpleName()))
                    .sorted().collect(Collectors.toList())) {
                jarOut.putNextEntry(new JarEntry(packageDir + "/" + f.getFileName()));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s", url).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
