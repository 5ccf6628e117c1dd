package dev.lark.clickhouse.load.schema;

import dev.lark.clickhouse.load.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generates the DDL for a declared table. Pure string building: unit-tested without a server. */
public final class Ddl {
    private Ddl() {
    }

    private static String onCluster(TableSpec spec) {
        return spec.cluster().map(c -> " ON CLUSTER " + Sql.id(c.cluster())).orElse("");
    }

    public static String createDatabase(TableSpec spec) {
        return "CREATE DATABASE IF NOT EXISTS " + Sql.id(spec.database()) + onCluster(spec) + " ENGINE = Atomic";
    }

    public static String createTable(TableSpec spec) {
        StringBuilder b = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(spec.qualifiedName())
                .append(onCluster(spec)).append("\n(\n");
        List<ColumnSpec> cols = spec.columns();
        for (int i = 0; i < cols.size(); i++) {
            b.append("    ").append(cols.get(i).toSql()).append(i + 1 < cols.size() ? ",\n" : "\n");
        }
        b.append(")\nENGINE = ").append(spec.engine().toSql());
        spec.partitionBy().ifPresent(p -> b.append("\nPARTITION BY ").append(p));
        spec.primaryKey().ifPresent(p -> b.append("\nPRIMARY KEY ").append(p));
        b.append("\nORDER BY ").append(spec.orderBy());
        spec.sampleBy().ifPresent(p -> b.append("\nSAMPLE BY ").append(p));
        spec.ttl().ifPresent(p -> b.append("\nTTL ").append(p));
        if (!spec.settings().isEmpty()) {
            b.append("\nSETTINGS ").append(settings(spec.settings()));
        }
        return b.toString();
    }

    /** The Distributed table over the local table on every shard (cluster layouts only). */
    public static String createDistributed(TableSpec spec) {
        ClusterSpec c = spec.cluster().orElseThrow(() -> new IllegalStateException("no cluster declared"));
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(spec.database(), c.distributedTable()) + onCluster(spec)
                + " AS " + spec.qualifiedName() + "\nENGINE = Distributed(" + Sql.literal(c.cluster()) + ", "
                + Sql.literal(spec.database()) + ", " + Sql.literal(spec.table()) + ", " + c.shardingKey() + ")";
    }

    /** Statements for the safe part of a diff, plus the destructive part when {@code allowDestructive}. */
    public static List<String> alter(TableSpec spec, SchemaDiff diff, boolean allowDestructive) {
        List<String> out = new ArrayList<>();
        for (SchemaDiff.Change c : diff.changes()) {
            if (c.destructive() && !allowDestructive) {
                continue;
            }
            String prefix = "ALTER TABLE " + spec.qualifiedName() + onCluster(spec) + " ";
            switch (c.kind()) {
                case ADD_COLUMN:
                    out.add(prefix + "ADD COLUMN IF NOT EXISTS " + c.declared().toSql()
                            + (c.after() == null ? " FIRST" : " AFTER " + Sql.id(c.after())));
                    break;
                case CHANGE_TYPE:
                    out.add(prefix + "MODIFY COLUMN " + c.declared().toSql());
                    break;
                default:
                    out.add(prefix + "DROP COLUMN IF EXISTS " + Sql.id(c.column()));
            }
        }
        if (spec.cluster().isPresent() && !out.isEmpty()) {
            // the Distributed table has its own column list; keep it in step with the local table
            ClusterSpec cl = spec.cluster().get();
            for (SchemaDiff.Change c : diff.changes()) {
                if (c.kind() == SchemaDiff.Kind.ADD_COLUMN) {
                    out.add("ALTER TABLE " + Sql.table(spec.database(), cl.distributedTable()) + onCluster(spec)
                            + " ADD COLUMN IF NOT EXISTS " + c.declared().toSql());
                }
            }
        }
        return out;
    }

    public static String settings(Map<String, String> settings) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(e.getKey()).append(" = ").append(Sql.settingValue(e.getValue()));
        }
        return b.toString();
    }

    /** An empty copy of the target with the same structure, engine and partition key (needed by REPLACE PARTITION). */
    public static String createStaging(String database, String target, String staging) {
        return "CREATE TABLE " + Sql.table(database, staging) + " AS " + Sql.table(database, target);
    }

    public static String dropTable(String database, String table) {
        return "DROP TABLE IF EXISTS " + Sql.table(database, table) + " SYNC";
    }
}
