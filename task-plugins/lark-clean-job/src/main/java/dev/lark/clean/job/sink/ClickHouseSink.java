package dev.lark.clean.job.sink;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import dev.lark.clean.FieldType;
import dev.lark.clean.OutputField;
import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.SqlDialect;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A ClickHouse table. {@link #prepare} creates it from the output schema ({@code createTable}) or verifies that an
 * existing table has every output field with a compatible type. Each batch is one JSONEachRow insert into a staging
 * table created {@code AS} the target; {@link #commit} attaches the staging partitions to the target (each partition
 * atomically), {@link #abort} drops the staging table, so a failed or killed run leaves the target unchanged.
 */
public final class ClickHouseSink implements OutputSink {
    private static final SqlDialect Q = SqlDialect.CLICKHOUSE;
    private final String httpUrl;
    private final String database;
    private final String table;
    private final boolean create;
    private final boolean replacePartitions;
    private final Client client;
    private List<String> columns;
    private String staging;

    /** Appends the run's partitions to the target. */
    public ClickHouseSink(String url, String user, String password, String qualifiedTable, boolean create) {
        this(url, user, password, qualifiedTable, create, false);
    }

    /**
     * @param url http://host:8123 or jdbc:clickhouse://host:8123[/db]
     * @param replacePartitions on commit, each partition the run wrote replaces the target's partition of the same id
     *                          ({@code REPLACE PARTITION}) instead of being added to it, so re-running the same day's
     *                          input leaves that day's rows once
     */
    public ClickHouseSink(String url, String user, String password, String qualifiedTable, boolean create, boolean replacePartitions) {
        String u = url.replaceFirst("^jdbc:", "").replaceFirst("^clickhouse:", "http:").replaceFirst("^ch:", "http:");
        java.net.URI uri = java.net.URI.create(u);
        if (uri.getHost() == null) {
            throw ConfigException.invalid("clickhouseUrl", url, "use http://host:8123 or jdbc:clickhouse://host:8123/database");
        }
        this.httpUrl = (uri.getScheme() == null ? "http" : uri.getScheme()) + "://" + uri.getHost() + ":" + (uri.getPort() > 0 ? uri.getPort() : 8123);
        String urlDb = uri.getPath() == null || uri.getPath().length() <= 1 ? "default" : uri.getPath().substring(1);
        List<String> parts = Q.splitQualified(qualifiedTable);
        this.database = parts.size() > 1 ? parts.get(0) : urlDb;
        this.table = parts.get(parts.size() - 1);
        this.create = create;
        this.replacePartitions = replacePartitions;
        this.client = new Client.Builder().addEndpoint(httpUrl).setUsername(user == null ? "default" : user)
                .setPassword(password == null ? "" : password).setDefaultDatabase(database)
                .compressClientRequest(false).compressServerResponse(false).setClientName("lark-clean").build();
    }

    /** The ClickHouse column type for an output field. */
    public static String columnType(OutputField f) {
        String t;
        switch (f.type()) {
            case STRING: t = "String"; break;
            case INT: t = "Int32"; break;
            case LONG: t = "Int64"; break;
            case BIGINT: t = "Int128"; break;
            case DECIMAL: t = "Decimal(38, 9)"; break;
            case DOUBLE: t = "Float64"; break;
            case BOOLEAN: t = "Bool"; break;
            case TIMESTAMP: t = "DateTime64(3, 'UTC')"; break;
            default: throw new IllegalArgumentException(f.type().name());
        }
        return f.nullable() ? "Nullable(" + t + ")" : t;
    }

    /** CREATE TABLE for the schema: MergeTree ordered by the time field, partitioned by day. */
    public static String createTableSql(String database, String table, OutputSchema schema) {
        StringBuilder b = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(Q.quote(database)).append('.').append(Q.quote(table)).append(" (");
        String time = null;
        for (int i = 0; i < schema.size(); i++) {
            OutputField f = schema.fields().get(i);
            if (i > 0) {
                b.append(", ");
            }
            b.append(Q.quote(f.name())).append(' ').append(columnType(f));
            if (!f.description().isEmpty()) {
                b.append(" COMMENT '").append(f.description().replace("\\", "\\\\").replace("'", "\\'")).append('\'');
            }
            if (f.isTime()) {
                time = f.name();
            }
        }
        b.append(") ENGINE = MergeTree");
        if (time != null) {
            b.append(" PARTITION BY toYYYYMMDD(").append(Q.quote(time)).append(") ORDER BY (").append(Q.quote(time)).append(')');
        } else {
            b.append(" ORDER BY tuple()");
        }
        return b.toString();
    }

    @Override
    public void prepare(OutputSchema schema) throws Exception {
        if (create) {
            client.execute(createTableSql(database, table, schema)).get(5, TimeUnit.MINUTES).close();
        }
        Map<String, Object> params = new HashMap<>();
        params.put("db", database);
        params.put("t", table);
        List<GenericRecord> cols = client.queryAll("SELECT name, type FROM system.columns WHERE database = {db:String} AND table = {t:String}", params);
        if (cols.isEmpty()) {
            throw ConfigException.invalid("clickhouseTable", database + "." + table, "the table does not exist; create it or set createTable=true");
        }
        Map<String, String> types = new HashMap<>();
        for (GenericRecord r : cols) {
            types.put(r.getString("name"), r.getString("type"));
        }
        List<String> problems = new ArrayList<>();
        columns = new ArrayList<>();
        for (OutputField f : schema.fields()) {
            String actual = types.get(f.name());
            if (actual == null) {
                problems.add("column '" + f.name() + "' is missing (add: " + Q.quote(f.name()) + " " + columnType(f) + ")");
            } else if (!compatible(f.type(), actual)) {
                problems.add("column '" + f.name() + "' is " + actual + " but the output field is " + f.type().lowerName()
                        + " (expected " + columnType(f) + ")");
            }
            columns.add(f.name());
        }
        if (!problems.isEmpty()) {
            throw ConfigException.invalid("clickhouseTable", database + "." + table, "the table does not match the output schema: "
                    + String.join("; ", problems));
        }
        // batches go to a staging table with the target's structure; commit attaches its partitions to the target
        staging = table + "_lark_stage_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        client.execute("CREATE TABLE " + Q.quote(database) + "." + Q.quote(staging) + " AS " + Q.quote(database) + "." + Q.quote(table))
                .get(5, TimeUnit.MINUTES).close();
    }

    /**
     * Attaches (or, with replacePartitions, replaces) every partition of the staging table into the target, each
     * partition atomically, then drops staging.
     */
    @Override
    public void commit() throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put("db", database);
        params.put("t", staging);
        List<GenericRecord> parts = client.queryAll("SELECT DISTINCT partition_id FROM system.parts WHERE database = {db:String}"
                + " AND table = {t:String} AND active", params);
        for (GenericRecord p : parts) {
            Map<String, Object> pp = new HashMap<>();
            pp.put("pid", p.getString("partition_id"));
            client.execute("ALTER TABLE " + Q.quote(database) + "." + Q.quote(table) + (replacePartitions ? " REPLACE" : " ATTACH")
                    + " PARTITION ID {pid:String} FROM "
                    + Q.quote(database) + "." + Q.quote(staging), pp).get(10, TimeUnit.MINUTES).close();
        }
        dropStaging();
    }

    @Override
    public void abort() {
        try {
            dropStaging();
        } catch (Exception ignored) {
            // best effort; staging tables are named *_lark_stage_* and hold nothing visible
        }
    }

    private void dropStaging() throws Exception {
        if (staging != null) {
            client.execute("DROP TABLE IF EXISTS " + Q.quote(database) + "." + Q.quote(staging)).get(5, TimeUnit.MINUTES).close();
            staging = null;
        }
    }

    static boolean compatible(FieldType t, String chType) {
        String base = chType.replaceAll("^(Nullable|LowCardinality)\\((.*)\\)$", "$2").replaceAll("^(Nullable|LowCardinality)\\((.*)\\)$", "$2");
        switch (t) {
            case STRING: return base.equals("String") || base.startsWith("FixedString") || base.startsWith("Enum");
            case INT: return base.matches("U?Int(32|64)");
            case LONG: return base.matches("U?Int64|Int128|Int256");
            case BIGINT: return base.matches("U?Int(128|256)") || base.startsWith("Decimal");
            case DECIMAL: return base.startsWith("Decimal") || base.equals("Float64");
            case DOUBLE: return base.matches("Float(32|64)") || base.startsWith("Decimal");
            case BOOLEAN: return base.equals("Bool") || base.equals("UInt8");
            case TIMESTAMP: return base.startsWith("DateTime");
            default: return false;
        }
    }

    @Override
    public void write(List<OutputRecord> records) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(records.size() * 128);
        for (OutputRecord r : records) {
            buf.write(r.toJson().getBytes(StandardCharsets.UTF_8));
            buf.write('\n');
        }
        client.insert(Q.quote(database) + "." + Q.quote(staging), new ByteArrayInputStream(buf.toByteArray()), ClickHouseFormat.JSONEachRow)
                .get(10, TimeUnit.MINUTES).close();
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("clickhouse", httpUrl.replaceFirst("^https?://", ""), database + "." + table);
    }

    @Override
    public void close() {
        client.close();
    }
}
