package dev.lark.clean.task;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.ConfigProblem;
import dev.lark.clean.flink.submit.CleanStreamSubmission;
import dev.lark.clean.job.CleanJobSpec;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.task.common.LarkParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * taskParams of LARK_CLEAN. {@code config} is the cleaning config (JSON or YAML text, see docs/tasks/lark-clean.md);
 * the rest says where records come from ({@code sourceType} KAFKA / FILE / JDBC), where they go ({@code sinkType}
 * KAFKA / CLICKHOUSE / FILE) and where failed records go ({@code deadLetterType} KAFKA / FILE / NONE). All but the DS
 * datasource ids map one to one onto the DS-free {@link CleanJobSpec} ({@link #toSpec}), which validates them.
 * {@code mode} STREAM runs the same config as a Flink job (Kafka to Kafka + dead-letter topic) on a session cluster:
 * {@code flinkRestUrl}, {@code flinkJobJar}, {@code flinkHome}, {@code parallelism}, {@code delivery}, {@code checkpointIntervalMs},
 * {@code savepointDir}, {@code restoreFrom} map onto the DS-free {@link CleanStreamSubmission} ({@link #toSubmission}).
 */
public class LarkCleanParameters extends LarkParameters {
    public static final String MODE_BATCH = "BATCH";
    public static final String MODE_STREAM = "STREAM";

    private String mode = MODE_BATCH;
    private String config;
    private String sourceType;
    private String kafkaBootstrapServers;
    private String sourceTopic;
    private String startOffsets = "earliest";
    private String consumerGroup;
    private String inputPath;
    private int jdbcDatasource;
    private String jdbcQuery;
    private String jdbcColumn;
    private String sinkType;
    private String sinkTopic;
    private int clickhouseDatasource;
    private String clickhouseUrl;
    private String clickhouseUser;
    private String clickhousePassword;
    private String clickhouseTable;
    private boolean createTable = true;
    private String writeMode;
    private String outputPath;
    private String deadLetterType = "NONE";
    private String deadLetterTopic;
    private String deadLetterPath;
    private int batchSize = CleanJobSpec.DEFAULT_BATCH_SIZE;
    // stream mode
    private String flinkRestUrl;
    private String flinkJobJar;
    private String flinkHome;
    private int parallelism = 1;
    private String delivery = "at-least-once";
    private long checkpointIntervalMs = 5000;
    private String savepointDir;
    private String restoreFrom = CleanStreamSubmission.RESTORE_LATEST;

    @Override
    public void validate() {
        if (config == null || config.isBlank()) {
            throw ConfigException.missing("config", "paste the cleaning config (JSON or YAML); try it with `lark clean debug` first");
        }
        CleanConfig parsed;
        try {
            parsed = CleanConfig.parse(config);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("config", "<cleaning config>", e.getMessage());
        }
        List<ConfigProblem> errors = CleanPlan.validate(parsed).stream()
                .filter(p -> p.severity() == ConfigProblem.Severity.ERROR).collect(Collectors.toList());
        if (!errors.isEmpty()) {
            throw ConfigException.invalid("config", "<cleaning config>", errors.stream().map(ConfigProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        if (isStream()) {
            toSubmission(false);
            return;
        }
        if (!MODE_BATCH.equalsIgnoreCase(trim(mode))) {
            throw ConfigException.unknown("mode", mode, List.of(MODE_BATCH, MODE_STREAM));
        }
        // DS-only fields first: which DS datasource the run resolves on the worker
        if ("JDBC".equalsIgnoreCase(trim(sourceType)) && jdbcDatasource <= 0) {
            throw ConfigException.missing("jdbcDatasource", "choose the DS datasource to query");
        }
        if ("CLICKHOUSE".equalsIgnoreCase(trim(sinkType)) && clickhouseDatasource <= 0 && (clickhouseUrl == null || clickhouseUrl.isBlank())) {
            throw ConfigException.missing("clickhouseDatasource", "choose a CLICKHOUSE DS datasource or give clickhouseUrl");
        }
        toSpec(null, null);
    }

    /** True for {@code mode} STREAM (a Flink job that runs until DS stops it). */
    @JsonIgnore
    public boolean isStream() {
        return MODE_STREAM.equalsIgnoreCase(trim(mode));
    }

    /**
     * The DS-free stream submission (validated, including the job's own arguments; a problem names the field).
     *
     * @param onWorker true on the worker, which must hold {@code flinkJobJar}; false on the API server
     */
    public CleanStreamSubmission toSubmission(boolean onWorker) {
        requireType("sourceType", sourceType);
        requireType("sinkType", sinkType);
        requireType("deadLetterType", deadLetterType);
        String offsets = trim(startOffsets).toLowerCase(Locale.ROOT);
        // a stream resumes: "earliest" (the default) means from the group's committed offsets, else the earliest
        String streamOffsets = offsets.isEmpty() || "earliest".equals(offsets) || "committed".equals(offsets) ? "committed"
                : "latest".equals(offsets) ? "latest" : null;
        if (streamOffsets == null) {
            throw ConfigException.unknown("startOffsets", startOffsets, List.of("earliest", "committed", "latest"));
        }
        return CleanStreamSubmission.builder().flinkRestUrl(flinkRestUrl).jobJar(flinkJobJar).parallelism(parallelism)
                .savepointDir(savepointDir).restoreFrom(restoreFrom).flinkHome(flinkHome).checkJarExists(onWorker)
                .arg("config", config).arg("bootstrap-servers", kafkaBootstrapServers).arg("source-topic", sourceTopic)
                .arg("group-id", consumerGroup).arg("starting-offsets", streamOffsets).arg("sink-topic", sinkTopic)
                .arg("dead-letter-topic", deadLetterTopic).arg("delivery", delivery)
                .arg("checkpoint-interval-ms", checkpointIntervalMs).build();
    }

    private static void requireType(String field, String value) {
        if (!"KAFKA".equalsIgnoreCase(trim(value))) {
            throw ConfigException.invalid(field, value, "mode STREAM reads and writes Kafka topics: set " + field
                    + " to KAFKA (or use mode BATCH)");
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /**
     * The DS-free job spec (validated; a problem names the taskParams field).
     *
     * @param jdbc the resolved {@code jdbcDatasource}, or null before the run (validation on the API server)
     * @param clickhouse the resolved {@code clickhouseDatasource}, or null to use clickhouseUrl/User/Password
     */
    public CleanJobSpec toSpec(JdbcEndpoint jdbc, JdbcEndpoint clickhouse) {
        CleanJobSpec.Builder b = CleanJobSpec.builder()
                .sourceType(sourceType).kafkaBootstrapServers(kafkaBootstrapServers).sourceTopic(sourceTopic)
                .startOffsets(startOffsets).consumerGroup(consumerGroup).inputPath(inputPath)
                .jdbc(jdbc).jdbcQuery(jdbcQuery).jdbcColumn(jdbcColumn)
                .sinkType(sinkType).sinkTopic(sinkTopic).clickhouseTable(clickhouseTable).createTable(createTable).writeMode(writeMode)
                .outputPath(outputPath)
                .deadLetterType(deadLetterType).deadLetterTopic(deadLetterTopic).deadLetterPath(deadLetterPath)
                .batchSize(batchSize);
        if (clickhouse != null) {
            b.clickhouseUrl(clickhouse.jdbcUrl()).clickhouseUser(clickhouse.user()).clickhousePassword(clickhouse.password());
        } else {
            b.clickhouseUrl(clickhouseUrl).clickhouseUser(clickhouseUser).clickhousePassword(clickhousePassword);
        }
        return b.build();
    }

    @Override
    @JsonIgnore
    public List<Integer> datasourceIds() {
        List<Integer> ids = new ArrayList<>();
        if (jdbcDatasource > 0) {
            ids.add(jdbcDatasource);
        }
        if (clickhouseDatasource > 0) {
            ids.add(clickhouseDatasource);
        }
        return ids;
    }

    public String getMode() { return mode; }
    public void setMode(String mode) { this.mode = mode; }
    public String getFlinkRestUrl() { return flinkRestUrl; }
    public void setFlinkRestUrl(String flinkRestUrl) { this.flinkRestUrl = flinkRestUrl; }
    public String getFlinkJobJar() { return flinkJobJar; }
    public void setFlinkJobJar(String flinkJobJar) { this.flinkJobJar = flinkJobJar; }
    public String getFlinkHome() { return flinkHome; }
    public void setFlinkHome(String flinkHome) { this.flinkHome = flinkHome; }
    public int getParallelism() { return parallelism; }
    public void setParallelism(int parallelism) { this.parallelism = parallelism; }
    public String getDelivery() { return delivery; }
    public void setDelivery(String delivery) { this.delivery = delivery; }
    public long getCheckpointIntervalMs() { return checkpointIntervalMs; }
    public void setCheckpointIntervalMs(long checkpointIntervalMs) { this.checkpointIntervalMs = checkpointIntervalMs; }
    public String getSavepointDir() { return savepointDir; }
    public void setSavepointDir(String savepointDir) { this.savepointDir = savepointDir; }
    public String getRestoreFrom() { return restoreFrom; }
    public void setRestoreFrom(String restoreFrom) { this.restoreFrom = restoreFrom; }
    public String getConfig() { return config; }
    public void setConfig(String config) { this.config = config; }
    public String getSourceType() { return sourceType; }
    public void setSourceType(String sourceType) { this.sourceType = sourceType; }
    public String getKafkaBootstrapServers() { return kafkaBootstrapServers; }
    public void setKafkaBootstrapServers(String v) { this.kafkaBootstrapServers = v; }
    public String getSourceTopic() { return sourceTopic; }
    public void setSourceTopic(String sourceTopic) { this.sourceTopic = sourceTopic; }
    public String getStartOffsets() { return startOffsets; }
    public void setStartOffsets(String startOffsets) { this.startOffsets = startOffsets; }
    public String getConsumerGroup() { return consumerGroup; }
    public void setConsumerGroup(String consumerGroup) { this.consumerGroup = consumerGroup; }
    public String getInputPath() { return inputPath; }
    public void setInputPath(String inputPath) { this.inputPath = inputPath; }
    public int getJdbcDatasource() { return jdbcDatasource; }
    public void setJdbcDatasource(int jdbcDatasource) { this.jdbcDatasource = jdbcDatasource; }
    public String getJdbcQuery() { return jdbcQuery; }
    public void setJdbcQuery(String jdbcQuery) { this.jdbcQuery = jdbcQuery; }
    public String getJdbcColumn() { return jdbcColumn; }
    public void setJdbcColumn(String jdbcColumn) { this.jdbcColumn = jdbcColumn; }
    public String getSinkType() { return sinkType; }
    public void setSinkType(String sinkType) { this.sinkType = sinkType; }
    public String getSinkTopic() { return sinkTopic; }
    public void setSinkTopic(String sinkTopic) { this.sinkTopic = sinkTopic; }
    public int getClickhouseDatasource() { return clickhouseDatasource; }
    public void setClickhouseDatasource(int v) { this.clickhouseDatasource = v; }
    public String getClickhouseUrl() { return clickhouseUrl; }
    public void setClickhouseUrl(String clickhouseUrl) { this.clickhouseUrl = clickhouseUrl; }
    public String getClickhouseUser() { return clickhouseUser; }
    public void setClickhouseUser(String clickhouseUser) { this.clickhouseUser = clickhouseUser; }
    public String getClickhousePassword() { return clickhousePassword; }
    public void setClickhousePassword(String clickhousePassword) { this.clickhousePassword = clickhousePassword; }
    public String getClickhouseTable() { return clickhouseTable; }
    public void setClickhouseTable(String clickhouseTable) { this.clickhouseTable = clickhouseTable; }
    public boolean isCreateTable() { return createTable; }
    public void setCreateTable(boolean createTable) { this.createTable = createTable; }
    public String getWriteMode() { return writeMode; }
    public void setWriteMode(String writeMode) { this.writeMode = writeMode; }
    public String getOutputPath() { return outputPath; }
    public void setOutputPath(String outputPath) { this.outputPath = outputPath; }
    public String getDeadLetterType() { return deadLetterType; }
    public void setDeadLetterType(String deadLetterType) { this.deadLetterType = deadLetterType; }
    public String getDeadLetterTopic() { return deadLetterTopic; }
    public void setDeadLetterTopic(String deadLetterTopic) { this.deadLetterTopic = deadLetterTopic; }
    public String getDeadLetterPath() { return deadLetterPath; }
    public void setDeadLetterPath(String deadLetterPath) { this.deadLetterPath = deadLetterPath; }
    public int getBatchSize() { return batchSize; }
    public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
}
