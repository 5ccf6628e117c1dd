package dev.lark.clean.job;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.Secrets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a cleaning run reads, writes and puts its failed records: immutable, validated by {@link Builder#build()}.
 * Field names are those of LARK_CLEAN's {@code taskParams} (and, in kebab case, of {@code lark clean run}'s options),
 * so an error names the field the user typed.
 *
 * <p>Endpoints that a caller resolves late (the JDBC source's {@link JdbcEndpoint}, the ClickHouse URL when DS
 * resolves a datasource) are checked when the run opens them ({@link CleanJobs}), not here.
 */
public final class CleanJobSpec {
    /** Where raw records come from. */
    public enum SourceType { KAFKA, FILE, JDBC }

    /** Where cleaned records go. */
    public enum SinkType { KAFKA, CLICKHOUSE, FILE }

    /**
     * How a ClickHouse sink publishes: APPEND adds the run's rows; REPLACE_PARTITIONS replaces each partition the
     * run wrote (by default one per day of the time field), so a re-run of the same day leaves no duplicates.
     */
    public enum WriteMode { APPEND, REPLACE_PARTITIONS }

    /** Where failed records go; NONE only counts them. */
    public enum DeadLetterType { KAFKA, FILE, NONE }

    public static final int DEFAULT_BATCH_SIZE = 10_000;

    private final SourceType sourceType;
    private final String kafkaBootstrapServers;
    private final String sourceTopic;
    private final String startOffsets;
    private final String consumerGroup;
    private final String inputPath;
    private final JdbcEndpoint jdbc;
    private final String jdbcQuery;
    private final String jdbcColumn;
    private final SinkType sinkType;
    private final String sinkTopic;
    private final String clickhouseUrl;
    private final String clickhouseUser;
    private final String clickhousePassword;
    private final String clickhouseTable;
    private final boolean createTable;
    private final WriteMode writeMode;
    private final String outputPath;
    private final DeadLetterType deadLetterType;
    private final String deadLetterTopic;
    private final String deadLetterPath;
    private final int batchSize;

    private CleanJobSpec(Builder b, SourceType source, SinkType sink, WriteMode mode, DeadLetterType dead) {
        this.sourceType = source;
        this.kafkaBootstrapServers = blankToNull(b.kafkaBootstrapServers);
        this.sourceTopic = blankToNull(b.sourceTopic);
        this.startOffsets = b.startOffsets == null || b.startOffsets.isBlank() ? "earliest" : b.startOffsets.trim();
        this.consumerGroup = blankToNull(b.consumerGroup);
        this.inputPath = blankToNull(b.inputPath);
        this.jdbc = b.jdbc;
        this.jdbcQuery = blankToNull(b.jdbcQuery);
        this.jdbcColumn = blankToNull(b.jdbcColumn);
        this.sinkType = sink;
        this.sinkTopic = blankToNull(b.sinkTopic);
        this.clickhouseUrl = blankToNull(b.clickhouseUrl);
        this.clickhouseUser = blankToNull(b.clickhouseUser);
        this.clickhousePassword = b.clickhousePassword;
        this.clickhouseTable = blankToNull(b.clickhouseTable);
        this.createTable = b.createTable;
        this.writeMode = mode;
        this.outputPath = blankToNull(b.outputPath);
        this.deadLetterType = dead;
        this.deadLetterTopic = blankToNull(b.deadLetterTopic);
        this.deadLetterPath = blankToNull(b.deadLetterPath);
        this.batchSize = b.batchSize;
        Secrets.register(clickhousePassword);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Parses a type name case-insensitively; an unknown one is a {@link ConfigException} listing the choices. */
    public static <E extends Enum<E>> E parseType(String field, String value, Class<E> type) {
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toList());
        if (value == null || value.isBlank()) {
            throw ConfigException.missing(field, "use one of " + names);
        }
        String u = value.trim().toUpperCase(Locale.ROOT);
        if (!names.contains(u)) {
            throw ConfigException.unknown(field, value, names);
        }
        return Enum.valueOf(type, u);
    }

    public SourceType sourceType() { return sourceType; }
    public String kafkaBootstrapServers() { return kafkaBootstrapServers; }
    public String sourceTopic() { return sourceTopic; }
    /** {@code earliest}, {@code committed} or {@code partition:offset,...}. */
    public String startOffsets() { return startOffsets; }
    public String consumerGroup() { return consumerGroup; }
    /** A file, or {@code -} for standard input. */
    public String inputPath() { return inputPath; }
    /** The JDBC source's database; null until the caller resolved it. */
    public JdbcEndpoint jdbc() { return jdbc; }
    public String jdbcQuery() { return jdbcQuery; }
    public String jdbcColumn() { return jdbcColumn; }
    public SinkType sinkType() { return sinkType; }
    public String sinkTopic() { return sinkTopic; }
    public String clickhouseUrl() { return clickhouseUrl; }
    public String clickhouseUser() { return clickhouseUser; }
    /** The clear-text password: for the client only, never for a log. */
    public String clickhousePassword() { return clickhousePassword; }
    public String clickhouseTable() { return clickhouseTable; }
    public boolean createTable() { return createTable; }
    public WriteMode writeMode() { return writeMode; }
    public String outputPath() { return outputPath; }
    public DeadLetterType deadLetterType() { return deadLetterType; }
    public String deadLetterTopic() { return deadLetterTopic; }
    public String deadLetterPath() { return deadLetterPath; }
    public int batchSize() { return batchSize; }

    @Override
    public String toString() {
        return "CleanJobSpec{" + sourceType + " -> " + sinkType + " (" + writeMode + "), dead letters " + deadLetterType + ", batchSize=" + batchSize + '}';
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Collects the fields; {@link #build()} checks that each source/sink/dead-letter type has what it needs. */
    public static final class Builder {
        private String sourceType;
        private String kafkaBootstrapServers;
        private String sourceTopic;
        private String startOffsets;
        private String consumerGroup;
        private String inputPath;
        private JdbcEndpoint jdbc;
        private String jdbcQuery;
        private String jdbcColumn;
        private String sinkType;
        private String sinkTopic;
        private String clickhouseUrl;
        private String clickhouseUser;
        private String clickhousePassword;
        private String clickhouseTable;
        private boolean createTable = true;
        private String writeMode;
        private String outputPath;
        private String deadLetterType;
        private String deadLetterTopic;
        private String deadLetterPath;
        private int batchSize = DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        public Builder sourceType(String v) { this.sourceType = v; return this; }
        public Builder kafkaBootstrapServers(String v) { this.kafkaBootstrapServers = v; return this; }
        public Builder sourceTopic(String v) { this.sourceTopic = v; return this; }
        public Builder startOffsets(String v) { this.startOffsets = v; return this; }
        public Builder consumerGroup(String v) { this.consumerGroup = v; return this; }
        public Builder inputPath(String v) { this.inputPath = v; return this; }
        public Builder jdbc(JdbcEndpoint v) { this.jdbc = v; return this; }
        public Builder jdbcQuery(String v) { this.jdbcQuery = v; return this; }
        public Builder jdbcColumn(String v) { this.jdbcColumn = v; return this; }
        public Builder sinkType(String v) { this.sinkType = v; return this; }
        public Builder sinkTopic(String v) { this.sinkTopic = v; return this; }
        public Builder clickhouseUrl(String v) { this.clickhouseUrl = v; return this; }
        public Builder clickhouseUser(String v) { this.clickhouseUser = v; return this; }
        public Builder clickhousePassword(String v) { this.clickhousePassword = v; return this; }
        public Builder clickhouseTable(String v) { this.clickhouseTable = v; return this; }
        public Builder createTable(boolean v) { this.createTable = v; return this; }
        public Builder writeMode(String v) { this.writeMode = v; return this; }
        public Builder outputPath(String v) { this.outputPath = v; return this; }
        public Builder deadLetterType(String v) { this.deadLetterType = v; return this; }
        public Builder deadLetterTopic(String v) { this.deadLetterTopic = v; return this; }
        public Builder deadLetterPath(String v) { this.deadLetterPath = v; return this; }
        public Builder batchSize(int v) { this.batchSize = v; return this; }

        /** Validates and builds; the first problem is a {@link ConfigException} naming the field and the fix. */
        public CleanJobSpec build() {
            SourceType src = parseType("sourceType", sourceType, SourceType.class);
            switch (src) {
                case KAFKA:
                    require("kafkaBootstrapServers", kafkaBootstrapServers, "host:9092");
                    require("sourceTopic", sourceTopic, "the topic to clean");
                    break;
                case FILE:
                    require("inputPath", inputPath, "a file on the worker, one record per line");
                    break;
                default:
                    require("jdbcQuery", jdbcQuery, "SELECT payload FROM events WHERE dt = '${dt}'");
            }
            if (startOffsets != null && !startOffsets.isBlank()) {
                checkStartOffsets(startOffsets.trim(), consumerGroup);
            }
            SinkType sink = parseType("sinkType", sinkType, SinkType.class);
            switch (sink) {
                case KAFKA:
                    require("kafkaBootstrapServers", kafkaBootstrapServers, "host:9092");
                    require("sinkTopic", sinkTopic, "the topic for cleaned records");
                    break;
                case CLICKHOUSE:
                    require("clickhouseTable", clickhouseTable, "database.table");
                    break;
                default:
                    require("outputPath", outputPath, "a file on the worker for JSON lines");
            }
            WriteMode mode = parseType("writeMode", writeMode == null || writeMode.isBlank() ? "APPEND" : writeMode, WriteMode.class);
            if (mode == WriteMode.REPLACE_PARTITIONS && sink != SinkType.CLICKHOUSE) {
                throw ConfigException.invalid("writeMode", writeMode, "REPLACE_PARTITIONS needs sinkType CLICKHOUSE (a FILE output is"
                        + " always replaced as a whole; Kafka only appends): use APPEND");
            }
            DeadLetterType dead = parseType("deadLetterType", deadLetterType == null || deadLetterType.isBlank() ? "NONE" : deadLetterType,
                    DeadLetterType.class);
            if (dead == DeadLetterType.KAFKA) {
                require("kafkaBootstrapServers", kafkaBootstrapServers, "host:9092");
                require("deadLetterTopic", deadLetterTopic, "a topic for failed records");
            } else if (dead == DeadLetterType.FILE) {
                require("deadLetterPath", deadLetterPath, "a file on the worker for failed records");
            }
            if (batchSize <= 0) {
                throw ConfigException.invalid("batchSize", batchSize, "use a positive number of records per batch");
            }
            return new CleanJobSpec(this, src, sink, mode, dead);
        }

        private static void checkStartOffsets(String s, String group) {
            if (s.equals("earliest")) {
                return;
            }
            if (s.equals("committed")) {
                if (group == null || group.isBlank()) {
                    throw ConfigException.invalid("startOffsets", s, "\"committed\" needs a consumerGroup");
                }
                return;
            }
            if (!s.matches("\\s*\\d+\\s*:\\s*\\d+\\s*(,\\s*\\d+\\s*:\\s*\\d+\\s*)*")) {
                throw ConfigException.invalid("startOffsets", s, "use earliest, committed or partition:offset,partition:offset");
            }
        }

        private static void require(String field, String v, String example) {
            if (v == null || v.isBlank()) {
                throw ConfigException.missing(field, "e.g. " + example);
            }
        }
    }
}
