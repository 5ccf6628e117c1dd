package dev.lark.ingest.writer;

import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.engine.common.SqlDialect;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.ConversionException;
import dev.lark.ingest.job.Params;
import dev.lark.ingest.state.WatermarkStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code clickhousewriter}: RowBinary through ClickHouse client-v2 (no JDBC batches). Rows are converted to the
 * column types first (a value that does not fit makes the row dirty, it never corrupts the stream), serialized into
 * per-channel blocks and inserted block by block into a staging table created {@code AS} the target. Commit makes
 * them visible atomically: {@code writeMode} {@code insert} attaches the staging partitions
 * ({@code ATTACH PARTITION ... FROM}), {@code overwrite} swaps the tables ({@code EXCHANGE TABLES}),
 * {@code replacePartitions} replaces the partitions present in the load ({@code REPLACE PARTITION ... FROM}).
 * A failed or killed run drops the staging table and leaves the target as it was.
 */
public final class ClickHouseWriter implements Writer {
    public static final Set<String> PARAMETERS = Set.of("username", "password", "column", "connection", "preSql",
            "postSql", "batchSize", "batchByteSize", "trySize", "writeMode", "staging", "blockRows", "stateTable",
            "jdbcUrl", "table", "session");
    private static final Set<String> MODES = Set.of("insert", "overwrite", "replacepartitions");
    private static final SqlDialect Q = SqlDialect.CLICKHOUSE;

    private final Params p;
    private final String url;
    private final String user;
    private final String password;
    private final String tableParam;
    private final List<String> columnParam;
    private final List<String> preSql;
    private final List<String> postSql;
    private final String writeMode;
    private final boolean staging;
    private final int blockRows;
    private final long blockBytes;
    private final String stateTable;

    private ClickHouseTarget target;
    private IngestContext ctx;
    private String database;
    private String table;
    private String stagingTable;
    private List<String> columns;
    private TableSchema insertSchema;
    private final AtomicLong bytes = new AtomicLong();

    public ClickHouseWriter(Params p) {
        this.p = p;
        p.checkKnown(PARAMETERS);
        List<Params> conns = p.objects("connection");
        if (!conns.isEmpty()) {
            Params c = conns.get(0);
            c.checkKnown(Set.of("jdbcUrl", "table"));
            this.url = c.requireString("jdbcUrl", "give jdbc:clickhouse://host:8123/database");
            List<String> t = c.strings("table");
            if (t.size() != 1) {
                throw ConfigException.invalid(c.path("table"), t, "name exactly one target table");
            }
            this.tableParam = t.get(0);
        } else {
            this.url = p.requireString("jdbcUrl", "give connection[{jdbcUrl, table}]");
            this.tableParam = p.requireString("table", "name the target table");
        }
        this.user = p.string("username", "default");
        this.password = p.string("password", "");
        this.columnParam = p.strings("column");
        this.preSql = p.strings("preSql");
        this.postSql = p.strings("postSql");
        this.writeMode = p.string("writeMode", "insert").toLowerCase(Locale.ROOT);
        if (!MODES.contains(writeMode)) {
            throw ConfigException.unknown(p.path("writeMode"), writeMode, Set.of("insert", "overwrite",
                    "replacePartitions"));
        }
        this.staging = p.bool("staging", true);
        if (!staging && !writeMode.equals("insert")) {
            throw ConfigException.invalid(p.path("staging"), false, "writeMode " + writeMode + " needs staging");
        }
        this.blockRows = p.positiveInt("blockRows", 200_000);
        this.blockBytes = p.longValue("batchByteSize", 32L << 20);
        this.stateTable = p.string("stateTable", "lark_ingest_state");
    }

    private ClickHouseTarget target() {
        if (target == null) {
            target = ClickHouseTarget.connect(p.path("connection[0].jdbcUrl"), url, user, password);
            List<String> parts = Q.splitQualified(tableParam);
            database = parts.size() > 1 ? parts.get(0) : target.database();
            table = parts.get(parts.size() - 1);
        }
        return target;
    }

    private String qualified(String t) {
        return Q.quote(database) + "." + Q.quote(t);
    }

    @Override
    public WatermarkStore watermarkStore(IngestContext ctx) {
        target();
        return new ClickHouseStateStore();
    }

    @Override
    public void prepare(IngestContext ctx, List<String> sourceColumns) {
        this.ctx = ctx;
        ClickHouseTarget t = target();
        TableSchema schema;
        try {
            schema = t.client().getTableSchema(table, database);
        } catch (RuntimeException e) {
            throw ConfigException.invalid(p.path("connection[0].table"), tableParam, "the table does not exist in"
                    + " ClickHouse database " + database + " (" + ClickHouseTarget.rootMessage(e) + ")");
        }
        List<String> targetCols = new ArrayList<>();
        if (columnParam.isEmpty()) {
            // no column list: target columns named like the reader's columns
            for (String c : sourceColumns) {
                targetCols.add(c);
            }
        } else if (columnParam.size() == 1 && columnParam.get(0).equals("*")) {
            for (ClickHouseColumn c : schema.getColumns()) {
                targetCols.add(c.getColumnName());
            }
        } else {
            for (String c : columnParam) {
                targetCols.add(Q.unquote(c.trim().replace('`', '"')));
            }
        }
        if (targetCols.size() != sourceColumns.size()) {
            throw ConfigException.invalid(p.path("column"), targetCols, "the reader yields " + sourceColumns.size()
                    + " columns " + sourceColumns + " but the writer lists " + targetCols.size()
                    + "; list the target columns in the reader's order");
        }
        List<ClickHouseColumn> selected = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (ClickHouseColumn c : schema.getColumns()) {
            known.add(c.getColumnName());
        }
        for (String c : targetCols) {
            ClickHouseColumn col = null;
            for (ClickHouseColumn k : schema.getColumns()) {
                if (k.getColumnName().equals(c)) {
                    col = k;
                }
            }
            if (col == null) {
                throw ConfigException.unknown(p.path("column"), c, known);
            }
            selected.add(col);
        }
        this.columns = targetCols;
        this.insertSchema = new TableSchema(selected);
        for (String sql : preSql) {
            t.execute(sql.replace("@table", qualified(table)));
        }
        if (staging) {
            dropStaleStaging();
            stagingTable = table + "__lark_stg_" + Long.toString(System.currentTimeMillis(), 36);
            t.execute("CREATE TABLE " + qualified(stagingTable) + " AS " + qualified(table));
            ctx.log("clickhousewriter: loading into staging table " + database + "." + stagingTable + ", then "
                    + (writeMode.equals("overwrite") ? "EXCHANGE TABLES" : writeMode.equals("insert")
                            ? "ATTACH PARTITION ... FROM" : "REPLACE PARTITION ... FROM") + " into " + database
                    + "." + table);
        }
    }

    private void dropStaleStaging() {
        Map<String, Object> params = new HashMap<>();
        params.put("db", database);
        params.put("prefix", table + "__lark_stg_");
        for (GenericRecord r : target.query("SELECT name FROM system.tables WHERE database = {db:String} AND"
                + " startsWith(name, {prefix:String})", params)) {
            String name = r.getString("name");
            ctx.log("clickhousewriter: dropping staging table " + name + " left by an earlier failed run");
            target.execute("DROP TABLE IF EXISTS " + qualified(name));
        }
    }

    @Override
    public WriterChannel open(int channel) {
        return new Channel();
    }

    /**
     * Serialized rows of one channel, inserted in blocks. Two buffers alternate: while one block is being inserted
     * (asynchronously), the next one is serialized, so the reader is not held up by the network round trip. Memory
     * per channel is at most two blocks.
     */
    private final class Channel implements WriterChannel {
        private final Switch out = new Switch();
        private Buffer buf = new Buffer();
        private Buffer spare = new Buffer();
        private final RowBinaryFormatWriter rw;
        private final List<ClickHouseColumn> cols = insertSchema.getColumns();
        private final Object[] converted = new Object[cols.size()];
        private java.util.concurrent.CompletableFuture<?> inFlight;
        private int rows;

        Channel() {
            out.target = buf;
            rw = new RowBinaryFormatWriter(out, insertSchema, ClickHouseFormat.RowBinary);
        }

        @Override
        public void write(List<Object[]> batch, DirtySink dirty) throws Exception {
            int n = converted.length;
            for (Object[] row : batch) {
                try {
                    for (int i = 0; i < n; i++) {
                        converted[i] = ClickHouseValues.convert(row[i], cols.get(i));
                    }
                } catch (ConversionException e) {
                    dirty.dirty(row, "column " + cols.get(indexOfFailure(row)).getColumnName() + ": "
                            + e.getMessage());
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    rw.setValue(i + 1, converted[i]);
                }
                rw.commitRow();
                rows++;
                if (rows >= blockRows || buf.size() >= blockBytes) {
                    flush(false);
                }
            }
        }

        private int indexOfFailure(Object[] row) {
            for (int i = 0; i < converted.length; i++) {
                try {
                    ClickHouseValues.convert(row[i], cols.get(i));
                } catch (ConversionException e) {
                    return i;
                }
            }
            return 0;
        }

        private void awaitInFlight() throws Exception {
            if (inFlight != null) {
                try {
                    inFlight.get(30, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("ClickHouse insert into " + database + "." + (staging
                            ? stagingTable : table) + " failed: " + ClickHouseTarget.rootMessage(e), e);
                } finally {
                    inFlight = null;
                }
            }
        }

        private void flush(boolean last) throws Exception {
            awaitInFlight();
            if (rows == 0) {
                return;
            }
            ctx.cancellation().throwIfCancelled();
            String into = staging ? stagingTable : table;
            Buffer sending = buf;
            bytes.addAndGet(sending.size());
            java.util.concurrent.CompletableFuture<?> f = target.client().insert(Q.quote(database) + "."
                    + Q.quote(into), columns, sending.asInput(), ClickHouseFormat.RowBinary)
                    .thenAccept(r -> r.close());
            // serialize the next block into the other buffer meanwhile
            buf = spare;
            buf.reset();
            spare = sending;
            out.target = buf;
            rows = 0;
            inFlight = f;
            if (last) {
                awaitInFlight();
            }
        }

        @Override
        public void finish() throws Exception {
            flush(true);
            awaitInFlight();
        }

        @Override
        public void close() throws Exception {
            if (inFlight != null) {
                inFlight.cancel(true);
            }
        }
    }

    /** An output stream whose target buffer can be switched between blocks. */
    private static final class Switch extends java.io.OutputStream {
        java.io.OutputStream target;

        @Override
        public void write(int b) throws java.io.IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            target.write(b, off, len);
        }
    }

    /** A byte buffer readable without copying. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1 << 20);
        }

        ByteArrayInputStream asInput() {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }

    @Override
    public void commit(CommitRequest req) {
        if (staging) {
            if (req.incremental() && req.redoHigh() != null) {
                redoDelete(req);
            }
            switch (writeMode) {
                case "overwrite":
                    target.execute("EXCHANGE TABLES " + qualified(table) + " AND " + qualified(stagingTable));
                    break;
                case "replacepartitions":
                    for (String pid : stagingPartitions()) {
                        Map<String, Object> params = Map.of("pid", pid);
                        target.execute("ALTER TABLE " + qualified(table) + " REPLACE PARTITION ID {pid:String} FROM "
                                + qualified(stagingTable), params);
                    }
                    break;
                default:
                    for (String pid : stagingPartitions()) {
                        Map<String, Object> params = Map.of("pid", pid);
                        target.execute("ALTER TABLE " + qualified(table) + " ATTACH PARTITION ID {pid:String} FROM "
                                + qualified(stagingTable), params);
                    }
                    break;
            }
            target.execute("DROP TABLE IF EXISTS " + qualified(stagingTable));
            stagingTable = null;
        } else if (req.incremental() && req.redoHigh() != null) {
            redoDelete(req);
        }
        for (String sql : postSql) {
            target.execute(sql.replace("@table", qualified(table)));
        }
        if (req.incremental()) {
            new ClickHouseStateStore().save(req);
        }
    }

    /** A rerun of the same runKey: remove what the earlier attempt (and anything after it) loaded. */
    private void redoDelete(CommitRequest req) {
        String col = Q.quote(req.targetIncrementalColumn());
        if (req.low() == null) {
            target.execute("TRUNCATE TABLE " + qualified(table));
        } else {
            String type = insertSchema.getColumnByName(req.targetIncrementalColumn()).getOriginalTypeName();
            Map<String, Object> params = Map.of("low", req.low(), "t", type);
            target.execute("DELETE FROM " + qualified(table) + " WHERE " + col + " > CAST({low:String},"
                    + " {t:String})", params);
        }
        ctx.log("clickhousewriter: rerun of run " + req.runKey() + ": removed target rows after " + (req.low() == null
                ? "(start)" : req.low()) + " before loading them again");
    }

    private List<String> stagingPartitions() {
        Map<String, Object> params = new HashMap<>();
        params.put("db", database);
        params.put("t", stagingTable);
        List<String> out = new ArrayList<>();
        for (GenericRecord r : target.query("SELECT DISTINCT partition_id FROM system.parts WHERE database ="
                + " {db:String} AND table = {t:String} AND active ORDER BY partition_id", params)) {
            out.add(r.getString("partition_id"));
        }
        return out;
    }

    @Override
    public void abort() {
        if (target != null && stagingTable != null) {
            try {
                target.execute("DROP TABLE IF EXISTS " + qualified(stagingTable));
                ctx.log("clickhousewriter: dropped staging table " + stagingTable + "; " + database + "." + table
                        + " is unchanged");
            } catch (RuntimeException e) {
                ctx.log("clickhousewriter: could not drop staging table " + stagingTable + " (the next run drops"
                        + " it): " + e.getMessage());
            }
        }
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public long bytesWritten() {
        return bytes.get();
    }

    @Override
    public LineageReport.Dataset dataset() {
        target();
        return LineageReport.Dataset.of("clickhouse", target.location(), database + "." + table);
    }

    @Override
    public void close() {
        if (target != null) {
            target.close();
        }
    }

    /** Watermarks in {@code <database>.lark_ingest_state} (ReplacingMergeTree keyed by job and run). */
    private final class ClickHouseStateStore implements WatermarkStore {
        private String state() {
            return qualified(stateTable);
        }

        private void ensure() {
            target.execute("CREATE TABLE IF NOT EXISTS " + state() + " (job_key String, run_key String, low"
                    + " Nullable(String), high Nullable(String), rows UInt64, committed_at DateTime64(3)) ENGINE ="
                    + " ReplacingMergeTree(committed_at) ORDER BY (job_key, run_key)");
        }

        @Override
        public RunState forRun(String jobKey, String runKey) {
            ensure();
            List<GenericRecord> rs = target.query("SELECT low, high FROM " + state() + " FINAL WHERE job_key ="
                    + " {j:String} AND run_key = {r:String}", Map.of("j", jobKey, "r", runKey));
            if (rs.isEmpty()) {
                return null;
            }
            return new RunState(rs.get(0).getString("low"), rs.get(0).getString("high"));
        }

        @Override
        public String latest(String jobKey) {
            ensure();
            List<GenericRecord> rs = target.query("SELECT high FROM " + state() + " FINAL WHERE job_key = {j:String}"
                    + " AND high IS NOT NULL ORDER BY committed_at DESC LIMIT 1", Map.of("j", jobKey));
            return rs.isEmpty() ? null : rs.get(0).getString("high");
        }

        void save(CommitRequest req) {
            ensure();
            Map<String, Object> params = new HashMap<>();
            params.put("j", req.jobKey());
            params.put("r", req.runKey());
            params.put("l", req.low());
            params.put("h", req.high());
            params.put("n", req.rows());
            target.execute("INSERT INTO " + state() + " SELECT {j:String}, {r:String}, {l:Nullable(String)},"
                    + " {h:Nullable(String)}, {n:UInt64}, now64(3)", params);
        }
    }
}
