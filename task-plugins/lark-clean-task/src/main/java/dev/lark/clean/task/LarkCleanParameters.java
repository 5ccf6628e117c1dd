package dev.lark.clean.task;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.ConfigProblem;
import dev.lark.engine.common.ConfigException;
import dev.lark.task.common.LarkParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * taskParams of LARK_CLEAN. {@code config} is the cleaning config (JSON or YAML text, see docs/tasks/lark-clean.md);
 * the rest says where records come from ({@code sourceType} KAFKA / FILE / JDBC), where they go ({@code sinkType}
 * KAFKA / CLICKHOUSE / FILE) and where failed records go ({@code deadLetterType} KAFKA / FILE / NONE).
 */
public class LarkCleanParameters extends LarkParameters {
    static final Set<String> SOURCES = Set.of("KAFKA", "FILE", "JDBC");
    static final Set<String> SINKS = Set.of("KAFKA", "CLICKHOUSE", "FILE");
    static final Set<String> DEAD_LETTERS = Set.of("KAFKA", "FILE", "NONE");

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
    private String outputPath;
    private String deadLetterType = "NONE";
    private String deadLetterTopic;
    private String deadLetterPath;
    private int batchSize = 10_000;

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
        String src = upper("sourceType", sourceType, SOURCES);
        if (src.equals("KAFKA")) {
            require("kafkaBootstrapServers", kafkaBootstrapServers, "host:9092");
            require("sourceTopic", sourceTopic, "the topic to clean");
        } else if (src.equals("FILE")) {
            require("inputPath", inputPath, "a file on the worker, one record per line");
        } else {
            if (jdbcDatasource <= 0) {
                throw ConfigException.missing("jdbcDatasource", "choose the DS datasource to query");
            }
            require("jdbcQuery", jdbcQuery, "SELECT payload FROM events WHERE dt = '${dt}'");
        }
        String sink = upper("sinkType", sinkType, SINKS);
        if (sink.equals("KAFKA")) {
            require("kafkaBootstrapServers", kafkaBootstrapServers, "host:9092");
            require("sinkTopic", sinkTopic, "the topic for cleaned records");
        } else if (sink.equals("CLICKHOUSE")) {
            if (clickhouseDatasource <= 0 && (clickhouseUrl == null || clickhouseUrl.isBlank())) {
                throw ConfigException.missing("clickhouseDatasource", "choose a CLICKHOUSE DS datasource or give clickhouseUrl");
            }
            require("clickhouseTable", clickhouseTable, "database.table");
        } else {
            require("outputPath", outputPath, "a file on the worker for JSON lines");
        }
        String dl = upper("deadLetterType", deadLetterType == null ? "NONE" : deadLetterType, DEAD_LETTERS);
        if (dl.equals("KAFKA")) {
            require("kafkaBootstrapServers", kafkaBootstrapServers, "host:9092");
            require("deadLetterTopic", deadLetterTopic, "a topic for failed records");
        } else if (dl.equals("FILE")) {
            require("deadLetterPath", deadLetterPath, "a file on the worker for failed records");
        }
        if (batchSize <= 0) {
            throw ConfigException.invalid("batchSize", batchSize, "use a positive number of records per batch");
        }
    }

    private static String upper(String field, String v, Set<String> allowed) {
        if (v == null || v.isBlank()) {
            throw ConfigException.missing(field, "use one of " + allowed);
        }
        String u = v.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(u)) {
            throw ConfigException.unknown(field, v, allowed);
        }
        return u;
    }

    private static void require(String field, String v, String example) {
        if (v == null || v.isBlank()) {
            throw ConfigException.missing(field, "e.g. " + example);
        }
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
