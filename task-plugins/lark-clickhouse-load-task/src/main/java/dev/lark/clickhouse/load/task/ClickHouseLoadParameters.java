package dev.lark.clickhouse.load.task;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.load.BatchPolicy;
import dev.lark.clickhouse.load.load.ErrorBudget;
import dev.lark.clickhouse.load.load.LoadMode;
import dev.lark.clickhouse.load.schema.ClusterSpec;
import dev.lark.clickhouse.load.schema.ColumnSpec;
import dev.lark.clickhouse.load.schema.TableEngine;
import dev.lark.clickhouse.load.schema.TableSpec;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.FileSource;
import dev.lark.clickhouse.load.source.KafkaSource;
import dev.lark.task.common.LarkParameters;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code taskParams} of LARK_CLICKHOUSE_LOAD. The ClickHouse target is a DS datasource id (credentials stay in DS);
 * the table is optionally declared (columns, engine, keys) so the task creates and evolves it. See
 * docs/tasks/lark-clickhouse-load.md.
 */
public class ClickHouseLoadParameters extends LarkParameters {
    /** One declared column. */
    public static class Column {
        public String name;
        public String type;
        public String defaultExpression;
        public String codec;
        public String comment;
    }

    // target
    public int datasourceId;
    public String database;
    public String table;
    public String mode = "append";
    // declared schema (optional: without columns the table must exist)
    public List<Column> columns = new ArrayList<>();
    public String engine = "MergeTree";
    public String versionColumn;
    public String isDeletedColumn;
    public List<String> sumColumns = new ArrayList<>();
    public String partitionBy;
    public String orderBy;
    public String primaryKey;
    public String sampleBy;
    public String ttl;
    public Map<String, String> tableSettings = new LinkedHashMap<>();
    public String cluster;
    public String distributedTable;
    public String shardingKey;
    public boolean allowDestructiveChanges;
    // source
    public String sourceType = "file";
    public String path;
    public String format;
    public Boolean header;
    public String delimiter;
    public String location = "local";
    public int sourceDatasourceId;
    public String query;
    public int fetchSize = 10_000;
    // kafka source: a topic slice, by offsets or by time
    public String kafkaBootstrapServers;
    public String topic;
    /** {@code partition:from-to[,...]}, to exclusive. */
    public String kafkaOffsets;
    /** Time range [kafkaStartTime, kafkaEndTime): ISO-8601, {@code yyyy-MM-dd HH:mm:ss} (UTC) or epoch millis. */
    public String kafkaStartTime;
    public String kafkaEndTime;
    /** Extra consumer settings (e.g. security.protocol); values are not logged. */
    public Map<String, String> kafkaProperties = new LinkedHashMap<>();
    // batching, errors, verification
    public int batchMaxRows = BatchPolicy.DEFAULT.maxRows();
    public int batchMaxBytes = BatchPolicy.DEFAULT.maxBytes();
    public long errorMaxRows;
    public double errorMaxRatio;
    public String deadLetterPath;
    /** {@code table} (in the target database) or {@code database.table}; created when missing. */
    public String deadLetterTable;
    /** Local CSV/TSV/JSON-lines files without an error budget go as one streamed insert (false: batches). */
    public boolean wholeFileInserts = true;
    /** auto (basic when the sampled date-times are plain YYYY-MM-DD hh:mm:ss, else best_effort), basic, best_effort. */
    public String dateTimeInputFormat = "auto";
    public boolean verifyChecksum;
    /**
     * LZ4 on the wire: true, false, or unset for automatic (off when the datasource is on loopback, where the worker
     * and ClickHouse share the CPU and there is no network to save; on otherwise).
     */
    public Boolean compression;
    public int sampleRows = 1000;
    /** Overrides the run's schedule time in the deduplication token (e.g. for a backfill that must match). */
    public String scheduleTime;

    @Override
    public void validate() {
        ConfigException.require(datasourceId > 0, "datasourceId", datasourceId,
                "choose the ClickHouse datasource (DS datasource of type CLICKHOUSE)");
        ConfigException.require(database != null && !database.trim().isEmpty(), "database", database,
                "name the target database");
        ConfigException.require(table != null && !table.trim().isEmpty(), "table", table, "name the target table");
        LoadMode m = loadMode();
        declaredTable();
        batchPolicy();
        errorBudget();
        String dtf = dateTimeInputFormat == null ? "auto" : dateTimeInputFormat.trim().toLowerCase(Locale.ROOT);
        ConfigException.require(dtf.equals("auto") || dtf.equals("basic") || dtf.equals("best_effort"),
                "dateTimeInputFormat", dateTimeInputFormat, "use auto (the default), basic (YYYY-MM-DD hh:mm:ss,"
                        + " fastest) or best_effort (also ISO 8601 with T, zones, and other forms)");
        switch (sourceKind()) {
            case "file":
                FileFormat f = FileFormat.parse("format", format);
                if (fileLocation() == FileSource.Location.LOCAL) {
                    ConfigException.require(path != null && !path.trim().isEmpty(), "path", path,
                            "give the file path on the worker");
                }
                ConfigException.require(delimiter == null || delimiter.length() == 1, "delimiter", delimiter,
                        "use a single character, e.g. ';'");
                ConfigException.require(f == FileFormat.CSV || delimiter == null, "delimiter", delimiter,
                        "a delimiter applies to csv only");
                break;
            case "jdbc":
                ConfigException.require(sourceDatasourceId > 0, "sourceDatasourceId", sourceDatasourceId,
                        "choose the datasource to read from");
                ConfigException.require(query != null && !query.trim().isEmpty(), "query", query,
                        "give the SELECT that produces the rows");
                break;
            case "kafka":
                kafkaSource();
                break;
            case "clickhouse":
                ConfigException.require(query != null && !query.trim().isEmpty(), "query", query,
                        "give the SELECT the target ClickHouse runs (INSERT ... SELECT)");
                break;
            default:
                throw new ConfigException("sourceType", sourceType, "use one of file, kafka, jdbc, clickhouse");
        }
        ConfigException.require(m != LoadMode.UPSERT || columns.isEmpty() || versionColumn != null, "versionColumn",
                null, "mode upsert needs engine ReplacingMergeTree with a version column");
    }

    @JsonIgnore
    public LoadMode loadMode() {
        return LoadMode.parse("mode", mode == null ? "append" : mode);
    }

    @JsonIgnore
    public String sourceKind() {
        return sourceType == null ? "file" : sourceType.trim().toLowerCase(Locale.ROOT);
    }

    @JsonIgnore
    public FileSource.Location fileLocation() {
        String l = location == null ? "local" : location.trim().toLowerCase(Locale.ROOT);
        if (l.equals("local") || l.equals("worker")) {
            return FileSource.Location.LOCAL;
        }
        if (l.equals("server") || l.equals("clickhouse")) {
            return FileSource.Location.SERVER;
        }
        throw new ConfigException("location", location, "use local (the worker reads the file) or server (ClickHouse"
                + " reads it with file())");
    }

    /** The declared table, or null when no columns are declared (the table must then exist). */
    @JsonIgnore
    public TableSpec declaredTable() {
        if (columns == null || columns.isEmpty()) {
            return null;
        }
        TableEngine.Kind kind = TableEngine.Kind.parse("engine", engine);
        if (versionColumn != null && !versionColumn.isEmpty() && kind == TableEngine.Kind.MERGE_TREE) {
            kind = TableEngine.Kind.REPLACING_MERGE_TREE;
        }
        TableSpec.Builder b = TableSpec.builder(database, table)
                .engine(TableEngine.of(kind, blankToNull(versionColumn), blankToNull(isDeletedColumn), sumColumns))
                .partitionBy(partitionBy).orderBy(orderBy).primaryKey(primaryKey).sampleBy(sampleBy).ttl(ttl);
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            ConfigException.require(c != null, "columns[" + i + "]", null, "remove the empty column entry");
            b.column(new ColumnSpec(c.name, c.type, blankToNull(c.defaultExpression), blankToNull(c.codec),
                    blankToNull(c.comment)));
        }
        if (tableSettings != null) {
            tableSettings.forEach(b::setting);
        }
        if (cluster != null && !cluster.trim().isEmpty()) {
            b.cluster(new ClusterSpec(cluster, distributedTable, blankToNull(shardingKey)));
        }
        return b.build();
    }

    /** The Kafka slice to load (sourceType kafka). */
    @JsonIgnore
    public KafkaSource kafkaSource() {
        FileFormat f = format == null || format.trim().isEmpty() ? FileFormat.JSON_EACH_ROW
                : FileFormat.parse("format", format);
        ConfigException.require(f != FileFormat.PARQUET, "format", format,
                "Kafka record values load as jsonl (one JSON object per record), csv or tsv");
        ConfigException.require(delimiter == null || delimiter.length() == 1, "delimiter", delimiter,
                "use a single character, e.g. ';'");
        boolean byOffsets = kafkaOffsets != null && !kafkaOffsets.trim().isEmpty();
        boolean byTime = blankToNull(kafkaStartTime) != null || blankToNull(kafkaEndTime) != null;
        ConfigException.require(byOffsets ^ byTime, "kafkaOffsets", kafkaOffsets, "give either kafkaOffsets (e.g."
                + " 0:0-1000,1:0-1000, end exclusive) or kafkaStartTime and kafkaEndTime, not both and not neither");
        KafkaSource.Builder b = KafkaSource.builder().bootstrapServers(kafkaBootstrapServers).topic(topic).format(f)
                .delimiter(delimiter == null || delimiter.isEmpty() ? null : delimiter.charAt(0));
        if (byOffsets) {
            b.offsets(KafkaSource.parseOffsets("kafkaOffsets", kafkaOffsets));
        } else {
            b.timeRange(KafkaSource.parseTime("kafkaStartTime", kafkaStartTime),
                    KafkaSource.parseTime("kafkaEndTime", kafkaEndTime));
        }
        if (kafkaProperties != null) {
            kafkaProperties.forEach(b::consumerProperty);
        }
        try {
            return b.build();
        } catch (ConfigException e) {
            // the engine names its own fields (kafka.topic ...); name the task parameter to change instead
            String field = e.field().startsWith("kafka.")
                    ? (e.field().equals("kafka.topic") ? "topic" : "kafka" + Character.toUpperCase(e.field().charAt(6))
                    + e.field().substring(7))
                    : e.field();
            throw new ConfigException(field, e.value(), e.fix());
        }
    }

    @JsonIgnore
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(batchMaxRows, batchMaxBytes);
    }

    @JsonIgnore
    public ErrorBudget errorBudget() {
        return new ErrorBudget(errorMaxRows, errorMaxRatio,
                deadLetterPath == null || deadLetterPath.trim().isEmpty() ? null : Paths.get(deadLetterPath),
                blankToNull(deadLetterTable));
    }

    @Override
    @JsonIgnore
    public List<Integer> datasourceIds() {
        List<Integer> ids = new ArrayList<>();
        ids.add(datasourceId);
        if ("jdbc".equals(sourceKind()) && sourceDatasourceId > 0) {
            ids.add(sourceDatasourceId);
        }
        return ids;
    }

    private static String blankToNull(String s) {
        return s == null || s.trim().isEmpty() ? null : s;
    }
}
