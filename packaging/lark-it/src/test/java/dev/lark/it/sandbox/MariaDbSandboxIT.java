package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lark.testkit.Sandboxed;

/** The sandbox's private MariaDB takes rows from user {@code lark} over JDBC and gives them back. */
@Sandboxed({"mariadb"})
class MariaDbSandboxIT extends JdbcSandboxRoundTrip {
    @Override
    String component() {
        return "mariadb";
    }

    @Override
    String quote() {
        return "`";
    }

    @Override
    String tableOptions() {
        return " ENGINE = InnoDB";
    }

    @Override
    String databaseAndUserSql() {
        return "DATABASE(), CURRENT_USER()";
    }

    @Override
    void assertUserIsLark(String currentUser) {
        assertThat(currentUser).startsWith("lark@");
    }
}
