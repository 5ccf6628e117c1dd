package dev.lark.engine.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void quotesPerDialectAndEscapesEmbeddedQuotes() {
        assertThat(SqlDialect.MYSQL.quote("order")).isEqualTo("`order`");
        assertThat(SqlDialect.MYSQL.quote("a`b")).isEqualTo("`a``b`");
        assertThat(SqlDialect.POSTGRESQL.quote("Mixed\"Case")).isEqualTo("\"Mixed\"\"Case\"");
        assertThat(SqlDialect.CLICKHOUSE.quoteQualified("lark.events")).isEqualTo("\"lark\".\"events\"");
    }

    @Test
    void keepsQuotedPartsTogether() {
        assertThat(SqlDialect.MYSQL.quoteQualified("`my.db`.t")).isEqualTo("`my.db`.`t`");
        assertThat(SqlDialect.POSTGRESQL.splitQualified("\"a.b\".c")).containsExactly("a.b", "c");
        assertThatThrownBy(() -> SqlDialect.MYSQL.quoteQualified("db..t")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void picksDialectFromJdbcUrl() {
        assertThat(SqlDialect.fromJdbcUrl("jdbc:mariadb://h/db")).isEqualTo(SqlDialect.MYSQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:postgresql://h/db")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:clickhouse://h:8123/db")).isEqualTo(SqlDialect.CLICKHOUSE);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:h2:mem:x")).isEqualTo(SqlDialect.ANSI);
    }
}
