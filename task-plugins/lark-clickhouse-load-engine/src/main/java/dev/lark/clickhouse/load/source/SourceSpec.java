package dev.lark.clickhouse.load.source;

/** Where the rows come from. One of {@link FileSource}, {@link KafkaSource}, {@link JdbcQuerySource},
 * {@link ClickHouseQuerySource}. */
public interface SourceSpec {
    /** A description safe for logs and lineage (never credentials). */
    String describe();
}
