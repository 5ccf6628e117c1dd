package dev.lark.datasource.clickhouse;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource over clickhouse-jdbc 0.11 that opens each new connection on the first host that answers, in the
 * order given. The driver instance is used directly, so an older ClickHouse driver elsewhere on DS's classpath
 * (DS 3.1.1 ships ru.yandex clickhouse-jdbc 0.1.52) cannot be picked by DriverManager instead.
 */
final class FailoverDataSource implements DataSource {
    private final Driver driver;
    private final List<String> urls;
    private final Properties properties;
    private int loginTimeout;

    FailoverDataSource(Driver driver, List<String> urls, Properties properties) {
        this.driver = driver;
        this.urls = urls;
        this.properties = properties;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return getConnection(properties.getProperty("user"), properties.getProperty("password"));
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        SQLException last = null;
        for (String url : urls) {
            Properties p = new Properties();
            p.putAll(properties);
            if (username != null) {
                p.setProperty("user", username);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            try {
                Connection c = driver.connect(url, p);
                // clickhouse-jdbc 0.11 connects lazily (HTTP): probe the host before handing the connection out
                if (c != null && c.isValid(loginTimeout > 0 ? loginTimeout : 10)) {
                    return c;
                }
                if (c != null) {
                    c.close();
                }
                last = new SQLException("ClickHouse at " + url + " did not answer", last);
            } catch (SQLException e) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                last = e;
            }
        }
        throw last != null ? last : new SQLException("no ClickHouse host accepted a connection: " + urls);
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // not used
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
