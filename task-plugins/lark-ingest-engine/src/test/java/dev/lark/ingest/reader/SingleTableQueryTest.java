package dev.lark.ingest.reader;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which form-mode SQL can be split on a key, and why the rest cannot. */
class SingleTableQueryTest {
    @Test
    void aPlainSelectFromOneTableIsSplittableWithItsColumnsAndWhere() {
        SingleTableQuery q = SingleTableQuery.analyze("select id, upper(name) AS uname, amount * 2 from shop.orders"
                + " where amount > 10 and name like 'a%' order by id;");
        assertThat(q.splittable()).as(q.reason()).isTrue();
        assertThat(q.table()).isEqualTo("shop.orders");
        assertThat(q.columns()).containsExactly("id", "upper(name) AS uname", "amount * 2");
        assertThat(q.where()).isEqualTo("amount > 10 AND name LIKE 'a%'");

        SingleTableQuery star = SingleTableQuery.analyze("SELECT * FROM `orders`");
        assertThat(star.splittable()).isTrue();
        assertThat(star.table()).isEqualTo("`orders`");
        assertThat(star.columns()).containsExactly("*");
        assertThat(star.where()).isNull();
    }

    @Test
    void everythingElseRunsAsWrittenWithAReason() {
        assertThat(reason("select a.id, b.x from a join b on a.id = b.id")).contains("joins 2 tables");
        assertThat(reason("select id from a, b")).contains("joins");
        assertThat(reason("select o.id from orders o")).contains("alias (o)");
        assertThat(reason("select distinct id from a")).contains("DISTINCT");
        assertThat(reason("select k, count(*) from a group by k")).contains("GROUP BY");
        assertThat(reason("select count(*) from a")).contains("aggregate");
        assertThat(reason("select id, sum(x) over (partition by k) from a")).contains("aggregate or window");
        assertThat(reason("select id from a limit 10")).contains("LIMIT");
        assertThat(reason("select id from a union all select id from b")).contains("not one plain SELECT");
        assertThat(reason("with t as (select 1 as id) select id from t")).contains("WITH");
        assertThat(reason("select id from (select id from a) s")).contains("subquery");
        assertThat(reason("select 1")).contains("no table");
        assertThat(reason("delete from a")).contains("not one plain SELECT");
        assertThat(reason("this is not sql")).contains("cannot read");
        assertThat(reason("select id from a for update")).contains("locking");
    }

    private static String reason(String sql) {
        SingleTableQuery q = SingleTableQuery.analyze(sql);
        assertThat(q.splittable()).as(sql).isFalse();
        return q.reason();
    }
}
