package dev.lark.clickhouse.load.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.clickhouse.load.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdlTest {
    private static TableSpec.Builder orders() {
        return TableSpec.builder("dwd", "orders")
                .column("order_id", "UInt64")
                .column("dt", "Date")
                .column("amount", "Decimal(18, 2)")
                .column("ver", "UInt32")
                .orderBy("(dt, order_id)");
    }

    @Test
    void createTableWithEveryClause() {
        TableSpec spec = orders()
                .engine(TableEngine.replacing("ver"))
                .partitionBy("toYYYYMM(dt)")
                .primaryKey("dt")
                .sampleBy("order_id")
                .ttl("dt + INTERVAL 1 YEAR")
                .setting("index_granularity", "8192")
                .setting("storage_policy", "default")
                .column(new ColumnSpec("note", "String", "''", "ZSTD(3)", "free text"))
                .build();
        assertThat(Ddl.createTable(spec)).isEqualTo("CREATE TABLE IF NOT EXISTS `dwd`.`orders`\n(\n"
                + "    `order_id` UInt64,\n    `dt` Date,\n    `amount` Decimal(18, 2),\n    `ver` UInt32,\n"
                + "    `note` String DEFAULT '' CODEC(ZSTD(3)) COMMENT 'free text'\n)\n"
                + "ENGINE = ReplacingMergeTree(`ver`)\nPARTITION BY toYYYYMM(dt)\nPRIMARY KEY dt\n"
                + "ORDER BY (dt, order_id)\nSAMPLE BY order_id\nTTL dt + INTERVAL 1 YEAR\n"
                + "SETTINGS index_granularity = 8192, storage_policy = 'default', non_replicated_deduplication_window = 1000");
    }

    @Test
    void engines() {
        assertThat(TableEngine.mergeTree().toSql()).isEqualTo("MergeTree()");
        assertThat(TableEngine.replacing("v", "del").toSql()).isEqualTo("ReplacingMergeTree(`v`, `del`)");
        assertThat(TableEngine.summing(List.of("a", "b")).toSql()).isEqualTo("SummingMergeTree((`a`, `b`))");
        assertThat(TableEngine.aggregating().toSql()).isEqualTo("AggregatingMergeTree()");
        assertThat(TableEngine.Kind.parse("engine", "replacing_merge_tree")).isEqualTo(TableEngine.Kind.REPLACING_MERGE_TREE);
    }

    @Test
    void identifiersAreQuotedEvenWhenHostile() {
        TableSpec spec = TableSpec.builder("db", "t`; DROP TABLE x; --").column("we`ird", "String").orderBy("tuple()").build();
        assertThat(Ddl.createTable(spec)).startsWith("CREATE TABLE IF NOT EXISTS `db`.`t\\`; DROP TABLE x; --`")
                .contains("`we\\`ird` String");
    }

    @Test
    void clusterDdlAndDistributedTable() {
        TableSpec spec = orders().cluster(new ClusterSpec("prod", "orders_all", "cityHash64(order_id)")).build();
        assertThat(Ddl.createDatabase(spec)).isEqualTo("CREATE DATABASE IF NOT EXISTS `dwd` ON CLUSTER `prod` ENGINE = Atomic");
        assertThat(Ddl.createTable(spec)).startsWith("CREATE TABLE IF NOT EXISTS `dwd`.`orders` ON CLUSTER `prod`\n(");
        assertThat(Ddl.createDistributed(spec)).isEqualTo("CREATE TABLE IF NOT EXISTS `dwd`.`orders_all` ON CLUSTER `prod`"
                + " AS `dwd`.`orders`\nENGINE = Distributed('prod', 'dwd', 'orders', cityHash64(order_id))");
    }

    @Test
    void alterAddsColumnsInDeclaredOrderAndSkipsDestructiveUnlessAllowed() {
        TableSpec spec = orders().column("channel", "LowCardinality(String)").build();
        List<ExistingColumn> existing = List.of(new ExistingColumn("order_id", "UInt64", ""),
                new ExistingColumn("dt", "Date", ""), new ExistingColumn("amount", "Decimal(10, 2)", ""),
                new ExistingColumn("ver", "UInt32", ""), new ExistingColumn("legacy", "String", ""));
        SchemaDiff diff = SchemaDiff.between(spec, existing);
        assertThat(diff.changes()).extracting(SchemaDiff.Change::toString).containsExactly(
                "change type of amount from Decimal(10, 2) to Decimal(18, 2)",
                "add column channel LowCardinality(String)",
                "drop column legacy String");
        assertThat(Ddl.alter(spec, diff, false)).containsExactly(
                "ALTER TABLE `dwd`.`orders` ADD COLUMN IF NOT EXISTS `channel` LowCardinality(String) AFTER `ver`");
        assertThat(Ddl.alter(spec, diff, true)).containsExactly(
                "ALTER TABLE `dwd`.`orders` MODIFY COLUMN `amount` Decimal(18, 2)",
                "ALTER TABLE `dwd`.`orders` ADD COLUMN IF NOT EXISTS `channel` LowCardinality(String) AFTER `ver`",
                "ALTER TABLE `dwd`.`orders` DROP COLUMN IF EXISTS `legacy`");
    }

    @Test
    void alterOnClusterAlsoExtendsTheDistributedTable() {
        TableSpec spec = orders().column("channel", "String").cluster(new ClusterSpec("prod", "orders_all", null)).build();
        List<ExistingColumn> existing = List.of(new ExistingColumn("order_id", "UInt64", ""),
                new ExistingColumn("dt", "Date", ""), new ExistingColumn("amount", "Decimal(18, 2)", ""),
                new ExistingColumn("ver", "UInt32", ""));
        assertThat(Ddl.alter(spec, SchemaDiff.between(spec, existing), false)).containsExactly(
                "ALTER TABLE `dwd`.`orders` ON CLUSTER `prod` ADD COLUMN IF NOT EXISTS `channel` String AFTER `ver`",
                "ALTER TABLE `dwd`.`orders_all` ON CLUSTER `prod` ADD COLUMN IF NOT EXISTS `channel` String");
    }

    @Test
    void serverSpellingOfTypesIsNotADifference() {
        TableSpec spec = TableSpec.builder("d", "t").column("x", "Decimal(18,2)").orderBy("tuple()").build();
        assertThat(SchemaDiff.between(spec, List.of(new ExistingColumn("x", "Decimal(18, 2)", ""))).isEmpty()).isTrue();
    }

    @Test
    void validationNamesFieldValueAndFix() {
        assertThatThrownBy(() -> TableSpec.builder("d", "t").column("a", "Int32").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("target.orderBy")
                .hasMessageContaining("tuple()");
        assertThatThrownBy(() -> TableSpec.builder("d", "t").column("a", "Int32; DROP").orderBy("a").build())
                .hasMessageContaining("'columns[a].type' = \"Int32; DROP\"").hasMessageContaining("use a ClickHouse type");
        assertThatThrownBy(() -> TableSpec.builder("d", "t").column("a", "Int32").orderBy("a; DROP TABLE x").build())
                .hasMessageContaining("target.orderBy").hasMessageContaining("remove ';'");
        assertThatThrownBy(() -> TableSpec.builder("d", "t").column("a", "Int32").orderBy("a")
                .engine(TableEngine.replacing("ver")).build())
                .hasMessageContaining("'engine.versionColumn' = \"ver\"").hasMessageContaining("declared columns [a]");
        assertThatThrownBy(() -> TableSpec.builder("d", "t").column("a", "Int32").column("a", "String").orderBy("a").build())
                .hasMessageContaining("'target.columns' = \"a\"");
        assertThatThrownBy(() -> TableSpec.builder("d", "t").column("a", "Int32").orderBy("a").setting("bad name", "1").build())
                .hasMessageContaining("'target.settings' = \"bad name\"");
        assertThatThrownBy(() -> TableEngine.Kind.parse("engine", "Log")).hasMessageContaining("'engine' = \"Log\"");
        // a ';' inside a string literal is fine
        TableSpec ok = TableSpec.builder("d", "t").column("a", "Enum8('x;y' = 1)").orderBy("a").ttl("a + 1").build();
        assertThat(ok.columns()).hasSize(1);
    }
}
