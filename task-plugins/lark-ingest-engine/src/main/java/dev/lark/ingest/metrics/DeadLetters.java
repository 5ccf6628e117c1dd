package dev.lark.ingest.metrics;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.job.Params;
import dev.lark.ingest.reader.JdbcSupport;
import dev.lark.ingest.writer.ClickHouseTarget;
import dev.lark.ingest.writer.Writer;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the dead-letter from {@code job.setting.errorLimit.deadLetter}: {@code {"type":"file","path":...}},
 * {@code {"type":"table","jdbcUrl":...,"username":...,"password":...,"table":...}} (JDBC or ClickHouse) or
 * {@code {"type":"topic","bootstrapServers":...,"topic":...}}. Without one, dirty records go to a JSON-lines file in
 * the work directory.
 */
public final class DeadLetters {
    private static final Set<String> TYPES = Set.of("file", "table", "topic");
    private static final Set<String> KEYS = Set.of("type", "path", "jdbcUrl", "username", "password", "table",
            "bootstrapServers", "topic", "properties");

    private DeadLetters() {
    }

    public static void validate(Params p) {
        p.checkKnown(KEYS);
        String type = p.string("type", "file").toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ConfigException.unknown(p.path("type"), type, TYPES);
        }
        switch (type) {
            case "table":
                p.requireString("jdbcUrl", "give the JDBC URL of the database holding the dead-letter table");
                p.requireString("table", "name the dead-letter table (created if missing)");
                break;
            case "topic":
                p.requireString("bootstrapServers", "give the Kafka bootstrap servers");
                p.requireString("topic", "name the dead-letter topic");
                break;
            default:
                break;
        }
    }

    public static DeadLetter create(Params p, IngestContext ctx, Writer writer) {
        if (p == null) {
            String key = ctx.jobKey().replaceAll("[^A-Za-z0-9._-]+", "_");
            if (key.length() > 80) {
                key = key.substring(key.length() - 80);
            }
            Path file = ctx.workDir().resolve("dirty-" + key + "-" + System.currentTimeMillis() + ".jsonl");
            return new FileDeadLetter(file);
        }
        validate(p);
        String type = p.string("type", "file").toLowerCase(Locale.ROOT);
        switch (type) {
            case "table": {
                String url = p.string("jdbcUrl", null);
                if (url.startsWith("jdbc:clickhouse:") || url.startsWith("jdbc:ch:")) {
                    return new ClickHouseDeadLetter(ClickHouseTarget.connect(p.path("jdbcUrl"), url, p.string(
                            "username", "default"), p.string("password", "")), p.string("table", null),
                            ctx.jobKey());
                }
                JdbcEndpoint e = JdbcSupport.endpoint(url, p.string("username", null), p.string("password", null),
                        null);
                return new JdbcDeadLetter(e, p.string("table", null), ctx.jobKey());
            }
            case "topic":
                return new KafkaDeadLetter(p.string("bootstrapServers", null), p.string("topic", null),
                        ctx.jobKey());
            default:
                return new FileDeadLetter(Paths.get(p.requireString("path", "give the dead-letter file path")));
        }
    }
}
