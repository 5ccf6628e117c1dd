package dev.lark.task.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.Secrets;
import org.apache.dolphinscheduler.plugin.datasource.api.utils.DataSourceUtils;
import org.apache.dolphinscheduler.plugin.datasource.api.utils.PasswordUtils;
import org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.AbstractResourceParameters;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.DataSourceParameters;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.ResourceParametersHelper;
import org.apache.dolphinscheduler.spi.datasource.BaseConnectionParam;
import org.apache.dolphinscheduler.spi.datasource.ConnectionParam;
import org.apache.dolphinscheduler.spi.enums.DbType;

/**
 * Turns the DS datasources the master resolved for this task ({@code ResourceParametersHelper}, filled because
 * {@link LarkParameters#datasourceIds()} declared them) into JDBC endpoints, the way DS 3.1.1's own SQL and DATAX
 * tasks do: {@code DataSourceUtils.buildConnectionParams(type, connectionParams)}, {@code DataSourceUtils.getJdbcUrl}
 * and {@code PasswordUtils.decodePassword}. Passwords are registered with {@link Secrets} so they never get logged.
 */
public final class DsDatasources {
    private final ResourceParametersHelper helper;

    public DsDatasources(ResourceParametersHelper helper) {
        this.helper = helper;
    }

    public ResolvedDatasource resolve(String field, int id) {
        if (id <= 0) {
            throw ConfigException.missing(field, "choose a DS datasource (its id must be > 0)");
        }
        AbstractResourceParameters p = helper == null ? null
                : helper.getResourceParameters(ResourceType.DATASOURCE, id);
        if (!(p instanceof DataSourceParameters)) {
            throw ConfigException.invalid(field, id, "no DS datasource with this id was resolved for the task;"
                    + " check that it exists and that the task's user may use it");
        }
        DataSourceParameters ds = (DataSourceParameters) p;
        DbType type = ds.getType();
        String connectionParams = ds.getConnectionParams();
        String jdbcUrl;
        String user;
        String password;
        String driver;
        String database;
        try {
            ConnectionParam cp = DataSourceUtils.buildConnectionParams(type, connectionParams);
            BaseConnectionParam base = (BaseConnectionParam) cp;
            jdbcUrl = DataSourceUtils.getJdbcUrl(type, cp);
            user = base.getUser();
            password = PasswordUtils.decodePassword(base.getPassword());
            driver = base.getDriverClassName();
            database = base.getDatabase();
        } catch (LinkageError | RuntimeException e) {
            // outside a DS server (tests) the datasource processors are absent: read the stored JSON directly
            JsonNode n;
            try {
                n = LarkJson.MAPPER.readTree(connectionParams);
            } catch (Exception je) {
                throw ConfigException.invalid(field, id, "the datasource's connection parameters cannot be read");
            }
            jdbcUrl = text(n, "jdbcUrl");
            if (jdbcUrl == null) {
                throw ConfigException.invalid(field, id, "the datasource has no jdbcUrl: " + Secrets.redact(
                        String.valueOf(e.getMessage())));
            }
            user = text(n, "user");
            password = decode(text(n, "password"));
            driver = text(n, "driverClassName");
            database = text(n, "database");
        }
        JdbcEndpoint endpoint = JdbcEndpoint.builder(jdbcUrl).user(user).password(password).driverClass(driver)
                .build();
        return new ResolvedDatasource(id, type == null ? "UNKNOWN" : type.name(), database, endpoint);
    }

    private static String decode(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return PasswordUtils.decodePassword(stored);
        } catch (LinkageError | RuntimeException e) {
            return stored;
        }
    }

    private static String text(JsonNode n, String k) {
        JsonNode v = n.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }
}
