package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An input or output of a run. Build one with {@link dev.lark.lineage.naming.Datasets} so that the name follows
 * the convention Atlas's own hooks use for that store ({@code db.tbl@ns}, {@code topic@ns}, ...).
 *
 * <p>{@code namespace} is the Atlas metadata namespace for Hive/Kafka/HDFS (the cluster name the other hooks use)
 * and the stable server alias for JDBC/ClickHouse tables (never host:port, so replicas do not duplicate tables).
 */
@JsonDeserialize(builder = Dataset.Builder.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Dataset {
    private final DatasetKind kind;
    private final String namespace;
    private final String name;
    private final String platform;
    private final String database;
    private final String schema;
    private final String table;
    private final List<SchemaField> fields;
    private final QualityFacet quality;
    private final Map<String, String> properties;

    private Dataset(Builder b) {
        this.kind = Checks.notNull("dataset.kind", b.kind);
        this.namespace = Checks.notBlank("dataset.namespace", b.namespace).trim();
        this.name = Checks.notBlank("dataset.name", b.name).trim();
        if (namespace.contains("@") || namespace.contains(":") || namespace.contains("/")) {
            throw new IllegalArgumentException("dataset.namespace must be a cluster name or server alias without"
                    + " '@' or host:port (got '" + namespace + "'); use a stable alias like 'ch-prod'");
        }
        this.platform = b.platform;
        this.database = b.database;
        this.schema = b.schema;
        this.table = b.table;
        this.fields = Checks.copy(b.fields);
        this.quality = b.quality;
        this.properties = Checks.copy(b.properties);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().kind(kind).namespace(namespace).name(name).platform(platform).database(database)
                .schema(schema).table(table).fields(fields).quality(quality).properties(properties);
    }

    /**
     * The Atlas qualifiedName: lowercase name + {@code @} + namespace, as Atlas's hooks build them. This is the
     * dataset's identity everywhere (journal ordering, column lineage references, Atlas unique attribute).
     */
    @JsonIgnore
    public String qualifiedName() {
        return (name + "@" + namespace).toLowerCase(Locale.ROOT);
    }

    /** The qualifiedName of one of this dataset's columns ({@code db.tbl.col@ns}, as the Hive hook does). */
    public String columnQualifiedName(String column) {
        return (name + "." + column + "@" + namespace).toLowerCase(Locale.ROOT);
    }

    public DatasetKind getKind() { return kind; }
    public String getNamespace() { return namespace; }
    /** Store-specific name before the {@code @}: {@code db.table}, topic, or path. */
    public String getName() { return name; }
    /** For JDBC: mysql, mariadb, postgresql, clickhouse, ... */
    public String getPlatform() { return platform; }
    public String getDatabase() { return database; }
    public String getSchema() { return schema; }
    public String getTable() { return table; }
    public List<SchemaField> getFields() { return fields; }
    /** Data-quality results for this dataset from this run (null when the run checked none). */
    public QualityFacet getQuality() { return quality; }
    public Map<String, String> getProperties() { return properties; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dataset)) return false;
        Dataset d = (Dataset) o;
        return kind == d.kind && namespace.equals(d.namespace) && name.equals(d.name)
                && Objects.equals(platform, d.platform) && Objects.equals(database, d.database)
                && Objects.equals(schema, d.schema) && Objects.equals(table, d.table) && fields.equals(d.fields)
                && Objects.equals(quality, d.quality) && properties.equals(d.properties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, namespace, name);
    }

    @Override
    public String toString() {
        return kind + ":" + qualifiedName();
    }

    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private DatasetKind kind;
        private String namespace;
        private String name;
        private String platform;
        private String database;
        private String schema;
        private String table;
        private List<SchemaField> fields = new ArrayList<>();
        private QualityFacet quality;
        private Map<String, String> properties = new LinkedHashMap<>();

        public Builder kind(DatasetKind v) { this.kind = v; return this; }
        public Builder namespace(String v) { this.namespace = v; return this; }
        public Builder name(String v) { this.name = v; return this; }
        public Builder platform(String v) { this.platform = v; return this; }
        public Builder database(String v) { this.database = v; return this; }
        public Builder schema(String v) { this.schema = v; return this; }
        public Builder table(String v) { this.table = v; return this; }
        public Builder fields(List<SchemaField> v) { this.fields = new ArrayList<>(v); return this; }
        public Builder field(String fieldName, String type) { this.fields.add(SchemaField.of(fieldName, type)); return this; }
        public Builder quality(QualityFacet v) { this.quality = v; return this; }
        public Builder properties(Map<String, String> v) { this.properties = new LinkedHashMap<>(v); return this; }
        public Builder property(String key, String value) { this.properties.put(key, value); return this; }

        public Dataset build() {
            return new Dataset(this);
        }
    }
}
