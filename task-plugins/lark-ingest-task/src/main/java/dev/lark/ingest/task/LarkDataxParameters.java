package dev.lark.ingest.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.job.JobSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.dolphinscheduler.plugin.task.api.model.ResourceInfo;

/**
 * The stock DS 3.1.1 {@code DATAX} form's {@code taskParams}, unchanged ({@code customConfig, json, dsType,
 * dataSource, dtType, dataTarget, sql, targetTable, preStatements, postStatements, jobSpeedByte, jobSpeedRecord, xms,
 * xmx, resourceList}), plus optional Lark fields the stock UI never sends: {@code channel} (form mode; the stock task
 * hard-codes 1) and {@code errorLimitRecord} (the stock task hard-codes 0).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public class LarkDataxParameters extends CustomConfigParameters {
    private String dsType;
    private int dataSource;
    private String dtType;
    private int dataTarget;
    private String sql;
    private String targetTable;
    private List<String> preStatements = new ArrayList<>();
    private List<String> postStatements = new ArrayList<>();
    private int jobSpeedByte;
    private int jobSpeedRecord;
    private int xms;
    private int xmx;
    private List<ResourceInfo> resourceList = new ArrayList<>();
    private int channel = 1;
    private long errorLimitRecord;

    @Override
    String missingJsonFix() {
        return "paste the DataX job JSON";
    }

    @Override
    void validateJson(String json) {
        try {
            JobSpec.from(new ObjectMapper().readTree(json));
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigException("json", null, "is not valid JSON (" + e.getMessage() + ")",
                    "fix the DataX job JSON");
        }
    }

    @Override
    void validateForm() {
        if (dataSource <= 0) {
            throw ConfigException.missing("dataSource", "choose the source datasource");
        }
        if (dataTarget <= 0) {
            throw ConfigException.missing("dataTarget", "choose the target datasource");
        }
        if (sql == null || sql.trim().isEmpty()) {
            throw ConfigException.missing("sql", "give the SELECT that reads the source");
        }
        if (targetTable == null || targetTable.trim().isEmpty()) {
            throw ConfigException.missing("targetTable", "name the target table");
        }
        if (channel < 1) {
            throw ConfigException.invalid("channel", channel, "use a positive integer");
        }
    }

    @Override
    int sourceDatasourceId() {
        return dataSource;
    }

    @Override
    int targetDatasourceId() {
        return dataTarget;
    }

    @Override
    public List<ResourceInfo> getResourceFilesList() {
        return resourceList;
    }

    public String getDsType() {
        return dsType;
    }

    public void setDsType(String dsType) {
        this.dsType = dsType;
    }

    public int getDataSource() {
        return dataSource;
    }

    public void setDataSource(int dataSource) {
        this.dataSource = dataSource;
    }

    public String getDtType() {
        return dtType;
    }

    public void setDtType(String dtType) {
        this.dtType = dtType;
    }

    public int getDataTarget() {
        return dataTarget;
    }

    public void setDataTarget(int dataTarget) {
        this.dataTarget = dataTarget;
    }

    public String getSql() {
        return sql;
    }

    public void setSql(String sql) {
        this.sql = sql;
    }

    public String getTargetTable() {
        return targetTable;
    }

    public void setTargetTable(String targetTable) {
        this.targetTable = targetTable;
    }

    public List<String> getPreStatements() {
        return preStatements;
    }

    public void setPreStatements(List<String> preStatements) {
        this.preStatements = preStatements;
    }

    public List<String> getPostStatements() {
        return postStatements;
    }

    public void setPostStatements(List<String> postStatements) {
        this.postStatements = postStatements;
    }

    public int getJobSpeedByte() {
        return jobSpeedByte;
    }

    public void setJobSpeedByte(int jobSpeedByte) {
        this.jobSpeedByte = jobSpeedByte;
    }

    public int getJobSpeedRecord() {
        return jobSpeedRecord;
    }

    public void setJobSpeedRecord(int jobSpeedRecord) {
        this.jobSpeedRecord = jobSpeedRecord;
    }

    public int getXms() {
        return xms;
    }

    public void setXms(int xms) {
        this.xms = xms;
    }

    public int getXmx() {
        return xmx;
    }

    public void setXmx(int xmx) {
        this.xmx = xmx;
    }

    public List<ResourceInfo> getResourceList() {
        return resourceList;
    }

    public void setResourceList(List<ResourceInfo> resourceList) {
        this.resourceList = resourceList;
    }

    public int getChannel() {
        return channel;
    }

    public void setChannel(int channel) {
        this.channel = channel;
    }

    public long getErrorLimitRecord() {
        return errorLimitRecord;
    }

    public void setErrorLimitRecord(long errorLimitRecord) {
        this.errorLimitRecord = errorLimitRecord;
    }
}
