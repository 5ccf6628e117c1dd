package dev.lark.ingest;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import dev.lark.engine.common.Cancellation;
import dev.lark.engine.common.RunContext;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Small helpers for the integration tests: SQL against the sandbox databases and a logging run context. */
final class ItSupport {
    private ItSupport() {
    }

    static RunContext context() {
        return RunContext.of(l -> System.out.println("[job] " + l), new Cancellation(), Duration.ofSeconds(2));
    }

    static Connection jdbc(Map<String, String> ep) throws Exception {
        return DriverManager.getConnection(ep.get("jdbcUrl"), ep.get("user"), ep.get("password"));
    }

    static void sql(Connection c, String... statements) throws Exception {
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    static long scalar(Connection c, String q) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static Client clickhouse(Map<String, String> ep) {
        return new Client.Builder().addEndpoint(ep.get("httpUrl")).setUsername(ep.get("user"))
                .setPassword(ep.get("password")).compressServerResponse(false).build();
    }

    static void ch(Client c, String... statements) throws Exception {
        for (String s : statements) {
            c.execute(s).get().close();
        }
    }

    static List<GenericRecord> chQuery(Client c, String q) {
        return c.queryAll(q);
    }

    static String chString(Client c, String q) {
        List<GenericRecord> r = c.queryAll(q);
        return r.isEmpty() ? null : r.get(0).getString(1);
    }

    static String q(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
