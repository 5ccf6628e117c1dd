package dev.lark.lineage.model;

/**
 * What kind of store a dataset lives in. Each kind maps to one Atlas type (built-in where Atlas has one, so that
 * entities join up with what Atlas's own hooks create).
 */
public enum DatasetKind {
    /** Atlas {@code hive_table}, qualifiedName {@code db.table@namespace}. */
    HIVE_TABLE,
    /** Atlas {@code kafka_topic}, qualifiedName {@code topic@namespace}. */
    KAFKA_TOPIC,
    /** Atlas {@code hdfs_path}, qualifiedName {@code hdfs://nameservice/path@namespace}. */
    HDFS_PATH,
    /** Atlas {@code fs_path} for a local/worker file, qualifiedName {@code file://host/path@namespace}. */
    FILE,
    /** Atlas {@code rdbms_table}, qualifiedName {@code db[.schema].table@serverAlias}. */
    JDBC_TABLE,
    /** Lark's {@code clickhouse_table} (subtype of rdbms_table), qualifiedName {@code db.table@serverAlias}. */
    CLICKHOUSE_TABLE
}
