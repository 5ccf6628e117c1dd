package dev.lark.ingest.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.engine.common.JdbcEndpoint;
import java.util.List;
import java.util.Locale;

/**
 * Builds DataX job JSON for form-mode tasks from DS datasources. Reader/writer names follow DS's own DataxUtils
 * (MYSQL -> mysqlreader, POSTGRESQL -> postgresqlreader, CLICKHOUSE -> clickhousereader, other JDBC -> rdbmsreader).
 * The result holds clear-text passwords: it is handed to the engine, never logged (the engine redacts anyway).
 */
final class DataxJobBuilder {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ObjectNode root = F.objectNode();
    private final ObjectNode setting;
    private final ObjectNode reader;
    private final ObjectNode writer;

    DataxJobBuilder() {
        ObjectNode job = root.putObject("job");
        setting = job.putObject("setting");
        ObjectNode content = job.putArray("content").addObject();
        reader = content.putObject("reader");
        writer = content.putObject("writer");
    }

    static String readerName(String dbType) {
        switch (dbType.toUpperCase(Locale.ROOT)) {
            case "MYSQL":
                return "mysqlreader";
            case "POSTGRESQL":
                return "postgresqlreader";
            case "CLICKHOUSE":
                return "clickhousereader";
            default:
                return "rdbmsreader";
        }
    }

    static String writerName(String dbType) {
        switch (dbType.toUpperCase(Locale.ROOT)) {
            case "MYSQL":
                return "mysqlwriter";
            case "POSTGRESQL":
                return "postgresqlwriter";
            case "CLICKHOUSE":
                return "clickhousewriter";
            default:
                return "rdbmswriter";
        }
    }

    DataxJobBuilder speed(int channel, long bytes, long records) {
        ObjectNode speed = setting.putObject("speed");
        speed.put("channel", channel);
        if (bytes > 0) {
            speed.put("byte", bytes);
        }
        if (records > 0) {
            speed.put("record", records);
        }
        return this;
    }

    DataxJobBuilder errorLimit(long records, double percentage, String deadLetterTable, JdbcEndpoint deadLetterDb) {
        ObjectNode e = setting.putObject("errorLimit");
        if (records >= 0) {
            e.put("record", records);
        }
        if (percentage >= 0) {
            e.put("percentage", percentage);
        }
        if (deadLetterTable != null && !deadLetterTable.isEmpty()) {
            ObjectNode dl = e.putObject("deadLetter");
            dl.put("type", "table");
            dl.put("jdbcUrl", deadLetterDb.jdbcUrl());
            if (deadLetterDb.user() != null) {
                dl.put("username", deadLetterDb.user());
            }
            if (deadLetterDb.password() != null) {
                dl.put("password", deadLetterDb.password());
            }
            dl.put("table", deadLetterTable);
        }
        return this;
    }

    /** A table read (splitPk / where / incremental apply). */
    ObjectNode tableReader(String dbType, JdbcEndpoint ep, String table, List<String> columns) {
        ObjectNode p = readerBase(dbType, ep);
        ObjectNode conn = p.putArray("connection").addObject();
        conn.putArray("table").add(table);
        conn.putArray("jdbcUrl").add(ep.jdbcUrl());
        columns(p, columns.isEmpty() ? List.of("*") : columns);
        return p;
    }

    /** A querySql read (DS's stock form). */
    ObjectNode queryReader(String dbType, JdbcEndpoint ep, String sql) {
        ObjectNode p = readerBase(dbType, ep);
        ObjectNode conn = p.putArray("connection").addObject();
        conn.putArray("querySql").add(sql);
        conn.putArray("jdbcUrl").add(ep.jdbcUrl());
        return p;
    }

    private ObjectNode readerBase(String dbType, JdbcEndpoint ep) {
        reader.put("name", readerName(dbType));
        ObjectNode p = reader.putObject("parameter");
        credentials(p, ep);
        if (readerName(dbType).equals("rdbmsreader") && ep.driverClass() != null) {
            p.put("driver", ep.driverClass());
        }
        return p;
    }

    ObjectNode tableWriter(String dbType, JdbcEndpoint ep, String table, List<String> columns) {
        writer.put("name", writerName(dbType));
        ObjectNode p = writer.putObject("parameter");
        credentials(p, ep);
        if (writerName(dbType).equals("rdbmswriter") && ep.driverClass() != null) {
            p.put("driver", ep.driverClass());
        }
        ObjectNode conn = p.putArray("connection").addObject();
        conn.putArray("table").add(table);
        conn.put("jdbcUrl", ep.jdbcUrl());
        if (!columns.isEmpty()) {
            columns(p, columns);
        }
        return p;
    }

    private static void credentials(ObjectNode p, JdbcEndpoint ep) {
        if (ep.user() != null) {
            p.put("username", ep.user());
        }
        if (ep.password() != null) {
            p.put("password", ep.password());
        }
    }

    static void columns(ObjectNode p, List<String> columns) {
        ArrayNode a = p.putArray("column");
        for (String c : columns) {
            a.add(c.trim());
        }
    }

    static void strings(ObjectNode p, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            ArrayNode a = p.putArray(key);
            for (String v : values) {
                if (v != null && !v.trim().isEmpty()) {
                    a.add(v);
                }
            }
        }
    }

    ObjectNode root() {
        return root;
    }
}
