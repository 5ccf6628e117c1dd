package dev.lark.clean.flink.submit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submits a jar with a Flink home's {@code bin/flink run -d} (detached: the CLI builds the job graph in its own JVM,
 * submits it and exits), for clusters without REST jar submission. The command is an argument list, never a shell
 * string; the CLI's output goes to the task log.
 */
final class FlinkCliSubmitter {
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final long TIMEOUT_MINUTES = 5;

    private final Path flinkHome;
    private final Consumer<String> log;

    FlinkCliSubmitter(Path flinkHome, Consumer<String> log) {
        this.flinkHome = flinkHome;
        this.log = log;
    }

    String run(URI restUrl, Path jar, String mainClass, List<String> args, int parallelism, String savepoint)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(flinkHome.resolve("bin").resolve("flink").toString());
        cmd.add("run");
        cmd.add("-d");
        cmd.add("-m");
        cmd.add(restUrl.getHost() + ":" + restUrl.getPort());
        cmd.add("-p");
        cmd.add(Integer.toString(parallelism));
        if (savepoint != null) {
            cmd.add("-s");
            cmd.add(savepoint);
        }
        cmd.add("-c");
        cmd.add(mainClass);
        cmd.add(jar.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String jobId = null;
        StringBuilder tail = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                Matcher m = JOB_ID.matcher(line);
                if (m.find()) {
                    jobId = m.group(1);
                }
                // the CLI warns with whole stack traces about absent YARN support: keep the first line only
                if (!line.trim().isEmpty() && !line.startsWith("\tat ") && !line.trim().startsWith("at java.")) {
                    log.accept("flink run: " + line);
                    tail.append(line).append('\n');
                    if (tail.length() > 4000) {
                        tail.delete(0, tail.length() - 4000);
                    }
                }
            }
        }
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("flink run did not return within " + TIMEOUT_MINUTES + " minutes");
        }
        if (p.exitValue() != 0 || jobId == null) {
            throw new IOException("flink run exited with " + p.exitValue() + (jobId == null ? " without a job id" : "")
                    + "; its last output: " + tail.toString().trim());
        }
        return jobId;
    }
}
