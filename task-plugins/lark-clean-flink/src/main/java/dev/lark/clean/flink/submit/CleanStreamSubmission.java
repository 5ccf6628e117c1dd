package dev.lark.clean.flink.submit;

import dev.lark.clean.flink.CleanStreamOptions;
import dev.lark.engine.common.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What to run on a Flink session cluster and how: the cluster's REST URL, the lark-clean-flink job jar, the job's
 * arguments (validated here with {@link CleanStreamOptions}, before anything is uploaded), parallelism, where
 * savepoints go and what to restore from. Immutable; built and validated by {@link Builder#build()}.
 */
public final class CleanStreamSubmission {
    /** Restore from the newest savepoint in {@link #savepointDir()} (if any). */
    public static final String RESTORE_LATEST = "LATEST";
    /** Start without state (offsets: the consumer group's committed ones). */
    public static final String RESTORE_NONE = "NONE";

    private final String flinkRestUrl;
    private final Path jobJar;
    private final List<String> jobArgs;
    private final int parallelism;
    private final String savepointDir;
    private final String restoreFrom;
    private final String flinkHome;

    private CleanStreamSubmission(Builder b) {
        if (b.flinkRestUrl == null || b.flinkRestUrl.trim().isEmpty()) {
            throw ConfigException.missing("flinkRestUrl", "give the Flink session cluster's REST URL, e.g. http://127.0.0.1:8081");
        }
        URI u;
        try {
            u = URI.create(b.flinkRestUrl.trim());
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("flinkRestUrl", b.flinkRestUrl, "use http(s)://host:port");
        }
        if (u.getScheme() == null || !u.getScheme().startsWith("http") || u.getHost() == null) {
            throw ConfigException.invalid("flinkRestUrl", b.flinkRestUrl, "use http(s)://host:port");
        }
        this.flinkRestUrl = b.flinkRestUrl.trim();
        if (b.jobJar == null || b.jobJar.trim().isEmpty()) {
            throw ConfigException.missing("flinkJobJar", "give the path of lark-clean-flink-VERSION-job.jar on the DS worker");
        }
        this.jobJar = Paths.get(b.jobJar.trim());
        if (b.checkJar && !Files.isRegularFile(jobJar)) {
            throw ConfigException.invalid("flinkJobJar", b.jobJar, "no such file on this worker; build it with "
                    + "`mvn package -pl task-plugins/lark-clean-flink` (target/lark-clean-flink-VERSION-job.jar)");
        }
        if (b.parallelism < 1) {
            throw ConfigException.invalid("parallelism", b.parallelism, "use 1 or more (at most the source topic's partitions is useful)");
        }
        this.parallelism = b.parallelism;
        this.jobArgs = Collections.unmodifiableList(new ArrayList<>(b.jobArgs));
        CleanStreamOptions.fromArgs(jobArgs.toArray(new String[0])); // the job's own validation, before submission
        this.savepointDir = b.savepointDir == null || b.savepointDir.trim().isEmpty() ? null : b.savepointDir.trim();
        String r = b.restoreFrom == null || b.restoreFrom.trim().isEmpty() ? RESTORE_LATEST : b.restoreFrom.trim();
        if (r.equalsIgnoreCase(RESTORE_LATEST) || r.equalsIgnoreCase(RESTORE_NONE)) {
            r = r.toUpperCase(Locale.ROOT);
        }
        this.restoreFrom = r;
        this.flinkHome = b.flinkHome == null || b.flinkHome.trim().isEmpty() ? null : b.flinkHome.trim();
        if (flinkHome != null && b.checkJar && !Files.isRegularFile(Paths.get(flinkHome, "bin", "flink"))) {
            throw ConfigException.invalid("flinkHome", flinkHome, "no bin/flink there on this worker; give a Flink 1.20 home (or leave it empty when the cluster accepts REST jar submission)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String flinkRestUrl() { return flinkRestUrl; }
    public Path jobJar() { return jobJar; }
    public List<String> jobArgs() { return jobArgs; }
    public int parallelism() { return parallelism; }
    /** Null: the cluster's configured savepoint directory plus a per-task subdirectory. */
    public String savepointDir() { return savepointDir; }
    /** {@link #RESTORE_LATEST}, {@link #RESTORE_NONE} or a savepoint path. */
    public String restoreFrom() { return restoreFrom; }
    /** A Flink home for {@code flink run -d} when the cluster has no REST jar submission; null: REST or $FLINK_HOME. */
    public String flinkHome() { return flinkHome; }

    public static final class Builder {
        private String flinkRestUrl;
        private String jobJar;
        private final List<String> jobArgs = new ArrayList<>();
        private int parallelism = 1;
        private String savepointDir;
        private String restoreFrom;
        private boolean checkJar = true;
        private String flinkHome;

        public Builder flinkRestUrl(String v) { this.flinkRestUrl = v; return this; }
        public Builder jobJar(String v) { this.jobJar = v; return this; }
        public Builder parallelism(int v) { this.parallelism = v; return this; }
        public Builder savepointDir(String v) { this.savepointDir = v; return this; }
        public Builder restoreFrom(String v) { this.restoreFrom = v; return this; }
        public Builder flinkHome(String v) { this.flinkHome = v; return this; }
        /** False on the DS API server, which validates parameters but is not the worker that holds the jar. */
        public Builder checkJarExists(boolean v) { this.checkJar = v; return this; }

        /** Adds {@code --name value} to the job's arguments when value is set. */
        public Builder arg(String name, Object value) {
            if (value != null && !value.toString().trim().isEmpty()) {
                jobArgs.add("--" + name);
                jobArgs.add(value.toString().trim());
            }
            return this;
        }

        public CleanStreamSubmission build() {
            return new CleanStreamSubmission(this);
        }
    }
}
