package dev.lark.testkit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Set-up statements and single-value reads for integration tests against the sandbox databases. */
public final class TestSql {
    private TestSql() {
    }

    /** Runs each statement in order. */
    public static void exec(Connection c, String... statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** The first column of the first row as a long; fails when the query returns no row. */
    public static long one(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            requireRow(rs, query);
            return rs.getLong(1);
        }
    }

    /** The first column of the first row as text; fails when the query returns no row. */
    public static String text(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            requireRow(rs, query);
            return rs.getString(1);
        }
    }

    private static void requireRow(ResultSet rs, String query) throws SQLException {
        if (!rs.next()) {
            throw new AssertionError("no row from: " + query);
        }
    }
}
