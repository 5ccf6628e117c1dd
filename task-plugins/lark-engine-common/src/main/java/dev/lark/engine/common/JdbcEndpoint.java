package dev.lark.engine.common;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Where and how to connect to a JDBC database. Immutable; {@link #toString()} never shows the password, and the
 * password is registered with {@link Secrets} so it is masked anywhere else it might surface.
 */
public final class JdbcEndpoint {
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String driverClass;
    private final Map<String, String> properties;

    private JdbcEndpoint(Builder b) {
        this.jdbcUrl = Objects.requireNonNull(b.jdbcUrl, "jdbcUrl");
        this.user = b.user;
        this.password = b.password;
        this.driverClass = b.driverClass;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        Secrets.register(password);
    }

    public static Builder builder(String jdbcUrl) {
        return new Builder(jdbcUrl);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    /** The clear-text password: hand it to a driver, never to a log. */
    public String password() {
        return password;
    }

    public String driverClass() {
        return driverClass;
    }

    public Map<String, String> properties() {
        return properties;
    }

    public SqlDialect dialect() {
        return SqlDialect.fromJdbcUrl(jdbcUrl);
    }

    /** Opens a connection, loading the driver class first when one was named. */
    public Connection connect() throws SQLException {
        if (driverClass != null && !driverClass.isEmpty()) {
            try {
                Class.forName(driverClass);
            } catch (ClassNotFoundException e) {
                throw new SQLException("JDBC driver class " + driverClass + " is not on the classpath", e);
            }
        }
        Properties p = new Properties();
        p.putAll(properties);
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        try {
            return DriverManager.getConnection(jdbcUrl, p);
        } catch (SQLException e) {
            // drivers sometimes echo the URL with credentials: never let them through
            throw new SQLException(Secrets.redact(e.getMessage()), e.getSQLState(), e.getErrorCode());
        }
    }

    @Override
    public String toString() {
        return "JdbcEndpoint{" + Secrets.redact(jdbcUrl) + ", user=" + user + ", password="
                + (password == null ? "none" : Secrets.MASK) + '}';
    }

    public static final class Builder {
        private final String jdbcUrl;
        private String user;
        private String password;
        private String driverClass;
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
        }

        public Builder user(String u) {
            this.user = u;
            return this;
        }

        public Builder password(String p) {
            this.password = p;
            return this;
        }

        public Builder driverClass(String d) {
            this.driverClass = d;
            return this;
        }

        public Builder property(String k, String v) {
            this.properties.put(k, v);
            return this;
        }

        public JdbcEndpoint build() {
            return new JdbcEndpoint(this);
        }
    }
}
