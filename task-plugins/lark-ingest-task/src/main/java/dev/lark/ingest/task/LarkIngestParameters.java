package dev.lark.ingest.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.IngestJob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code LARK_INGEST} task parameters. Either a DataX job ({@code customConfig: 1, json: "..."}) or the form: source
 * and target DS datasources (by id: DS keeps the passwords) with table, columns, where, splitPk, incremental column,
 * write mode, channels and limits.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class LarkIngestParameters extends CustomConfigParameters {
    static final Set<String> WRITE_MODES = Set.of("insert", "replace", "update", "overwrite", "replacePartitions");

    private int sourceDatasource;
    private String sourceTable;
    private String querySql;
    private String columns;
    private String where;
    private String splitPk;
    private String incrementalColumn;
    private String startWatermark;
    private int targetDatasource;
    private String targetTable;
    private String targetColumns;
    private String writeMode = "insert";
    private int channels = 1;
    private long byteLimit;
    private long recordLimit;
    private long errorRecordLimit = -1;
    private double errorPercentage = -1;
    private String deadLetterTable;
    private List<String> preSql = new ArrayList<>();
    private List<String> postSql = new ArrayList<>();
    private int batchSize;

    @Override
    String missingJsonFix() {
        return "paste the DataX job JSON or switch customConfig to 0";
    }

    @Override
    void validateJson(String json) {
        IngestJob.parse(json); // names unknown plugins/parameters and lists the supported ones
    }

    @Override
    void validateForm() {
        if (getCustomConfig() != 0) {
            throw ConfigException.invalid("customConfig", getCustomConfig(), "use 0 (form) or 1 (DataX JSON)");
        }
        if (sourceDatasource <= 0) {
            throw ConfigException.missing("sourceDatasource", "choose the source DS datasource");
        }
        if (targetDatasource <= 0) {
            throw ConfigException.missing("targetDatasource", "choose the target DS datasource");
        }
        if (blank(sourceTable) && blank(querySql)) {
            throw ConfigException.missing("sourceTable", "name the source table (or give querySql)");
        }
        if (!blank(querySql) && (!blank(splitPk) || !blank(incrementalColumn))) {
            throw ConfigException.invalid(blank(splitPk) ? "incrementalColumn" : "splitPk", blank(splitPk)
                    ? incrementalColumn : splitPk, "splitPk and incrementalColumn need sourceTable, not querySql");
        }
        if (blank(targetTable)) {
            throw ConfigException.missing("targetTable", "name the target table");
        }
        if (channels < 1 || channels > 64) {
            throw ConfigException.invalid("channels", channels, "use 1 to 64");
        }
        boolean known = false;
        for (String m : WRITE_MODES) {
            known |= m.equalsIgnoreCase(writeMode);
        }
        if (!known) {
            throw ConfigException.unknown("writeMode", writeMode, WRITE_MODES);
        }
        if (errorPercentage > 1) {
            throw ConfigException.invalid("errorPercentage", errorPercentage, "give a fraction 0..1 (0.02 = 2%)");
        }
    }

    @Override
    int sourceDatasourceId() {
        return sourceDatasource;
    }

    @Override
    int targetDatasourceId() {
        return targetDatasource;
    }

    static boolean blank(String s) {
        return s == null || s.trim().isEmpty();
    }

    static List<String> list(String csv) {
        if (blank(csv)) {
            return List.of();
        }
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(
                Collectors.toList());
    }

    String writeModeNormalized() {
        String m = writeMode == null ? "insert" : writeMode.toLowerCase(Locale.ROOT);
        return m.equals("replacepartitions") ? "replacePartitions" : m;
    }

    public int getSourceDatasource() {
        return sourceDatasource;
    }

    public void setSourceDatasource(int sourceDatasource) {
        this.sourceDatasource = sourceDatasource;
    }

    public String getSourceTable() {
        return sourceTable;
    }

    public void setSourceTable(String sourceTable) {
        this.sourceTable = sourceTable;
    }

    public String getQuerySql() {
        return querySql;
    }

    public void setQuerySql(String querySql) {
        this.querySql = querySql;
    }

    public String getColumns() {
        return columns;
    }

    public void setColumns(String columns) {
        this.columns = columns;
    }

    public String getWhere() {
        return where;
    }

    public void setWhere(String where) {
        this.where = where;
    }

    public String getSplitPk() {
        return splitPk;
    }

    public void setSplitPk(String splitPk) {
        this.splitPk = splitPk;
    }

    public String getIncrementalColumn() {
        return incrementalColumn;
    }

    public void setIncrementalColumn(String incrementalColumn) {
        this.incrementalColumn = incrementalColumn;
    }

    public String getStartWatermark() {
        return startWatermark;
    }

    public void setStartWatermark(String startWatermark) {
        this.startWatermark = startWatermark;
    }

    public int getTargetDatasource() {
        return targetDatasource;
    }

    public void setTargetDatasource(int targetDatasource) {
        this.targetDatasource = targetDatasource;
    }

    public String getTargetTable() {
        return targetTable;
    }

    public void setTargetTable(String targetTable) {
        this.targetTable = targetTable;
    }

    public String getTargetColumns() {
        return targetColumns;
    }

    public void setTargetColumns(String targetColumns) {
        this.targetColumns = targetColumns;
    }

    public String getWriteMode() {
        return writeMode;
    }

    public void setWriteMode(String writeMode) {
        this.writeMode = writeMode;
    }

    public int getChannels() {
        return channels;
    }

    public void setChannels(int channels) {
        this.channels = channels;
    }

    public long getByteLimit() {
        return byteLimit;
    }

    public void setByteLimit(long byteLimit) {
        this.byteLimit = byteLimit;
    }

    public long getRecordLimit() {
        return recordLimit;
    }

    public void setRecordLimit(long recordLimit) {
        this.recordLimit = recordLimit;
    }

    public long getErrorRecordLimit() {
        return errorRecordLimit;
    }

    public void setErrorRecordLimit(long errorRecordLimit) {
        this.errorRecordLimit = errorRecordLimit;
    }

    public double getErrorPercentage() {
        return errorPercentage;
    }

    public void setErrorPercentage(double errorPercentage) {
        this.errorPercentage = errorPercentage;
    }

    public String getDeadLetterTable() {
        return deadLetterTable;
    }

    public void setDeadLetterTable(String deadLetterTable) {
        this.deadLetterTable = deadLetterTable;
    }

    public List<String> getPreSql() {
        return preSql;
    }

    public void setPreSql(List<String> preSql) {
        this.preSql = preSql;
    }

    public List<String> getPostSql() {
        return postSql;
    }

    public void setPostSql(List<String> postSql) {
        this.postSql = postSql;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }
}
