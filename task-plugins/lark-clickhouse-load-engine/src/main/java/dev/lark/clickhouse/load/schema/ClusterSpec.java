package dev.lark.clickhouse.load.schema;

import dev.lark.clickhouse.load.ConfigException;
import dev.lark.clickhouse.load.sql.Sql;

/**
 * Cluster layout: every DDL runs {@code ON CLUSTER}, the declared table is the per-shard local table, and a
 * Distributed table over it is what readers and loaders address.
 */
public final class ClusterSpec {
    private final String cluster;
    private final String distributedTable;
    private final String shardingKey;

    public ClusterSpec(String cluster, String distributedTable, String shardingKey) {
        ConfigException.require(cluster != null && !cluster.trim().isEmpty(), "cluster.name", cluster,
                "name a cluster from the servers' remote_servers config");
        ConfigException.require(distributedTable != null && !distributedTable.trim().isEmpty(),
                "cluster.distributedTable", distributedTable, "name the Distributed table, e.g. <table>_all");
        if (shardingKey != null) {
            Sql.checkExpression("cluster.shardingKey", shardingKey);
        }
        this.cluster = cluster;
        this.distributedTable = distributedTable;
        this.shardingKey = shardingKey == null ? "rand()" : shardingKey;
    }

    public String cluster() {
        return cluster;
    }

    public String distributedTable() {
        return distributedTable;
    }

    public String shardingKey() {
        return shardingKey;
    }
}
