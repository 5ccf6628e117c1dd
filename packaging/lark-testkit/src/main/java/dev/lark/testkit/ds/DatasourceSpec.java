package dev.lark.testkit.ds;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A DS datasource as the UI submits it (DS 3.1.1 {@code BaseDataSourceParamDTO}: type, name, host, port, database,
 * userName, password, other). Immutable; {@link #other(String, String)} returns a copy with one more connection
 * setting.
 */
public final class DatasourceSpec {
    private final String type;
    private final String name;
    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> other;

    private DatasourceSpec(String type, String name, String host, int port, String database, String user,
            String password, Map<String, String> other) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = Objects.requireNonNull(name, "name");
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.database = Objects.requireNonNull(database, "database");
        this.user = Objects.requireNonNull(user, "user");
        this.password = password == null ? "" : password;
        this.other = Map.copyOf(other);
    }

    /** {@code type} is DS's DbType name: MYSQL, POSTGRESQL, CLICKHOUSE, ... */
    public static DatasourceSpec of(String type, String name, String host, int port, String database, String user,
            String password) {
        return new DatasourceSpec(type, name, host, port, database, user, password, Map.of());
    }

    public DatasourceSpec other(String key, String value) {
        Map<String, String> o = new LinkedHashMap<>(other);
        o.put(key, value);
        return new DatasourceSpec(type, name, host, port, database, user, password, o);
    }

    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String database() {
        return database;
    }

    String user() {
        return user;
    }

    /** Package-private: only the request body needs it, never a message. */
    String password() {
        return password;
    }

    Map<String, String> otherSettings() {
        return other;
    }

    @Override
    public String toString() {
        return type + " datasource " + name + " (" + user + "@" + host + ":" + port + "/" + database + ")";
    }
}
