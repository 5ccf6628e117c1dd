package dev.lark.lineage.atlas;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Atlas connection and mapping settings ({@code lark.lineage.atlas.*}). The password is kept only here and in the
 * Authorization header; {@link #toString()} masks it.
 */
public final class AtlasSinkConfig {
    public static final String URL = "lark.lineage.atlas.url";
    public static final String USER = "lark.lineage.atlas.user";
    public static final String PASSWORD = "lark.lineage.atlas.password";
    public static final String NAMESPACE = "lark.lineage.atlas.namespace";
    public static final String BATCH_ENTITIES = "lark.lineage.atlas.batch.entities";
    public static final String MAX_REQUEST_BYTES = "lark.lineage.atlas.maxRequestBytes";
    public static final String DQ_HISTORY = "lark.lineage.atlas.dq.history";
    public static final String TIMEOUT_MS = "lark.lineage.atlas.timeoutMs";

    private final URI url;
    private final String user;
    private final String password;
    private final String namespace;
    private final int batchEntities;
    private final int maxRequestBytes;
    private final int dqHistory;
    private final Duration timeout;

    private AtlasSinkConfig(Builder b) {
        if (b.url == null || b.url.trim().isEmpty()) {
            throw new IllegalArgumentException(URL + " is required, e.g. http://127.0.0.1:21000");
        }
        String u = b.url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        try {
            this.url = URI.create(u);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(URL + " is not a URL (got '" + u + "'), e.g. http://127.0.0.1:21000");
        }
        if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getUserInfo() != null) {
            throw new IllegalArgumentException(URL + " must be http(s)://host:port without credentials (got '"
                    + url.getScheme() + "://" + url.getHost() + "...'); put the user in " + USER);
        }
        if (b.user == null || b.user.isEmpty() || b.password == null) {
            throw new IllegalArgumentException(USER + " and " + PASSWORD + " are required (password may come from"
                    + " env LARK_LINEAGE_ATLAS_PASSWORD)");
        }
        this.user = b.user;
        this.password = b.password;
        if (b.namespace == null || b.namespace.isEmpty() || b.namespace.contains("@")) {
            throw new IllegalArgumentException(NAMESPACE + " must be a plain name (got '" + b.namespace + "')");
        }
        this.namespace = b.namespace;
        if (b.batchEntities < 1) {
            throw new IllegalArgumentException(BATCH_ENTITIES + " must be >= 1 (got " + b.batchEntities + ")");
        }
        this.batchEntities = b.batchEntities;
        if (b.maxRequestBytes < 4096) {
            throw new IllegalArgumentException(MAX_REQUEST_BYTES + " must be >= 4096 (got " + b.maxRequestBytes + ")");
        }
        this.maxRequestBytes = b.maxRequestBytes;
        if (b.dqHistory < 1) {
            throw new IllegalArgumentException(DQ_HISTORY + " must be >= 1 (got " + b.dqHistory + ")");
        }
        this.dqHistory = b.dqHistory;
        this.timeout = b.timeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static AtlasSinkConfig fromProperties(Map<String, String> p) {
        return builder().url(p.get(URL)).user(p.getOrDefault(USER, "admin")).password(p.get(PASSWORD))
                .namespace(p.getOrDefault(NAMESPACE, "primary"))
                .batchEntities(intOf(p, BATCH_ENTITIES, 500))
                .maxRequestBytes(intOf(p, MAX_REQUEST_BYTES, 1024 * 1024))
                .dqHistory(intOf(p, DQ_HISTORY, 10))
                .timeout(Duration.ofMillis(intOf(p, TIMEOUT_MS, 60_000)))
                .build();
    }

    private static int intOf(Map<String, String> p, String key, int dflt) {
        String v = p.get(key);
        if (v == null || v.trim().isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer (got '" + v + "')");
        }
    }

    public URI url() { return url; }
    public String user() { return user; }
    String password() { return password; }
    /** Atlas metadata namespace of this DS installation (suffix of DS entity names). */
    public String namespace() { return namespace; }
    /** At most this many entities per bulk request. */
    public int batchEntities() { return batchEntities; }
    /** Bulk requests are split so no body exceeds this (Atlas/Kafka message limits). */
    public int maxRequestBytes() { return maxRequestBytes; }
    /** Check-run entities kept per data-quality rule. */
    public int dqHistory() { return dqHistory; }
    public Duration timeout() { return timeout; }

    @Override
    public String toString() {
        return "AtlasSinkConfig{url=" + url + ", user=" + user + ", password=******, namespace=" + namespace
                + ", batchEntities=" + batchEntities + ", maxRequestBytes=" + maxRequestBytes + ", dqHistory="
                + dqHistory + "}";
    }

    public static final class Builder {
        private String url;
        private String user = "admin";
        private String password;
        private String namespace = "primary";
        private int batchEntities = 500;
        private int maxRequestBytes = 1024 * 1024;
        private int dqHistory = 10;
        private Duration timeout = Duration.ofSeconds(60);

        public Builder url(String v) { this.url = v; return this; }
        public Builder user(String v) { this.user = v; return this; }
        public Builder password(String v) { this.password = v; return this; }
        public Builder namespace(String v) { this.namespace = v; return this; }
        public Builder batchEntities(int v) { this.batchEntities = v; return this; }
        public Builder maxRequestBytes(int v) { this.maxRequestBytes = v; return this; }
        public Builder dqHistory(int v) { this.dqHistory = v; return this; }
        public Builder timeout(Duration v) { this.timeout = v; return this; }

        public AtlasSinkConfig build() {
            return new AtlasSinkConfig(this);
        }
    }
}
