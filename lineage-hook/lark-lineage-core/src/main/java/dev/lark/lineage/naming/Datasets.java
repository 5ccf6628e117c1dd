package dev.lark.lineage.naming;

import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.DatasetKind;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builders for datasets named the way Atlas's own hooks name them, so Lark's entities join up with theirs:
 * <ul>
 *   <li>Hive: {@code db.table@namespace} (Hive hook)</li>
 *   <li>Kafka: {@code topic@namespace} (Kafka hook)</li>
 *   <li>HDFS: {@code hdfs://nameservice/path@namespace} (Hive hook's hdfs_path)</li>
 *   <li>JDBC / ClickHouse: {@code db[.schema].table@serverAlias}; the alias names the logical server (all replicas
 *       of a ClickHouse shard share one), never host:port, so a failover does not create a second table.</li>
 * </ul>
 * Each method returns a builder so callers can add fields, quality and properties.
 */
public final class Datasets {
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private Datasets() {
    }

    public static Dataset.Builder hiveTable(String namespace, String database, String table) {
        String db = lower("hive database", database);
        String tbl = lower("hive table", table);
        return Dataset.builder().kind(DatasetKind.HIVE_TABLE).namespace(namespace).platform("hive")
                .database(db).table(tbl).name(db + "." + tbl);
    }

    public static Dataset.Builder kafkaTopic(String namespace, String topic) {
        String t = lower("kafka topic", topic);
        return Dataset.builder().kind(DatasetKind.KAFKA_TOPIC).namespace(namespace).platform("kafka").table(t).name(t);
    }

    /** {@code uri} as Hadoop prints it, e.g. {@code hdfs://ns1/warehouse/events}; a trailing slash is dropped. */
    public static Dataset.Builder hdfsPath(String namespace, String uri) {
        String u = required("hdfs path", uri).trim();
        if (!u.startsWith("hdfs://")) {
            throw new IllegalArgumentException("hdfs path must be a full URI like hdfs://nameservice/path (got '"
                    + uri + "')");
        }
        while (u.length() > "hdfs://".length() + 1 && u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return Dataset.builder().kind(DatasetKind.HDFS_PATH).namespace(namespace).platform("hdfs").name(u);
    }

    /** A file on a worker/host, e.g. a dead-letter or an input file: {@code file://host/abs/path@namespace}. */
    public static Dataset.Builder file(String namespace, String host, String absolutePath) {
        String path = required("file path", absolutePath).trim();
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("file path must be absolute (got '" + absolutePath + "')");
        }
        return Dataset.builder().kind(DatasetKind.FILE).namespace(namespace).platform("file")
                .name("file://" + lower("file host", host) + path);
    }

    /**
     * A table of a JDBC database (MySQL, MariaDB, PostgreSQL, ...). {@code schema} may be null (MySQL has none).
     * {@code serverAlias} is the stable logical name of the server, e.g. the DS datasource name.
     */
    public static Dataset.Builder jdbcTable(String platform, String serverAlias, String database, String schema,
            String table) {
        String db = lower("database", database);
        String sch = schema == null || schema.trim().isEmpty() ? null : lower("schema", schema);
        String tbl = lower("table", table);
        return Dataset.builder().kind(DatasetKind.JDBC_TABLE).namespace(alias(serverAlias))
                .platform(lower("platform", platform)).database(db).schema(sch).table(tbl)
                .name(sch == null ? db + "." + tbl : db + "." + sch + "." + tbl);
    }

    /** A ClickHouse table; replicas share the alias (e.g. {@code ch-prod}), so they map to one entity. */
    public static Dataset.Builder clickhouseTable(String serverAlias, String database, String table) {
        String db = lower("clickhouse database", database);
        String tbl = lower("clickhouse table", table);
        return Dataset.builder().kind(DatasetKind.CLICKHOUSE_TABLE).namespace(alias(serverAlias))
                .platform("clickhouse").database(db).table(tbl).name(db + "." + tbl);
    }

    /**
     * Normalises a server alias: lowercase, letters/digits/{@code . _ -}. Rejects host:port on purpose, because
     * the same server reached through another replica would otherwise become a second dataset.
     */
    public static String alias(String serverAlias) {
        String a = lower("server alias", serverAlias).replace(' ', '-');
        if (!ALIAS.matcher(a).matches()) {
            throw new IllegalArgumentException("server alias '" + serverAlias + "' must be a stable logical name"
                    + " of [a-z0-9._-] (max 64), not host:port or a URL; e.g. 'ch-prod' or the DS datasource name");
        }
        return a;
    }

    private static String lower(String what, String v) {
        return required(what, v).trim().toLowerCase(Locale.ROOT);
    }

    private static String required(String what, String v) {
        if (v == null || v.trim().isEmpty()) {
            throw new IllegalArgumentException(what + " is required (got " + (v == null ? "null" : "'" + v + "'") + ")");
        }
        return v;
    }
}
