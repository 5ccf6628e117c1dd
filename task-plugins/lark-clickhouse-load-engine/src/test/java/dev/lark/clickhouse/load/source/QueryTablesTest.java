package dev.lark.clickhouse.load.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryTablesTest {
    @Test
    void theDemoAggregationReadsOdsOrders() {
        assertThat(QueryTables.read("SELECT toDate(created_at) AS dt, count() AS orders, uniqExact(customer_id) AS"
                + " customers, sum(quantity) AS quantity, sum(amount) AS revenue FROM lark_demo.ods_orders"
                + " WHERE status != 'cancelled' GROUP BY dt ORDER BY dt", "other"))
                .containsExactly("lark_demo.ods_orders");
    }

    @Test
    void unqualifiedNamesGetTheDefaultDatabase() {
        assertThat(QueryTables.read("SELECT id FROM orders", "lark_demo")).containsExactly("lark_demo.orders");
    }

    @Test
    void joinsAndSubqueriesReportEveryTableOnce() {
        assertThat(QueryTables.read("SELECT o.id, c.name FROM `shop`.`orders` o JOIN customers c ON o.cid = c.id"
                + " WHERE o.id IN (SELECT id FROM shop.orders WHERE amount > 0) UNION ALL SELECT id, name FROM"
                + " \"archive\".\"old_orders\"", "crm"))
                .containsExactly("shop.orders", "crm.customers", "archive.old_orders");
    }

    @Test
    void cteNamesAndTableFunctionsAreNotTables() {
        assertThat(QueryTables.read("WITH recent AS (SELECT * FROM db1.events WHERE ts > now() - 3600)"
                + " SELECT r.id FROM recent r JOIN numbers(10) n ON r.id = n.number", "db0"))
                .containsExactly("db1.events");
        assertThat(QueryTables.read("SELECT number FROM numbers(10)", "db0")).isEmpty();
    }

    @Test
    void unparsableQueriesSayWhy() {
        assertThatThrownBy(() -> QueryTables.read("SELECT FROM WHERE ((", "db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("could not parse");
        assertThatThrownBy(() -> QueryTables.read(" ", "db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
    }
}
