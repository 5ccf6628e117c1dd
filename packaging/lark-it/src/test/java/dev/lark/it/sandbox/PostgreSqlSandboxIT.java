package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.testkit.Sandboxed;

/** The sandbox's private PostgreSQL cluster takes rows from user {@code lark} over JDBC and gives them back. */
@Sandboxed({"postgresql"})
class PostgreSqlSandboxIT extends JdbcSandboxRoundTrip {
    @Override
    String component() {
        return "postgresql";
    }

    @Override
    String quote() {
        return "\"";
    }

    @Override
    String tableOptions() {
        return "";
    }

    @Override
    String databaseAndUserSql() {
        return "current_database(), current_user";
    }

    @Override
    void assertUserIsLark(String currentUser) {
        assertThat(currentUser).isEqualTo("lark");
    }
}
