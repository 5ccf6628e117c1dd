package dev.lark.clickhouse.load.load;

import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.clickhouse.load.LoadException;
import dev.lark.clickhouse.load.client.ClickHouseSession;
import dev.lark.clickhouse.load.client.ClickHouseTarget;
import dev.lark.clickhouse.load.schema.Ddl;
import dev.lark.clickhouse.load.schema.ExistingColumn;
import dev.lark.clickhouse.load.schema.SchemaDiff;
import dev.lark.clickhouse.load.schema.TableEngine;
import dev.lark.clickhouse.load.schema.TableSpec;
import dev.lark.clickhouse.load.source.BadInputException;
import dev.lark.clickhouse.load.source.ClickHouseQuerySource;
import dev.lark.clickhouse.load.source.ColumnMatcher;
import dev.lark.clickhouse.load.source.FileFormat;
import dev.lark.clickhouse.load.source.FileSource;
import dev.lark.clickhouse.load.source.JdbcQuerySource;
import dev.lark.clickhouse.load.source.KafkaBatches;
import dev.lark.clickhouse.load.source.KafkaSource;
import dev.lark.clickhouse.load.source.ParquetFooter;
import dev.lark.clickhouse.load.source.RecordBatcher;
import dev.lark.clickhouse.load.source.TextRecords;
import dev.lark.clickhouse.load.sql.Sql;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one load: manage the table, check the source against it, stream batches, verify, publish.
 *
 * <p>Staged modes write into {@code <table>__lark_stg_<hash>} (same structure and partition key as the target, hash
 * of task code + schedule time) and touch the target only in the final, atomic step (REPLACE PARTITION / EXCHANGE
 * TABLES / ATTACH PARTITION FROM). A failure or kill before that step leaves the target unchanged; the staging
 * table is dropped on the way out, or by the retry, which derives the same name.
 */
public final class ClickHouseLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClickHouseTarget target;
    private volatile boolean cancelled;
    private volatile ClickHouseSession active;
    private volatile KafkaBatches kafka;
    private volatile Statement jdbcStatement;
    private final DeadLetters deadLetters = new DeadLetters(this::warn);
    private List<String> sampledJsonColumns = new ArrayList<>();
    /**
     * Whether every sampled date-time value of a text source was plain {@code YYYY-MM-DD hh:mm:ss[.fff]}: then
     * ClickHouse parses date-times in its fast {@code basic} format instead of {@code best_effort}.
     */
    private boolean plainDateTimes = true;
    private static final java.util.regex.Pattern PLAIN_DATE_TIME =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final java.util.regex.Pattern PLAIN_DATE_TIME64 =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?");

    /** Progress and summary lines; DS bindings route them to the task log (which does not see SLF4J loggers). */
    private final Consumer<String> log;

    public ClickHouseLoader(ClickHouseTarget target) {
        this(target, null);
    }

    public ClickHouseLoader(ClickHouseTarget target, Consumer<String> log) {
        this.target = target;
        this.log = log;
    }

    private void info(String line) {
        if (log != null) {
            log.accept(line);
        } else {
            LOG.info(line);
        }
    }

    private void warn(String line) {
        if (log != null) {
            log.accept("WARN " + line);
        } else {
            LOG.warn(line);
        }
    }

    /** Stops a running load; the in-flight insert is aborted and staged data is discarded. */
    public void cancel() {
        cancelled = true;
        ClickHouseSession s = active;
        if (s != null) {
            s.close();
        }
        KafkaBatches k = kafka;
        if (k != null) {
            k.wakeup();
        }
        Statement st = jdbcStatement;
        if (st != null) {
            try {
                st.cancel(); // the source database stops the query instead of streaming it to a reader that left
            } catch (SQLException | RuntimeException e) {
                LOG.debug("cancelling the source query failed: {}", e.toString());
            }
        }
    }

    public LoadResult load(LoadRequest req) {
        long t0 = System.currentTimeMillis();
        plainDateTimes = true;
        String db = req.database();
        String table = req.table();
        String qualified = Sql.table(db, table);
        String staging = req.mode().staged() ? stagingName(table, req.token().shortHash(db + "." + table)) : null;
        ClickHouseSession s = ClickHouseSession.open(target);
        active = s;
        Counters n = new Counters();
        try {
            info(String.format(java.util.Locale.ROOT, "loading %s into %s (%s) on %s", req.source().describe(), qualified,
                    req.mode().name().toLowerCase(Locale.ROOT), s.endpoint()));
            List<String> schemaChanges = manageSchema(s, req);
            TableInfo info = tableInfo(s, db, table);
            checkMode(req, info);
            ColumnMatcher matcher = new ColumnMatcher(qualified, info.columns);
            String insertInto = table;
            if (staging != null) {
                s.execute(Ddl.dropTable(db, staging));
                s.execute(Ddl.createStaging(db, table, staging));
                insertInto = staging;
            }
            Set<String> partsBefore = req.mode() == LoadMode.APPEND ? activeParts(s, db, table) : Set.of();

            loadSource(s, req, matcher, db, insertInto, n);
            checkCancelled();

            List<String> partitions;
            String checksum = null;
            if (staging != null) {
                long staged = s.scalarLong("SELECT count() FROM " + Sql.table(db, staging), Map.of());
                if (staged != n.loaded) {
                    throw new LoadException("verification failed: " + n.loaded + " rows were inserted but the staging"
                            + " table holds " + staged + "; the target was not touched");
                }
                partitions = stagingPartitions(s, db, staging);
                if (req.verifyChecksum()) {
                    checksum = checksum(s, Sql.table(db, staging), Map.of());
                }
                checkCancelled();
                publish(s, req, db, table, staging, partitions);
                if (req.mode() != LoadMode.UPSERT) {
                    verifyPublished(s, req, db, table, partitions, staged, checksum);
                }
            } else {
                partitions = newPartitions(s, db, table, partsBefore);
            }
            LoadResult r = new LoadResult(db + "." + table, req.mode(), n.read, n.loaded, n.rejected, n.batches,
                    n.bytes, partitions, schemaChanges, n.columns, checksum, System.currentTimeMillis() - t0, n.sourcePosition);
            if (log == null) {
                LOG.info("\n{}", r.summary()); // DS bindings print their own summary
            }
            return r;
        } catch (RuntimeException e) {
            if (cancelled) {
                throw new LoadException("load cancelled; the target " + qualified + " was "
                        + (req.mode().staged() ? "left unchanged" : "given only whole, deduplicated batches"), e);
            }
            throw e;
        } finally {
            active = null;
            if (staging != null) {
                dropQuietly(s, db, staging);
            }
            s.close();
        }
    }

    static String stagingName(String table, String hash) {
        String base = table.length() > 150 ? table.substring(0, 150) : table;
        return base + "__lark_stg_" + hash;
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new LoadException("load cancelled");
        }
    }

    private void dropQuietly(ClickHouseSession s, String db, String staging) {
        // A DS kill interrupts the task thread, before or while this cleanup runs; an interrupted wait fails at once
        // and would leave the staging table behind. So the flag is cleared, the (idempotent) DROP is waited for again
        // if an interrupt cuts it short, and the flag is restored afterwards.
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    if (cancelled || interrupted) {
                        try (ClickHouseSession fresh = ClickHouseSession.open(target)) {
                            fresh.execute(Ddl.dropTable(db, staging));
                        }
                        info("dropped staging table " + db + "." + staging);
                    } else {
                        s.execute(Ddl.dropTable(db, staging));
                    }
                    return;
                } catch (RuntimeException e) {
                    interrupted |= Thread.interrupted();
                    if ((interrupted || cancelled) && attempt < 3) {
                        continue; // the kill's interrupt (or its closing of the session) cut this attempt short
                    }
                    warn(String.format(java.util.Locale.ROOT, "could not drop staging table %s.%s (the next run of"
                            + " this schedule drops it): %s", db, staging, e.getMessage()));
                    return;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- schema

    private List<String> manageSchema(ClickHouseSession s, LoadRequest req) {
        List<String> changes = new ArrayList<>();
        if (!req.declared().isPresent()) {
            if (!tableExists(s, req.database(), req.table())) {
                throw new BadInputException("target table " + req.database() + "." + req.table() + " does not exist;"
                        + " fix: create it, or declare its columns, engine and ORDER BY so the load creates it");
            }
            return changes;
        }
        TableSpec spec = req.declared().get();
        s.execute(Ddl.createDatabase(spec));
        if (!tableExists(s, spec.database(), spec.table())) {
            s.execute(Ddl.createTable(spec));
            spec.cluster().ifPresent(c -> s.execute(Ddl.createDistributed(spec)));
            changes.add("created table");
            info(String.format(java.util.Locale.ROOT, "created table %s", spec.qualifiedName()));
            return changes;
        }
        SchemaDiff diff = SchemaDiff.between(spec, existingColumns(s, spec.database(), spec.table()));
        if (!diff.destructive().isEmpty() && !req.allowDestructiveChanges()) {
            throw new BadInputException("the declared schema of " + spec.qualifiedName() + " differs destructively from"
                    + " the table: " + diff.destructive() + "; nothing was changed or loaded; fix: restore the"
                    + " declaration, or set allowDestructiveChanges=true to apply " + diff.destructive());
        }
        for (String sql : Ddl.alter(spec, diff, req.allowDestructiveChanges())) {
            info(String.format(java.util.Locale.ROOT, "schema change: %s", sql));
            s.execute(sql);
        }
        for (SchemaDiff.Change c : diff.changes()) {
            changes.add(c.toString());
        }
        // tables created before Lark managed them may lack the dedup window: retries would then duplicate
        String create = s.query("SELECT create_table_query FROM system.tables WHERE database = {db:String} AND name ="
                + " {t:String}", Map.of("db", spec.database(), "t", spec.table())).get(0).getString(1);
        if (!create.contains(TableSpec.DEDUP_WINDOW_SETTING) && !create.contains("Replicated")) {
            s.execute("ALTER TABLE " + spec.qualifiedName() + " MODIFY SETTING " + TableSpec.DEDUP_WINDOW_SETTING
                    + " = " + spec.settings().get(TableSpec.DEDUP_WINDOW_SETTING));
            changes.add("set " + TableSpec.DEDUP_WINDOW_SETTING);
        }
        return changes;
    }

    private static boolean tableExists(ClickHouseSession s, String db, String table) {
        return s.scalarLong("SELECT count() FROM system.tables WHERE database = {db:String} AND name = {t:String}",
                Map.of("db", db, "t", table)) > 0;
    }

    static List<ExistingColumn> existingColumns(ClickHouseSession s, String db, String table) {
        List<ExistingColumn> out = new ArrayList<>();
        for (GenericRecord r : s.query("SELECT name, type, default_kind FROM system.columns WHERE database = {db:String}"
                + " AND table = {t:String} ORDER BY position", Map.of("db", db, "t", table))) {
            out.add(new ExistingColumn(r.getString(1), r.getString(2), r.getString(3)));
        }
        return out;
    }

    private static final class TableInfo {
        String engine;
        String partitionKey;
        String databaseEngine;
        List<ExistingColumn> columns;
    }

    private static TableInfo tableInfo(ClickHouseSession s, String db, String table) {
        List<GenericRecord> rows = s.query("SELECT t.engine, t.partition_key, d.engine FROM system.tables t JOIN"
                + " system.databases d ON d.name = t.database WHERE t.database = {db:String} AND t.name = {t:String}",
                Map.of("db", db, "t", table));
        if (rows.isEmpty()) {
            throw new BadInputException("target table " + db + "." + table + " does not exist");
        }
        TableInfo i = new TableInfo();
        i.engine = rows.get(0).getString(1);
        i.partitionKey = rows.get(0).getString(2);
        i.databaseEngine = rows.get(0).getString(3);
        i.columns = existingColumns(s, db, table);
        return i;
    }

    private static void checkMode(LoadRequest req, TableInfo info) {
        if (!info.engine.contains("MergeTree")) {
            throw new BadInputException("target engine " + info.engine + " is not a MergeTree; fix: load into the"
                    + " local MergeTree table (or its Distributed table with mode append)");
        }
        if (req.mode() == LoadMode.UPSERT && !info.engine.contains("ReplacingMergeTree")) {
            throw new BadInputException("mode upsert needs a ReplacingMergeTree target but " + req.database() + "."
                    + req.table() + " is " + info.engine + "; fix: declare engine ReplacingMergeTree with a version"
                    + " column, or use mode append / overwrite_partitions");
        }
        if (req.mode() == LoadMode.OVERWRITE_TABLE && !info.databaseEngine.equals("Atomic")) {
            throw new BadInputException("mode overwrite_table uses EXCHANGE TABLES, which needs an Atomic database,"
                    + " but " + req.database() + " is " + info.databaseEngine + "; fix: load into a database created"
                    + " with ENGINE = Atomic (the load creates one when the table is declared)");
        }
        if (req.mode() == LoadMode.OVERWRITE_PARTITIONS && info.partitionKey.isEmpty()) {
            throw new BadInputException("mode overwrite_partitions needs a PARTITION BY key but " + req.database() + "."
                    + req.table() + " has none; fix: use mode overwrite_table, or declare partitionBy");
        }
    }

    // ---------------------------------------------------------------- sources

    private static final class Counters {
        long read;
        long loaded;
        long rejected;
        long batches;
        long bytes;
        String sourcePosition;
        List<String> columns = new ArrayList<>();
    }

    private void loadSource(ClickHouseSession s, LoadRequest req, ColumnMatcher m, String db, String into, Counters n) {
        try {
            if (req.source() instanceof FileSource) {
                FileSource f = (FileSource) req.source();
                if (f.location() == FileSource.Location.SERVER) {
                    loadServerFile(s, req, f, m, db, into, n);
                } else if (f.format() == FileFormat.PARQUET) {
                    loadParquet(s, req, f, m, db, into, n);
                } else {
                    loadText(s, req, f, m, db, into, n);
                }
            } else if (req.source() instanceof KafkaSource) {
                loadKafka(s, req, (KafkaSource) req.source(), m, db, into, n);
            } else if (req.source() instanceof ClickHouseQuerySource) {
                loadClickHouseQuery(s, req, (ClickHouseQuerySource) req.source(), m, db, into, n);
            } else if (req.source() instanceof JdbcQuerySource) {
                loadJdbc(s, req, (JdbcQuerySource) req.source(), m, db, into, n);
            } else {
                throw new IllegalArgumentException("unknown source " + req.source());
            }
        } catch (IOException e) {
            throw new LoadException("reading " + req.source().describe() + " failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw new LoadException("source query failed: " + e.getMessage(), e);
        }
    }

    private InsertSettings insertSettings(LoadRequest req, long batch, long rejectedSoFar) {
        InsertSettings st = new InsertSettings();
        st.setDeduplicationToken(req.token().forBatch(batch));
        st.serverSetting("insert_deduplicate", "1");
        st.serverSetting("date_time_input_format", "best_effort");
        st.serverSetting("input_format_skip_unknown_fields", "0");
        if (req.errors().allowsErrors()) {
            long left = Math.max(0, req.errors().maxRows() - rejectedSoFar);
            st.serverSetting("input_format_allow_errors_num", Long.toString(left));
            if (req.errors().maxRatio() > 0) {
                st.serverSetting("input_format_allow_errors_ratio", Double.toString(req.errors().maxRatio()));
            }
        }
        return st;
    }

    /** What the row-level checks need to know about a line-oriented source (file or Kafka records). */
    private static final class TextShape {
        final FileFormat format;
        final char delimiter;
        final String describe;

        TextShape(FileFormat format, char delimiter, String describe) {
            this.format = format;
            this.delimiter = delimiter;
            this.describe = describe;
        }

        boolean csv() {
            return format == FileFormat.CSV;
        }
    }

    /** Where a record came from, for dead letters: row number in a file, topic/partition@offset in Kafka. */
    private interface Positions {
        String of(long row);
    }

    private InsertSettings textInsertSettings(LoadRequest req, TextShape shape, long batch, long rejectedSoFar) {
        InsertSettings st = insertSettings(req, batch, rejectedSoFar);
        if (shape.csv() && shape.delimiter != ',') {
            st.serverSetting("format_csv_delimiter", String.valueOf(shape.delimiter));
        }
        st.setInputStreamCopyBufferSize(1 << 20);
        st.serverSetting("date_time_input_format", dateTimeInputFormat(req));
        return st;
    }

    /** The date-time parser ClickHouse uses for a text source (see {@link LoadRequest#dateTimeInputFormat()}). */
    private String dateTimeInputFormat(LoadRequest req) {
        switch (req.dateTimeInputFormat()) {
            case "basic":
                return "basic";
            case "best_effort":
                return "best_effort";
            default:
                return plainDateTimes ? "basic" : "best_effort";
        }
    }

    private void loadText(ClickHouseSession s, LoadRequest req, FileSource f, ColumnMatcher m, String db, String into,
            Counters n) throws IOException {
        Path path = Paths.get(f.path());
        long size = Files.size(path);
        TextShape shape = new TextShape(f.format(), f.delimiter(), f.describe());
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 20)) {
            RecordBatcher batcher = new RecordBatcher(in, shape.csv(), req.batch().maxRows(), req.batch().maxBytes());
            List<String> columns;
            if (f.header()) {
                byte[] h = batcher.readHeaderLine();
                if (h == null) {
                    throw new BadInputException(f.describe() + " is empty (no header line); fix: write a header line"
                            + " with the column names, or set header=false");
                }
                String line = new String(h, StandardCharsets.UTF_8);
                columns = shape.csv() ? TextRecords.csv(line, f.delimiter()) : TextRecords.tsv(line);
                for (int i = 0; i < columns.size(); i++) {
                    columns.set(i, columns.get(i).trim());
                }
                m.checkNames(columns, f.describe());
                n.columns = columns;
            } else if (f.format() == FileFormat.JSON_EACH_ROW) {
                columns = null; // JSON names its fields on every row
            } else {
                columns = m.insertableColumns();
                n.columns = columns;
            }
            Positions positions = row -> f.path() + " row " + row;
            if (req.wholeFileInserts() && !req.errors().allowsErrors()) {
                // No error budget: any bad row fails the load, so nothing needs counting per batch. The file goes to
                // ClickHouse as one streamed insert straight from the file (no record scanning, no copies), which
                // ClickHouse cuts into blocks itself; only the sampled head is checked here first.
                long headerBytes = batcher.consumed();
                RecordBatcher.Batch head = batcher.next(req.sampleRows()); // only the sampled head is read here
                if (head == null) {
                    return;
                }
                validateSample(m, shape, columns, head, req.sampleRows());
                if (columns == null) {
                    n.columns = sampledJsonColumns;
                }
                streamWholeFile(s, req, f, shape, m, columns, path, headerBytes, size, db, into, n);
                return;
            }
            loadBatches(s, req, shape, m, columns, batcher::next, size, db, into, n, positions);
        }
    }

    /** One batch source: file batches (cut by {@link RecordBatcher}) or Kafka batches. */
    private interface BatchReader {
        RecordBatcher.Batch next() throws IOException;
    }

    private void loadBatches(ClickHouseSession s, LoadRequest req, TextShape shape, ColumnMatcher m,
            List<String> columns, BatchReader batches, long totalBytes, String db, String into, Counters n,
            Positions positions) throws IOException {
        long rowBase = 0;
        long bytesRead = 0;
        long tStart = System.currentTimeMillis();
        // read the next batch while the current one is being inserted (memory: two batches at most)
        ExecutorService reader = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, Thread.currentThread().getName() + "-reader");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<RecordBatcher.Batch> next = reader.submit(batches::next);
            while (true) {
                RecordBatcher.Batch b = await(next);
                if (b == null) {
                    break;
                }
                next = reader.submit(batches::next);
                checkCancelled();
                if (n.batches == 0) {
                    validateSample(m, shape, columns, b, req.sampleRows());
                    if (columns == null) {
                        n.columns = sampledJsonColumns;
                    }
                }
                InsertSettings st = textInsertSettings(req, shape, n.batches, n.rejected);
                InsertResponse r;
                try {
                    r = s.insert(Sql.table(db, into), columns == null ? List.of() : quoted(columns),
                            new ByteArrayInputStream(b.data, 0, b.length),
                            ClickHouseFormat.valueOf(shape.format.clickHouseName()), st);
                } catch (LoadException e) {
                    throw explainRejectedBatch(req, shape, m, columns, b, rowBase, e);
                }
                long written = r.getWrittenRows();
                r.close();
                accountBatch(s, req, shape, m, columns, b, rowBase, written, n, positions);
                rowBase += b.rows;
                bytesRead += b.length;
                progress(n, bytesRead, totalBytes, tStart);
            }
        } finally {
            reader.shutdownNow();
        }
    }

    private void streamWholeFile(ClickHouseSession s, LoadRequest req, FileSource f, TextShape shape, ColumnMatcher m,
            List<String> columns, Path path, long offset, long size, String db, String into, Counters n)
            throws IOException {
        checkCancelled();
        long tStart = System.currentTimeMillis();
        long[] sent = {0};
        long[] lastReport = {0};
        InputStream body = new java.io.FilterInputStream(Files.newInputStream(path)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    sent[0] += r;
                    if (sent[0] - lastReport[0] >= (256L << 20)) {
                        lastReport[0] = sent[0];
                        long ms = Math.max(1, System.currentTimeMillis() - tStart);
                        info(String.format(Locale.ROOT, "streamed %,d of %,d bytes (%.0f%%), %,.0f MB/s", sent[0],
                                size - offset, 100.0 * sent[0] / Math.max(1, size - offset), sent[0] / 1000.0 / ms));
                    }
                }
                return r;
            }
        };
        try (InputStream in = body) {
            long skipped = 0;
            while (skipped < offset) {
                long k = in.skip(offset - skipped);
                if (k <= 0) {
                    throw new IOException("could not skip the header of " + path);
                }
                skipped += k;
            }
            sent[0] = 0;
            InsertResponse r;
            try {
                r = s.insert(Sql.table(db, into), columns == null ? List.of() : quoted(columns), in,
                        ClickHouseFormat.valueOf(shape.format.clickHouseName()), textInsertSettings(req, shape, 0, 0));
            } catch (LoadException e) {
                throw explainRejectedFile(req, f, shape, m, columns, path, offset, e);
            }
            long written = r.getWrittenRows();
            r.close();
            n.batches = 1;
            n.read = written;
            n.loaded = written;
            n.bytes = size - offset;
        }
        long ms = Math.max(1, System.currentTimeMillis() - tStart);
        info(String.format(Locale.ROOT, "streamed %s in one insert: %,d rows, %,d bytes, %,.0f rows/s", f.path(),
                n.loaded, n.bytes, n.loaded * 1000.0 / ms));
    }

    /** The whole-file insert failed: find the first bad row ourselves, batch by batch, for a precise message. */
    private LoadException explainRejectedFile(LoadRequest req, FileSource f, TextShape shape, ColumnMatcher m,
            List<String> columns, Path path, long offset, LoadException e) throws IOException {
        if (cancelled) {
            return e;
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 20)) {
            long k = 0;
            while (k < offset) {
                k += in.skip(offset - k);
            }
            RecordBatcher batcher = new RecordBatcher(in, shape.csv(), 100_000, 16 << 20);
            long rowBase = 0;
            for (RecordBatcher.Batch b = batcher.next(); b != null; b = batcher.next()) {
                LoadException explained = explainRejectedBatch(req, shape, m, columns, b, rowBase, e);
                if (explained != e) {
                    return explained;
                }
                rowBase += b.rows;
            }
        }
        return e;
    }

    private static RecordBatcher.Batch await(Future<RecordBatcher.Batch> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoadException("load cancelled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            throw new LoadException("reading the source failed: " + e.getCause(), e.getCause());
        }
    }

    private static List<String> quoted(List<String> columns) {
        List<String> out = new ArrayList<>(columns.size());
        for (String c : columns) {
            out.add(Sql.id(c));
        }
        return out;
    }

    private void validateSample(ColumnMatcher m, TextShape f, List<String> columns, RecordBatcher.Batch b, int limit)
            throws IOException {
        List<String> recs = RecordBatcher.records(b.data, b.length, f.csv(), limit);
        Set<String> jsonKeys = new LinkedHashSet<>();
        long row = 0;
        for (String rec : recs) {
            row++;
            Map<String, String> values = parse(f, columns, rec, row);
            if (f.format == FileFormat.JSON_EACH_ROW) {
                jsonKeys.addAll(values.keySet());
            }
            m.checkRow(values, row, f.describe);
            for (Map.Entry<String, String> e : values.entrySet()) {
                dev.lark.clickhouse.load.schema.ExistingColumn c = m.column(e.getKey());
                if (plainDateTimes && c != null && c.type().contains("DateTime") && e.getValue() != null
                        && !e.getValue().isEmpty()) {
                    plainDateTimes = (c.type().contains("DateTime64") ? PLAIN_DATE_TIME64 : PLAIN_DATE_TIME)
                            .matcher(e.getValue()).matches();
                }
            }
        }
        if (f.format == FileFormat.JSON_EACH_ROW && !recs.isEmpty()) {
            m.checkNames(new ArrayList<>(jsonKeys), f.describe);
            sampledJsonColumns = new ArrayList<>(jsonKeys);
        }
    }

    private static Map<String, String> parse(TextShape f, List<String> columns, String rec, long row)
            throws IOException {
        if (f.format == FileFormat.JSON_EACH_ROW) {
            try {
                return TextRecords.json(rec);
            } catch (IOException e) {
                throw new BadInputException("row " + row + " of " + f.describe + " is not a JSON object: "
                        + e.getMessage() + "; fix: one JSON object per line");
            }
        }
        List<String> fields = f.csv() ? TextRecords.csv(rec, f.delimiter) : TextRecords.tsv(rec);
        if (fields.size() != columns.size()) {
            throw new BadInputException("row " + row + " of " + f.describe + " has " + fields.size() + " fields but "
                    + columns.size() + " columns " + columns + " are expected; fix: make every row have one field per"
                    + " column (quote values containing the delimiter)");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < fields.size(); i++) {
            String v = fields.get(i);
            // CSV empty fields become the column default in ClickHouse (input_format_csv_empty_as_default)
            out.put(columns.get(i), f.csv() && v != null && v.isEmpty() ? null : v);
        }
        if (f.csv()) {
            out.values().removeIf(v -> v == null);
        }
        return out;
    }

    /**
     * ClickHouse refused a whole batch (over the error budget). Find the first bad row ourselves so the message
     * names column, row, value and fix instead of ClickHouse's parser state.
     */
    private LoadException explainRejectedBatch(LoadRequest req, TextShape f, ColumnMatcher m, List<String> columns,
            RecordBatcher.Batch b, long rowBase, LoadException e) throws IOException {
        if (cancelled) {
            return e;
        }
        List<String[]> bad = badRows(f, m, columns, b, rowBase, 1);
        if (bad.isEmpty()) {
            if ("basic".equals(dateTimeInputFormat(req)) && !(e.getMessage() != null
                    && e.getMessage().contains("dateTimeInputFormat"))) {
                return new LoadException(e.getMessage() + "\n  (date-times were parsed in ClickHouse's basic"
                        + " format YYYY-MM-DD hh:mm:ss, as all sampled values had it; if later rows use another form,"
                        + " set dateTimeInputFormat: best_effort)", e);
            }
            return e;
        }
        long row = Long.parseLong(bad.get(0)[0]);
        return new LoadException(bad.get(0)[1].replace("{row}", "row " + row + " of " + f.describe)
                + (req.mode().staged() ? "; the target was not changed" : "; earlier batches of this"
                + " append stay loaded, and a retry of the same schedule time will not duplicate them"), e);
    }

    /**
     * Re-checks a batch row by row: up to {@code limit} entries of {row number, problem (with a "{row}"
     * placeholder), raw record}, in source order.
     */
    private List<String[]> badRows(TextShape f, ColumnMatcher m, List<String> columns, RecordBatcher.Batch b,
            long rowBase, int limit) throws IOException {
        List<String[]> bad = new ArrayList<>();
        long row = rowBase;
        for (String rec : RecordBatcher.records(b.data, b.length, f.csv(), Integer.MAX_VALUE)) {
            row++;
            String why;
            try {
                why = m.problem(parse(f, columns, rec, row));
            } catch (BadInputException e) {
                why = e.getMessage();
            }
            if (why != null) {
                bad.add(new String[] {Long.toString(row), why, rec});
                if (bad.size() >= limit) {
                    break;
                }
            }
        }
        return bad;
    }

    /** Counts a batch; rows ClickHouse skipped under the error budget are found again and dead-lettered. */
    private void accountBatch(ClickHouseSession s, LoadRequest req, TextShape f, ColumnMatcher m,
            List<String> columns, RecordBatcher.Batch b, long rowBase, long written, Counters n, Positions positions)
            throws IOException {
        n.batches++;
        n.read += b.rows;
        n.bytes += b.length;
        if (written >= b.rows) {
            n.loaded += written;
            return;
        }
        List<String[]> bad = new ArrayList<>();
        if (req.errors().allowsErrors()) {
            for (String[] r : badRows(f, m, columns, b, rowBase, Integer.MAX_VALUE)) {
                bad.add(new String[] {r[0], r[1].replace("{row}", "row " + r[0]), r[2],
                        positions.of(Long.parseLong(r[0]))});
            }
        }
        long rejected = b.rows - written;
        n.loaded += written;
        n.rejected += rejected;
        deadLetters.write(s, req, f.describe, bad, rejected, n.batches - 1);
        if (!req.errors().within(n.rejected, n.read)) {
            throw new LoadException(n.rejected + " rows could not be parsed (budget: " + req.errors().maxRows()
                    + " rows / " + req.errors().maxRatio() + "); first: " + (bad.isEmpty() ? "?" : bad.get(0)[1])
                    + (req.mode().staged() ? "; the target was not changed" : "") + "; fix the source or raise the"
                    + " error budget");
        }
    }

    // ---------------------------------------------------------------- kafka

    private void loadKafka(ClickHouseSession s, LoadRequest req, KafkaSource k, ColumnMatcher m, String db,
            String into, Counters n) throws IOException {
        TextShape shape = new TextShape(k.format(), k.delimiter(), k.describe());
        List<String> columns = k.format() == FileFormat.JSON_EACH_ROW ? null : m.insertableColumns();
        if (columns != null) {
            n.columns = columns;
        }
        try (KafkaBatches batches = new KafkaBatches(k, req.batch().maxRows(), req.batch().maxBytes())) {
            kafka = batches;
            info(String.format(Locale.ROOT, "kafka topic %s: loading offsets %s (at most %,d records)", k.topic(),
                    describeRanges(batches.ranges()), batches.maxRecords()));
            // each batch holds one partition's records; the dead-letter position is topic/partition@offset
            KafkaPositions positions = new KafkaPositions(k.topic());
            BatchReader reader = () -> {
                KafkaBatches.Batch b = batches.next();
                if (b == null) {
                    return null;
                }
                positions.add(b);
                return new RecordBatcher.Batch(b.data, b.length, b.rows());
            };
            loadBatches(s, req, shape, m, columns, reader, 0, db, into, n, positions);
            if (batches.tombstones() > 0) {
                info(String.format(Locale.ROOT, "skipped %,d tombstones (records without a value)",
                        batches.tombstones()));
            }
            n.sourcePosition = describeRanges(batches.ranges());
        } finally {
            kafka = null;
        }
    }

    /**
     * Row number (1-based, over the whole load) to topic/partition@offset, for the few most recent batches: rows are
     * accounted right after their batch is inserted, while at most one further batch has been read ahead.
     */
    private static final class KafkaPositions implements Positions {
        private final String topic;
        private final java.util.ArrayDeque<Object[]> recent = new java.util.ArrayDeque<>();
        private long rows;

        KafkaPositions(String topic) {
            this.topic = topic;
        }

        synchronized void add(KafkaBatches.Batch b) {
            recent.addLast(new Object[] {rows, b.partition, b.offsets});
            rows += b.rows();
            while (recent.size() > 4) {
                recent.removeFirst();
            }
        }

        @Override
        public synchronized String of(long row) {
            for (Object[] e : recent) {
                long first = (Long) e[0];
                long[] offsets = (long[]) e[2];
                if (row > first && row <= first + offsets.length) {
                    return topic + "/" + e[1] + "@" + offsets[(int) (row - first - 1)];
                }
            }
            return topic + " row " + row;
        }
    }

    private static String describeRanges(Map<Integer, long[]> ranges) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<Integer, long[]> e : ranges.entrySet()) {
            b.append(b.length() > 0 ? "," : "").append(e.getKey()).append(':').append(e.getValue()[0]).append('-')
                    .append(e.getValue()[1]);
        }
        return b.toString();
    }

    private void progress(Counters n, long done, long total, long tStart) {
        long ms = Math.max(1, System.currentTimeMillis() - tStart);
        if (total > 0) {
            info(String.format(Locale.ROOT, "batch %d: %,d rows so far, %.0f%% of input, %,.0f rows/s", n.batches,
                    n.read, 100.0 * done / total, n.read * 1000.0 / ms));
        } else {
            info(String.format(Locale.ROOT, "batch %d: %,d rows so far, %,.0f rows/s", n.batches, n.read,
                    n.read * 1000.0 / ms));
        }
    }

    private void loadParquet(ClickHouseSession s, LoadRequest req, FileSource f, ColumnMatcher m, String db,
            String into, Counters n) throws IOException {
        Path path = Paths.get(f.path());
        ParquetFooter footer = ParquetFooter.read(path);
        List<String> columns = new ArrayList<>();
        for (ParquetFooter.Column c : footer.columns()) {
            columns.add(c.name);
        }
        m.checkNames(columns, f.describe());
        m.checkParquet(footer, f.describe());
        n.columns = columns;
        checkCancelled();
        // Parquet cannot be cut at arbitrary bytes; it is streamed whole (our memory stays bounded by the copy buffer)
        InsertSettings st = insertSettings(req, 0, 0);
        // Parquet pages are already compressed; client-side LZ4 of a streamed file only costs CPU
        st.compressClientRequest(false);
        long tStart = System.currentTimeMillis();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 20)) {
            InsertResponse r = s.insert(Sql.table(db, into), quoted(columns), in, ClickHouseFormat.Parquet, st);
            long written = r.getWrittenRows();
            r.close();
            n.batches = 1;
            n.read = footer.rows();
            n.bytes = Files.size(path);
            n.loaded = written;
            n.rejected = Math.max(0, footer.rows() - written);
            progress(n, n.bytes, n.bytes, tStart);
        }
        if (!req.errors().within(n.rejected, n.read)) {
            throw new LoadException(n.rejected + " Parquet rows were rejected; fix the file or raise the error budget");
        }
    }

    private void loadServerFile(ClickHouseSession s, LoadRequest req, FileSource f, ColumnMatcher m, String db,
            String into, Counters n) {
        String fn = "file({lark_path:String}, {lark_format:String})";
        Map<String, Object> params = Map.of("lark_path", f.path(), "lark_format", f.format().clickHouseName(f.header()));
        List<String> columns = new ArrayList<>();
        for (GenericRecord r : s.query("DESCRIBE TABLE " + fn, params)) {
            columns.add(r.getString(1));
        }
        m.checkNames(columns, f.describe());
        n.columns = columns;
        loadInsertSelect(s, req, "SELECT " + String.join(", ", quoted(columns)) + " FROM " + fn, params, columns, db,
                into, n);
    }

    private void loadClickHouseQuery(ClickHouseSession s, LoadRequest req, ClickHouseQuerySource q, ColumnMatcher m,
            String db, String into, Counters n) {
        List<String> columns = new ArrayList<>();
        for (GenericRecord r : s.query("DESCRIBE (" + q.query() + ")", Map.of())) {
            columns.add(r.getString(1));
        }
        m.checkNames(columns, req.source().describe());
        n.columns = columns;
        loadInsertSelect(s, req, "SELECT " + String.join(", ", quoted(columns)) + " FROM (" + q.query() + ")",
                Map.of(), columns, db, into, n);
    }

    private void loadInsertSelect(ClickHouseSession s, LoadRequest req, String select, Map<String, Object> params,
            List<String> columns, String db, String into, Counters n) {
        checkCancelled();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(Sql.table(db, into)).append(" (")
                .append(String.join(", ", quoted(columns))).append(") ").append(select)
                // SETTINGS has no parameter slot; the token is our own text, quoted
                .append(" SETTINGS insert_deduplication_token = ").append(Sql.literal(req.token().forBatch(0)))
                .append(", date_time_input_format = 'best_effort'");
        if (req.errors().allowsErrors()) {
            sql.append(", input_format_allow_errors_num = ").append(req.errors().maxRows());
            if (req.errors().maxRatio() > 0) {
                sql.append(", input_format_allow_errors_ratio = ").append(req.errors().maxRatio());
            }
        }
        long written = s.execute(sql.toString(), params);
        n.batches = 1;
        n.read = written;
        n.loaded = written;
    }

    private void loadJdbc(ClickHouseSession s, LoadRequest req, JdbcQuerySource q, ColumnMatcher m, String db,
            String into, Counters n) throws SQLException, IOException {
        try (Connection c = q.connections().open(); Statement st = c.createStatement()) {
            jdbcStatement = st;
            try {
                st.setFetchSize(q.fetchSize());
                try (ResultSet rs = st.executeQuery(q.query())) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> columns = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        columns.add(md.getColumnLabel(i));
                    }
                    m.checkNames(columns, q.describe());
                    n.columns = columns;
                    ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 20);
                    int rows = 0;
                    long row = 0;
                    long tStart = System.currentTimeMillis();
                    Map<String, String> values = new LinkedHashMap<>();
                    while (rs.next()) {
                        row++;
                        values.clear();
                        for (int i = 1; i <= columns.size(); i++) {
                            String v = rs.getString(i);
                            if (row <= req.sampleRows()) {
                                values.put(columns.get(i - 1), v);
                            }
                            if (i > 1) {
                                buf.write('\t');
                            }
                            writeTsv(buf, v);
                        }
                        buf.write('\n');
                        if (row <= req.sampleRows()) {
                            m.checkRow(values, row, q.describe());
                        }
                        rows++;
                        if (rows >= req.batch().maxRows() || buf.size() >= req.batch().maxBytes()) {
                            sendTsv(s, req, db, into, columns, buf, rows, n);
                            progress(n, 0, 0, tStart);
                            buf.reset();
                            rows = 0;
                        }
                    }
                    if (rows > 0) {
                        sendTsv(s, req, db, into, columns, buf, rows, n);
                        progress(n, 0, 0, tStart);
                    }
                }
            } finally {
                jdbcStatement = null;
            }
        }
    }

    private void sendTsv(ClickHouseSession s, LoadRequest req, String db, String into, List<String> columns,
            ByteArrayOutputStream buf, int rows, Counters n) {
        checkCancelled();
        InsertSettings st = insertSettings(req, n.batches, n.rejected);
        InsertResponse r = s.insert(Sql.table(db, into), quoted(columns), new ByteArrayInputStream(buf.toByteArray()),
                ClickHouseFormat.TabSeparated, st);
        long written = r.getWrittenRows();
        r.close();
        n.batches++;
        n.read += rows;
        n.bytes += buf.size();
        n.loaded += written;
        n.rejected += rows - written;
        if (!req.errors().within(n.rejected, n.read)) {
            throw new LoadException(n.rejected + " source rows were rejected by ClickHouse; fix the query or raise"
                    + " the error budget");
        }
    }

    private static void writeTsv(ByteArrayOutputStream out, String v) {
        if (v == null) {
            out.write('\\');
            out.write('N');
            return;
        }
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) {
            switch (x) {
                case '\t': out.write('\\'); out.write('t'); break;
                case '\n': out.write('\\'); out.write('n'); break;
                case '\r': out.write('\\'); out.write('r'); break;
                case '\\': out.write('\\'); out.write('\\'); break;
                default: out.write(x);
            }
        }
    }

    // ---------------------------------------------------------------- publish and verify

    private static Set<String> activeParts(ClickHouseSession s, String db, String table) {
        Set<String> out = new HashSet<>();
        for (GenericRecord r : s.query("SELECT name FROM system.parts WHERE database = {db:String} AND table ="
                + " {t:String} AND active", Map.of("db", db, "t", table))) {
            out.add(r.getString(1));
        }
        return out;
    }

    private static List<String> newPartitions(ClickHouseSession s, String db, String table, Set<String> before) {
        Set<String> out = new LinkedHashSet<>();
        for (GenericRecord r : s.query("SELECT name, partition_id FROM system.parts WHERE database = {db:String} AND"
                + " table = {t:String} AND active ORDER BY partition_id", Map.of("db", db, "t", table))) {
            if (!before.contains(r.getString(1))) {
                out.add(r.getString(2));
            }
        }
        return new ArrayList<>(out);
    }

    private static List<String> stagingPartitions(ClickHouseSession s, String db, String staging) {
        List<String> out = new ArrayList<>();
        for (GenericRecord r : s.query("SELECT DISTINCT partition_id FROM system.parts WHERE database = {db:String}"
                + " AND table = {t:String} AND active ORDER BY partition_id", Map.of("db", db, "t", staging))) {
            out.add(r.getString(1));
        }
        return out;
    }

    private void publish(ClickHouseSession s, LoadRequest req, String db, String table, String staging,
            List<String> partitions) {
        String target = Sql.table(db, table);
        String from = Sql.table(db, staging);
        switch (req.mode()) {
            case OVERWRITE_PARTITIONS:
                for (String p : partitions) {
                    s.execute("ALTER TABLE " + target + " REPLACE PARTITION ID " + Sql.literal(p) + " FROM " + from);
                }
                info(String.format(java.util.Locale.ROOT, "replaced %s partitions of %s", partitions.size(), target));
                break;
            case OVERWRITE_TABLE:
                s.execute("EXCHANGE TABLES " + target + " AND " + from);
                info(String.format(java.util.Locale.ROOT, "exchanged %s with the staged table", target));
                break;
            case UPSERT:
                for (String p : partitions) {
                    s.execute("ALTER TABLE " + target + " ATTACH PARTITION ID " + Sql.literal(p) + " FROM " + from);
                }
                info(String.format(java.util.Locale.ROOT, "attached %s staged partitions to %s (ReplacingMergeTree keeps the newest version)", partitions.size(), target));
                break;
            default:
                throw new IllegalStateException(req.mode().toString());
        }
    }

    private static void verifyPublished(ClickHouseSession s, LoadRequest req, String db, String table,
            List<String> partitions, long staged, String checksum) {
        String where = req.mode() == LoadMode.OVERWRITE_PARTITIONS ? " WHERE _partition_id IN {p:Array(String)}" : "";
        Map<String, Object> params = Map.of("p", partitions);
        long loaded = s.scalarLong("SELECT count() FROM " + Sql.table(db, table) + where, params);
        if (loaded != staged) {
            throw new LoadException("verification failed after publishing: staged " + staged + " rows but "
                    + db + "." + table + " holds " + loaded + " in the replaced range");
        }
        if (checksum != null) {
            String after = checksum(s, Sql.table(db, table) + where, params);
            if (!checksum.equals(after)) {
                throw new LoadException("checksum mismatch after publishing: staged " + checksum + ", loaded " + after);
            }
        }
    }

    /** Order-independent checksum of all rows: XOR of row hashes. */
    private static String checksum(ClickHouseSession s, String tableAndWhere, Map<String, Object> params) {
        List<GenericRecord> r = s.query("SELECT toString(groupBitXor(cityHash64(*))) FROM " + tableAndWhere, params);
        return r.get(0).getString(1);
    }
}
