package dev.lark.clickhouse.load.schema;

import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.sql.Sql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A declared ClickHouse table: where it lives, its columns, engine, keys, TTL, settings and cluster layout. */
public final class TableSpec {
    /** Lets plain MergeTree deduplicate retried inserts by token (0 = off, the server default). */
    public static final String DEDUP_WINDOW_SETTING = "non_replicated_deduplication_window";
    public static final String DEFAULT_DEDUP_WINDOW = "1000";

    private final String database;
    private final String table;
    private final List<ColumnSpec> columns;
    private final TableEngine engine;
    private final String partitionBy;
    private final String orderBy;
    private final String primaryKey;
    private final String sampleBy;
    private final String ttl;
    private final Map<String, String> settings;
    private final ClusterSpec cluster;

    private TableSpec(Builder b) {
        ConfigException.require(b.database != null && !b.database.trim().isEmpty(), "target.database", b.database,
                "name the target database (not 'default': it does not support EXCHANGE TABLES)");
        ConfigException.require(b.table != null && !b.table.trim().isEmpty(), "target.table", b.table,
                "name the target table");
        ConfigException.require(!b.columns.isEmpty(), "target.columns", "[]",
                "declare at least one column (name and ClickHouse type)");
        Set<String> names = new HashSet<>();
        for (ColumnSpec c : b.columns) {
            ConfigException.require(names.add(c.name()), "target.columns", c.name(),
                    "each column name may appear once; remove the duplicate");
        }
        ConfigException.require(b.orderBy != null && !b.orderBy.trim().isEmpty(), "target.orderBy", b.orderBy,
                "MergeTree tables need ORDER BY: give the sorting key, or 'tuple()' for none");
        Sql.checkExpression("target.orderBy", b.orderBy);
        if (b.partitionBy != null) {
            Sql.checkExpression("target.partitionBy", b.partitionBy);
        }
        if (b.primaryKey != null) {
            Sql.checkExpression("target.primaryKey", b.primaryKey);
        }
        if (b.sampleBy != null) {
            Sql.checkExpression("target.sampleBy", b.sampleBy);
        }
        if (b.ttl != null) {
            Sql.checkExpression("target.ttl", b.ttl);
        }
        TableEngine engine = b.engine == null ? TableEngine.mergeTree() : b.engine;
        if (engine.versionColumn() != null) {
            ConfigException.require(names.contains(engine.versionColumn()), "engine.versionColumn",
                    engine.versionColumn(), "the version column must be one of the declared columns " + names);
        }
        if (engine.isDeletedColumn() != null) {
            ConfigException.require(names.contains(engine.isDeletedColumn()), "engine.isDeletedColumn",
                    engine.isDeletedColumn(), "the is_deleted column must be one of the declared columns (UInt8)");
        }
        for (String s : engine.sumColumns()) {
            ConfigException.require(names.contains(s), "engine.sumColumns", s,
                    "every sum column must be one of the declared columns " + names);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : b.settings.entrySet()) {
            Sql.checkSettingName("target.settings", e.getKey());
            ConfigException.require(e.getValue() != null, "target.settings." + e.getKey(), null, "give a value");
            settings.put(e.getKey(), e.getValue());
        }
        settings.putIfAbsent(DEDUP_WINDOW_SETTING, DEFAULT_DEDUP_WINDOW);
        this.database = b.database;
        this.table = b.table;
        this.columns = Collections.unmodifiableList(new ArrayList<>(b.columns));
        this.engine = engine;
        this.partitionBy = b.partitionBy;
        this.orderBy = b.orderBy;
        this.primaryKey = b.primaryKey;
        this.sampleBy = b.sampleBy;
        this.ttl = b.ttl;
        this.settings = Collections.unmodifiableMap(settings);
        this.cluster = b.cluster;
    }

    public static Builder builder(String database, String table) {
        return new Builder(database, table);
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public List<ColumnSpec> columns() {
        return columns;
    }

    public Optional<ColumnSpec> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public TableEngine engine() {
        return engine;
    }

    public Optional<String> partitionBy() {
        return Optional.ofNullable(partitionBy);
    }

    public String orderBy() {
        return orderBy;
    }

    public Optional<String> primaryKey() {
        return Optional.ofNullable(primaryKey);
    }

    public Optional<String> sampleBy() {
        return Optional.ofNullable(sampleBy);
    }

    public Optional<String> ttl() {
        return Optional.ofNullable(ttl);
    }

    public Map<String, String> settings() {
        return settings;
    }

    public Optional<ClusterSpec> cluster() {
        return Optional.ofNullable(cluster);
    }

    public String qualifiedName() {
        return Sql.table(database, table);
    }

    public static final class Builder {
        private final String database;
        private final String table;
        private final List<ColumnSpec> columns = new ArrayList<>();
        private TableEngine engine;
        private String partitionBy;
        private String orderBy;
        private String primaryKey;
        private String sampleBy;
        private String ttl;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private ClusterSpec cluster;

        private Builder(String database, String table) {
            this.database = database;
            this.table = table;
        }

        public Builder column(String name, String type) {
            columns.add(ColumnSpec.of(name, type));
            return this;
        }

        public Builder column(ColumnSpec c) {
            columns.add(c);
            return this;
        }

        public Builder engine(TableEngine e) {
            this.engine = e;
            return this;
        }

        public Builder partitionBy(String e) {
            this.partitionBy = blankToNull(e);
            return this;
        }

        public Builder orderBy(String e) {
            this.orderBy = blankToNull(e);
            return this;
        }

        public Builder primaryKey(String e) {
            this.primaryKey = blankToNull(e);
            return this;
        }

        public Builder sampleBy(String e) {
            this.sampleBy = blankToNull(e);
            return this;
        }

        public Builder ttl(String e) {
            this.ttl = blankToNull(e);
            return this;
        }

        public Builder setting(String k, String v) {
            settings.put(k, v);
            return this;
        }

        public Builder cluster(ClusterSpec c) {
            this.cluster = c;
            return this;
        }

        public TableSpec build() {
            return new TableSpec(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.trim().isEmpty() ? null : s;
        }
    }
}
