package dev.lark.lineage;

import dev.lark.lineage.journal.FsyncPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Settings of the hook, validated once at the boundary. Read from {@code lark-lineage.properties} and/or the
 * environment ({@code LARK_LINEAGE_ATLAS_PASSWORD} becomes {@code lark.lineage.atlas.password}; the environment wins).
 * {@link #toString()} never prints secrets.
 */
public final class LineageConfig {
    public static final String PREFIX = "lark.lineage.";
    public static final String ENABLED = "lark.lineage.enabled";
    public static final String JOURNAL_DIR = "lark.lineage.journal.dir";
    public static final String JOURNAL_FSYNC = "lark.lineage.journal.fsync";
    public static final String SINK = "lark.lineage.sink";
    public static final String BATCH_EVENTS = "lark.lineage.batch.events";
    public static final String RETRY_INITIAL_MS = "lark.lineage.retry.initialDelayMs";
    public static final String RETRY_MAX_MS = "lark.lineage.retry.maxDelayMs";
    public static final String RESCAN_MS = "lark.lineage.journal.rescanMs";

    private final boolean enabled;
    private final Path journalDir;
    private final FsyncPolicy fsync;
    private final String sink;
    private final int batchEvents;
    private final Duration retryInitialDelay;
    private final Duration retryMaxDelay;
    private final Duration rescanInterval;
    private final Map<String, String> properties;

    private LineageConfig(Builder b) {
        this.enabled = b.enabled;
        if (b.journalDir == null) {
            throw new IllegalArgumentException(JOURNAL_DIR + " is required; set it or use LineageConfig.defaultJournalDir()");
        }
        this.journalDir = b.journalDir.toAbsolutePath().normalize();
        this.fsync = b.fsync;
        this.sink = b.sink;
        if (b.batchEvents < 1 || b.batchEvents > 10_000) {
            throw new IllegalArgumentException(BATCH_EVENTS + " must be 1..10000 (got " + b.batchEvents + ")");
        }
        this.batchEvents = b.batchEvents;
        if (b.retryInitialDelay.isNegative() || b.retryInitialDelay.isZero()
                || b.retryMaxDelay.compareTo(b.retryInitialDelay) < 0) {
            throw new IllegalArgumentException(RETRY_INITIAL_MS + " must be > 0 and <= " + RETRY_MAX_MS + " (got "
                    + b.retryInitialDelay.toMillis() + " and " + b.retryMaxDelay.toMillis() + ")");
        }
        this.retryInitialDelay = b.retryInitialDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.rescanInterval = b.rescanInterval;
        this.properties = Collections.unmodifiableMap(new TreeMap<>(b.properties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@code $DS_DATA_BASEDIR/lark/lineage} when DS's data basedir is known (env {@code DATA_BASEDIR_PATH} or
     * property {@code data.basedir.path}), else {@code ~/.cache/lark/lineage}.
     */
    public static Path defaultJournalDir(Map<String, String> env) {
        String ds = env.get("DATA_BASEDIR_PATH");
        if (ds == null) {
            ds = System.getProperty("data.basedir.path");
        }
        if (ds != null && !ds.trim().isEmpty()) {
            return Paths.get(ds, "lark", "lineage");
        }
        return Paths.get(System.getProperty("user.home"), ".cache", "lark", "lineage");
    }

    /**
     * Loads {@code file} (if it exists) then overlays {@code LARK_LINEAGE_*} environment variables.
     */
    public static LineageConfig load(Path file, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        if (file != null && Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return fromProperties(p, env);
    }

    public static LineageConfig fromProperties(Properties props, Map<String, String> env) {
        Map<String, String> all = new TreeMap<>();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith(PREFIX)) {
                all.put(k, props.getProperty(k).trim());
            }
        }
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey().startsWith("LARK_LINEAGE_")) {
                all.put(e.getKey().toLowerCase(Locale.ROOT).replace('_', '.')
                        .replace("lark.lineage.", PREFIX), e.getValue());
            }
        }
        // env keys lose camelCase: accept both spellings for the few camelCase keys
        copyAlias(all, "lark.lineage.retry.initialdelayms", RETRY_INITIAL_MS);
        copyAlias(all, "lark.lineage.retry.maxdelayms", RETRY_MAX_MS);
        copyAlias(all, "lark.lineage.journal.rescanms", RESCAN_MS);
        copyAlias(all, "lark.lineage.atlas.maxrequestbytes", "lark.lineage.atlas.maxRequestBytes");
        copyAlias(all, "lark.lineage.atlas.timeoutms", "lark.lineage.atlas.timeoutMs");
        copyAlias(all, "lark.lineage.openlineage.apikey", "lark.lineage.openlineage.apiKey");
        Builder b = builder().properties(all);
        b.enabled(Boolean.parseBoolean(all.getOrDefault(ENABLED, "true")));
        String dir = all.get(JOURNAL_DIR);
        b.journalDir(dir == null || dir.isEmpty() ? defaultJournalDir(env) : Paths.get(dir));
        b.fsync(FsyncPolicy.parse(all.getOrDefault(JOURNAL_FSYNC, FsyncPolicy.NEVER.name())));
        b.sink(all.getOrDefault(SINK, "atlas"));
        b.batchEvents(intValue(all, BATCH_EVENTS, 50));
        b.retryInitialDelay(Duration.ofMillis(intValue(all, RETRY_INITIAL_MS, 500)));
        b.retryMaxDelay(Duration.ofMillis(intValue(all, RETRY_MAX_MS, 60_000)));
        b.rescanInterval(Duration.ofMillis(intValue(all, RESCAN_MS, 5_000)));
        return b.build();
    }

    private static void copyAlias(Map<String, String> all, String lower, String key) {
        if (all.containsKey(lower) && !lower.equals(key)) {
            all.put(key, all.remove(lower));
        }
    }

    private static int intValue(Map<String, String> all, String key, int dflt) {
        String v = all.get(key);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer (got '" + v + "')");
        }
    }

    public boolean enabled() { return enabled; }
    public Path journalDir() { return journalDir; }
    public FsyncPolicy fsync() { return fsync; }
    /** Sink factory name: {@code atlas}, {@code log}, ... */
    public String sink() { return sink; }
    public int batchEvents() { return batchEvents; }
    public Duration retryInitialDelay() { return retryInitialDelay; }
    public Duration retryMaxDelay() { return retryMaxDelay; }
    public Duration rescanInterval() { return rescanInterval; }
    /** Every {@code lark.lineage.*} key, for sink factories. May hold secrets: never log. */
    public Map<String, String> properties() { return properties; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("LineageConfig{");
        properties.forEach((k, v) -> sb.append(k).append('=').append(isSecret(k) ? "******" : v).append(", "));
        return sb.append("journalDir=").append(journalDir).append('}').toString();
    }

    /** Keys whose values must never be printed. */
    public static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("token") || k.contains("jaas")
                || k.contains("credential") || k.contains("apikey");
    }

    public static final class Builder {
        private boolean enabled = true;
        private Path journalDir;
        private FsyncPolicy fsync = FsyncPolicy.NEVER;
        private String sink = "atlas";
        private int batchEvents = 50;
        private Duration retryInitialDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(60);
        private Duration rescanInterval = Duration.ofSeconds(5);
        private Map<String, String> properties = new TreeMap<>();

        public Builder enabled(boolean v) { this.enabled = v; return this; }
        public Builder journalDir(Path v) { this.journalDir = v; return this; }
        public Builder fsync(FsyncPolicy v) { this.fsync = v; return this; }
        public Builder sink(String v) { this.sink = v; return this; }
        public Builder batchEvents(int v) { this.batchEvents = v; return this; }
        public Builder retryInitialDelay(Duration v) { this.retryInitialDelay = v; return this; }
        public Builder retryMaxDelay(Duration v) { this.retryMaxDelay = v; return this; }
        public Builder rescanInterval(Duration v) { this.rescanInterval = v; return this; }
        public Builder properties(Map<String, String> v) { this.properties = new TreeMap<>(v); return this; }
        public Builder property(String k, String v) { this.properties.put(k, v); return this; }

        public LineageConfig build() {
            return new LineageConfig(this);
        }
    }
}
