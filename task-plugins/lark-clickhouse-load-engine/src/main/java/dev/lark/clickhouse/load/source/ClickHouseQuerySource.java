package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.sql.Sql;

/** A SELECT run by the target ClickHouse itself: the load is one INSERT ... SELECT on the server. */
public final class ClickHouseQuerySource implements SourceSpec {
    private final String query;

    public ClickHouseQuerySource(String query) {
        Sql.checkExpression("source.query", query);
        this.query = query.trim();
    }

    public String query() {
        return query;
    }

    @Override
    public String describe() {
        return "ClickHouse query";
    }
}
