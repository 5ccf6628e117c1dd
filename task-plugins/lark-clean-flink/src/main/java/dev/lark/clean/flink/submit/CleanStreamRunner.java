package dev.lark.clean.flink.submit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one stream-mode cleaning job on a Flink session cluster over REST and stays attached to it: {@link #start}
 * (restore from the newest savepoint unless told otherwise, upload the job jar once per content, run, wait until every
 * vertex runs), {@link #track} (state and counters until the job ends or a stop is asked), {@link #savepoint} and
 * {@link #stopWithSavepoint}. DS-free; the DS task LARK_CLEAN (mode STREAM) is a thin adapter over it. One instance per
 * run; {@code savepoint}/{@code stopWithSavepoint} may be called from another thread than {@code track}.
 */
public final class CleanStreamRunner {
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** By name: the job classes need Flink, which the DS worker does not have. */
    static final String JOB_MAIN_CLASS = "dev.lark.clean.flink.CleanStreamJob";
    private static final String SAVEPOINT_DIR_KEY = "execution.checkpointing.savepoint-dir";
    private static final String LEGACY_SAVEPOINT_DIR_KEY = "state.savepoints.dir";

    private final CleanStreamSubmission submission;
    private final String stateKey;
    private final Consumer<String> log;
    private final FlinkRestClient flink;
    private volatile String jobId;
    private volatile String savepointDir;
    private volatile String lastSavepoint;
    private volatile boolean stopped;

    /**
     * @param stateKey names this job's savepoint subdirectory when none is configured (stable across runs of one task)
     * @param log task log lines
     */
    public CleanStreamRunner(CleanStreamSubmission submission, String stateKey, Consumer<String> log) {
        this.submission = submission;
        this.stateKey = stateKey.replaceAll("[^A-Za-z0-9._-]", "_");
        this.log = log;
        this.flink = new FlinkRestClient(submission.flinkRestUrl(), HTTP_TIMEOUT);
    }

    /** Submits the job; returns its id once every vertex runs (so a savepoint can be taken right away). */
    public String start() throws IOException, InterruptedException {
        savepointDir = submission.savepointDir() != null ? submission.savepointDir() : defaultSavepointDir();
        String restore = restorePoint();
        log.accept("savepoint directory: " + savepointDir);
        log.accept(restore == null ? "starting without state (offsets: the consumer group's committed ones, else the starting offsets)"
                : "restoring from savepoint " + restore);
        jobId = submit(restore);
        log.accept("Flink job id: " + jobId);
        log.accept("Flink job link: " + flink.jobLink(jobId));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            FlinkRestClient.JobState s = flink.job(jobId);
            if (s.allVerticesRunning()) {
                log.accept("Flink job " + jobId + " is RUNNING (all tasks deployed)");
                return jobId;
            }
            if (s.terminal()) {
                throw new IOException("Flink job " + jobId + " ended as " + s.state() + " right after the start; see the "
                        + "JobManager log (" + flink.baseUrl() + "/jobs/" + jobId + "/exceptions)");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Flink job " + jobId + " still " + s.state() + " after " + START_TIMEOUT.getSeconds()
                        + " s: not all its tasks got a slot (parallelism " + submission.parallelism() + ")");
            }
            Thread.sleep(500);
        }
    }

    /**
     * Follows the job until it ends or {@code stopAsked} turns true; logs the counters every {@code progressEvery}.
     * Returns the final state ({@code FINISHED}, {@code CANCELED}, {@code FAILED}) or {@code STOPPED} after a stop.
     */
    public String track(BooleanSupplier stopAsked, Duration progressEvery) throws IOException, InterruptedException {
        long nextProgress = System.nanoTime() + progressEvery.toNanos();
        long lastInputs = 0;
        long lastAt = System.nanoTime();
        while (true) {
            if (stopAsked.getAsBoolean() || stopped) {
                return "STOPPED";
            }
            FlinkRestClient.JobState s = flink.job(jobId);
            if (s.terminal()) {
                log.accept("Flink job " + jobId + " ended: " + s.state() + (lastSavepoint == null ? "" : " (last savepoint " + lastSavepoint + ")"));
                return s.state();
            }
            if (System.nanoTime() >= nextProgress) {
                Map<String, Long> acc = flink.accumulators(jobId);
                long inputs = acc.getOrDefault("cleanInputs", 0L);
                double secs = (System.nanoTime() - lastAt) / 1e9;
                log.accept(String.format("progress: %d inputs (%.0f records/s), %d cleaned, %d filtered, %d dead letters, %d output records",
                        inputs, (inputs - lastInputs) / Math.max(secs, 0.001), acc.getOrDefault("cleanSucceeded", 0L),
                        acc.getOrDefault("cleanFiltered", 0L), acc.getOrDefault("cleanFailed", 0L), acc.getOrDefault("cleanOutputRecords", 0L)));
                lastInputs = inputs;
                lastAt = System.nanoTime();
                nextProgress = System.nanoTime() + progressEvery.toNanos();
            }
            Thread.sleep(1000);
        }
    }

    /** Takes a savepoint while the job keeps running; returns its path. */
    public String savepoint() throws IOException, InterruptedException {
        String id = requireJob();
        lastSavepoint = flink.triggerSavepoint(id, savepointDir, SAVEPOINT_TIMEOUT);
        log.accept("savepoint taken: " + lastSavepoint);
        return lastSavepoint;
    }

    /**
     * Stops the job with a savepoint (exactly-once sinks commit their last transactions with it); returns its path.
     * The next run with restoreFrom LATEST resumes from it.
     */
    public String stopWithSavepoint() throws IOException, InterruptedException {
        String id = requireJob();
        stopped = true;
        lastSavepoint = flink.stopWithSavepoint(id, savepointDir, SAVEPOINT_TIMEOUT);
        // the savepoint completes before the tasks finish; their final counters arrive with the job's end
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        FlinkRestClient.JobState s = flink.job(id);
        while (!s.terminal() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            s = flink.job(id);
        }
        log.accept("Flink job " + id + " stopped with savepoint " + lastSavepoint + " (" + s.state() + ")");
        return lastSavepoint;
    }

    /** Cancels the job without a savepoint (the fallback when a stop-with-savepoint fails). */
    public void cancel() throws IOException, InterruptedException {
        String id = requireJob();
        stopped = true;
        flink.cancel(id);
        log.accept("Flink job " + id + " cancelled (no savepoint)");
    }

    public Optional<String> jobId() {
        return Optional.ofNullable(jobId);
    }

    public Optional<String> lastSavepoint() {
        return Optional.ofNullable(lastSavepoint);
    }

    public String jobLink() {
        return jobId == null ? null : flink.jobLink(jobId);
    }

    public Map<String, Long> counters() throws IOException, InterruptedException {
        return flink.accumulators(requireJob());
    }

    private String requireJob() {
        if (jobId == null) {
            throw new IllegalStateException("the Flink job has not been submitted yet");
        }
        return jobId;
    }

    private String defaultSavepointDir() throws IOException, InterruptedException {
        Optional<String> d = flink.clusterConfig(SAVEPOINT_DIR_KEY);
        if (!d.isPresent()) {
            d = flink.clusterConfig(LEGACY_SAVEPOINT_DIR_KEY);
        }
        String base = d.orElseThrow(() -> new IOException("the Flink cluster at " + submission.flinkRestUrl() + " has no "
                + SAVEPOINT_DIR_KEY + ": set it there, or give the task a savepointDir"));
        return (base.endsWith("/") ? base : base + "/") + "lark-clean-" + stateKey;
    }

    private String restorePoint() throws IOException {
        String r = submission.restoreFrom();
        if (CleanStreamSubmission.RESTORE_NONE.equals(r)) {
            return null;
        }
        if (!CleanStreamSubmission.RESTORE_LATEST.equals(r)) {
            return r;
        }
        Optional<Path> latest = latestSavepoint(savepointDir);
        // in Flink's own form (file:/dir/savepoint-x), as its REST answers and logs name savepoints
        return latest.map(p -> "file:" + p.toAbsolutePath()).orElse(null);
    }

    /**
     * The newest complete savepoint ({@code savepoint-* /_metadata}) under a local directory ({@code file:} URI or
     * path); empty when there is none yet. Other file systems cannot be listed from here: name the savepoint instead.
     */
    public static Optional<Path> latestSavepoint(String dir) throws IOException {
        Path root;
        if (dir.startsWith("file:")) {
            root = Paths.get(URI.create(dir));
        } else if (dir.contains("://")) {
            throw new IOException("restoreFrom LATEST lists savepoints in a local directory, not " + dir
                    + "; give restoreFrom the savepoint path (or NONE)");
        } else {
            root = Paths.get(dir);
        }
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().startsWith("savepoint-"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max(Comparator.comparingLong(p -> modified(p.resolve("_metadata"))));
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * REST jar submission ({@code /jars/upload}, {@code /jars/:id/run}) where the cluster offers it (every Flink
     * distribution does: flink-runtime-web); otherwise {@code flink run -d} from a Flink home on this machine, like
     * DS's own FLINK_STREAM. Either way the job is controlled over REST afterwards.
     */
    private String submit(String restore) throws IOException, InterruptedException {
        try {
            flink.uploadedJars();
        } catch (FlinkRestClient.HttpStatusException e) {
            if (e.status() != 404) {
                throw e;
            }
            Path home = submission.flinkHome() != null ? Paths.get(submission.flinkHome())
                    : System.getenv("FLINK_HOME") != null ? Paths.get(System.getenv("FLINK_HOME")) : null;
            if (home == null) {
                throw new IOException("the Flink cluster at " + submission.flinkRestUrl() + " offers no REST jar submission "
                        + "(/jars: flink-runtime-web is not on its classpath, or web.submit.enable is false); give the task "
                        + "flinkHome (a Flink 1.20 home on the DS worker) to submit with `flink run -d`, or enable it");
            }
            log.accept("the cluster offers no REST jar submission (/jars); submitting with " + home.resolve("bin/flink") + " run -d");
            return new FlinkCliSubmitter(home, log).run(flink.baseUrl(), submission.jobJar(), JOB_MAIN_CLASS,
                    submission.jobArgs(), submission.parallelism(), restore);
        }
        String jarId = uploadOnce();
        return flink.runJar(jarId, JOB_MAIN_CLASS, submission.jobArgs(), submission.parallelism(), restore);
    }

    /** Uploads the jar under a content-hash name, unless the cluster already holds that very jar. */
    private String uploadOnce() throws IOException, InterruptedException {
        String name = "lark-clean-flink-" + sha256(submission.jobJar()).substring(0, 16) + ".jar";
        String id = flink.uploadedJars().get(name);
        if (id != null) {
            log.accept("job jar " + submission.jobJar().getFileName() + " already on the cluster as " + id);
            return id;
        }
        id = flink.uploadJar(submission.jobJar(), name);
        log.accept("uploaded job jar " + submission.jobJar() + " as " + id);
        return id;
    }

    private static String sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
