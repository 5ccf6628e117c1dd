package dev.lark.clickhouse.load.load;

import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.schema.TableSpec;
import dev.lark.clickhouse.load.source.SourceSpec;
import java.util.Optional;

/** Everything one load needs, validated when built. */
public final class LoadRequest {
    private final String database;
    private final String table;
    private final TableSpec declared;
    private final boolean allowDestructiveChanges;
    private final LoadMode mode;
    private final SourceSpec source;
    private final DedupToken token;
    private final BatchPolicy batch;
    private final ErrorBudget errors;
    private final boolean verifyChecksum;
    private final int sampleRows;
    private final boolean wholeFileInserts;
    private final String dateTimeInputFormat;

    private LoadRequest(Builder b) {
        ConfigException.require(b.source != null, "source", null, "choose a source: file, kafka, jdbc query or clickhouse query");
        ConfigException.require(b.mode != null, "mode", null, "use one of append, overwrite_partitions, overwrite_table, upsert");
        ConfigException.require(b.token != null, "scheduleTime", null, "give task code and schedule time");
        if (b.declared != null) {
            this.database = b.declared.database();
            this.table = b.declared.table();
        } else {
            ConfigException.require(b.database != null && !b.database.isEmpty(), "target.database", b.database,
                    "name the target database, or declare the table (columns, engine, order by)");
            ConfigException.require(b.table != null && !b.table.isEmpty(), "target.table", b.table,
                    "name the target table");
            this.database = b.database;
            this.table = b.table;
        }
        ConfigException.require(b.sampleRows >= 0, "validation.sampleRows", b.sampleRows, "use 0 or more rows");
        this.declared = b.declared;
        this.allowDestructiveChanges = b.allowDestructiveChanges;
        this.mode = b.mode;
        this.source = b.source;
        this.token = b.token;
        this.batch = b.batch == null ? BatchPolicy.DEFAULT : b.batch;
        this.errors = b.errors == null ? ErrorBudget.NONE : b.errors;
        this.verifyChecksum = b.verifyChecksum;
        this.sampleRows = b.sampleRows;
        this.wholeFileInserts = b.wholeFileInserts;
        String dtf = b.dateTimeInputFormat == null ? "auto"
                : b.dateTimeInputFormat.trim().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
        ConfigException.require(dtf.equals("auto") || dtf.equals("basic") || dtf.equals("best_effort"),
                "dateTimeInputFormat", b.dateTimeInputFormat, "use auto (the default), basic (YYYY-MM-DD hh:mm:ss,"
                        + " fastest) or best_effort (also ISO 8601 with T, zones, and other forms)");
        this.dateTimeInputFormat = dtf;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public Optional<TableSpec> declared() {
        return Optional.ofNullable(declared);
    }

    public boolean allowDestructiveChanges() {
        return allowDestructiveChanges;
    }

    public LoadMode mode() {
        return mode;
    }

    public SourceSpec source() {
        return source;
    }

    public DedupToken token() {
        return token;
    }

    public BatchPolicy batch() {
        return batch;
    }

    public ErrorBudget errors() {
        return errors;
    }

    public boolean verifyChecksum() {
        return verifyChecksum;
    }

    public int sampleRows() {
        return sampleRows;
    }

    /**
     * Local CSV/TSV/JSON-lines files without an error budget go to ClickHouse as one streamed insert (ClickHouse cuts
     * it into blocks); false cuts them into batches of {@link #batch()} like other sources.
     */
    public boolean wholeFileInserts() {
        return wholeFileInserts;
    }

    /**
     * How ClickHouse parses date-times of text sources (files, Kafka): {@code basic}, {@code best_effort}, or
     * {@code auto}: basic when every sampled date-time value is plain {@code YYYY-MM-DD hh:mm:ss}, else best_effort.
     */
    public String dateTimeInputFormat() {
        return dateTimeInputFormat;
    }

    public static final class Builder {
        private String database;
        private String table;
        private TableSpec declared;
        private boolean allowDestructiveChanges;
        private LoadMode mode = LoadMode.APPEND;
        private SourceSpec source;
        private DedupToken token;
        private BatchPolicy batch;
        private ErrorBudget errors;
        private boolean verifyChecksum;
        private int sampleRows = 1000;
        private boolean wholeFileInserts = true;
        private String dateTimeInputFormat;

        public Builder dateTimeInputFormat(String f) {
            this.dateTimeInputFormat = f;
            return this;
        }

        public Builder wholeFileInserts(boolean w) {
            this.wholeFileInserts = w;
            return this;
        }

        /** Load into an existing table without managing its schema. */
        public Builder target(String database, String table) {
            this.database = database;
            this.table = table;
            return this;
        }

        /** Create / evolve the table from this declaration, then load into it. */
        public Builder declared(TableSpec spec) {
            this.declared = spec;
            return this;
        }

        public Builder allowDestructiveChanges(boolean b) {
            this.allowDestructiveChanges = b;
            return this;
        }

        public Builder mode(LoadMode m) {
            this.mode = m;
            return this;
        }

        public Builder source(SourceSpec s) {
            this.source = s;
            return this;
        }

        public Builder token(DedupToken t) {
            this.token = t;
            return this;
        }

        public Builder batch(BatchPolicy b) {
            this.batch = b;
            return this;
        }

        public Builder errors(ErrorBudget e) {
            this.errors = e;
            return this;
        }

        public Builder verifyChecksum(boolean v) {
            this.verifyChecksum = v;
            return this;
        }

        public Builder sampleRows(int n) {
            this.sampleRows = n;
            return this;
        }

        public LoadRequest build() {
            return new LoadRequest(this);
        }
    }
}
