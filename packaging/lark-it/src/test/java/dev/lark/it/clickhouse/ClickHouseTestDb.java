package dev.lark.it.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import dev.lark.clickhouse.load.client.ClickHouseTarget;
import dev.lark.testkit.SandboxEndpoints;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A private Atomic database on the sandbox ClickHouse plus a few query helpers for assertions. */
public final class ClickHouseTestDb implements AutoCloseable {
    public final String database;
    public final ClickHouseTarget target;
    private final Client client;

    public ClickHouseTestDb(SandboxEndpoints endpoints, String database) throws Exception {
        this.database = database;
        String url = endpoints.get("clickhouse", "httpUrl");
        this.target = ClickHouseTarget.builder().endpoint(url).user(endpoints.get("clickhouse", "user"))
                .password(endpoints.of("clickhouse").getOrDefault("password", "")).build();
        this.client = new Client.Builder().addEndpoint(url).setUsername(endpoints.get("clickhouse", "user"))
                .setPassword(endpoints.of("clickhouse").getOrDefault("password", "")).build();
        exec("DROP DATABASE IF EXISTS `" + database + "` SYNC");
        exec("CREATE DATABASE `" + database + "` ENGINE = Atomic");
    }

    public void exec(String sql) throws Exception {
        client.execute(sql).get(5, TimeUnit.MINUTES).close();
    }

    public long count(String tableAndWhere) {
        return client.queryAll("SELECT count() FROM " + tableAndWhere).get(0).getLong(1);
    }

    /** All rows of a query as tab-joined strings, for exact content comparisons. */
    public List<String> rows(String sql) {
        List<String> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll(sql)) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= r.getSchema().getColumns().size(); i++) {
                b.append(i > 1 ? "\t" : "").append(r.getString(i));
            }
            out.add(b.toString());
        }
        return out;
    }

    /** Tables whose name starts with {@code prefix} (a test's target and any staging table left next to it). */
    public List<String> tables(String prefix) {
        List<String> out = new ArrayList<>();
        for (GenericRecord r : client.queryAll("SELECT name FROM system.tables WHERE database = '" + database
                + "' AND startsWith(name, '" + prefix + "') ORDER BY name")) {
            out.add(r.getString(1));
        }
        return out;
    }

    /** Writes the result of a query to a local file in the given format (used to make Parquet test files). */
    public void export(String sql, ClickHouseFormat format, Path file) throws Exception {
        QuerySettings st = new QuerySettings().setFormat(format);
        try (QueryResponse r = client.query(sql, st).get(5, TimeUnit.MINUTES); InputStream in = r.getInputStream()) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            exec("DROP DATABASE IF EXISTS `" + database + "` SYNC");
        } finally {
            client.close();
        }
    }
}
