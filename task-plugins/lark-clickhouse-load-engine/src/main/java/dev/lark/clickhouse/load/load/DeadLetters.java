package dev.lark.clickhouse.load.load;

import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.clickhouse.load.client.ClickHouseSession;
import dev.lark.clickhouse.load.sql.Sql;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Where rejected rows go, with the reason: a JSON-lines file on the worker and/or a ClickHouse table on the target
 * server. Each entry names the raw row, why it was rejected, where it came from (file row, topic/partition@offset),
 * and the task and schedule time that loaded it. Table inserts carry a deduplication token derived from the batch's
 * own, so a retry of the same schedule time does not dead-letter the same rows twice.
 */
final class DeadLetters {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TABLE_COLUMNS = Arrays.asList("task_code", "schedule_time", "batch", "dedup_token",
            "target", "source", "position", "row_number", "reason", "raw_row");

    private final Consumer<String> warn;
    private boolean tableReady;

    DeadLetters(Consumer<String> warn) {
        this.warn = warn;
    }

    /** The dead-letter table's DDL: a MergeTree that keeps deduplication tokens like Lark's targets. */
    static String createTable(String database, String table) {
        return "CREATE TABLE IF NOT EXISTS " + Sql.table(database, table) + " ("
                + "`task_code` String, `schedule_time` String, `batch` UInt64, `dedup_token` String,"
                + " `target` String, `source` String, `position` String, `row_number` UInt64, `reason` String,"
                + " `raw_row` String, `rejected_at` DateTime64(3) DEFAULT now64(3))"
                + " ENGINE = MergeTree ORDER BY (task_code, schedule_time, batch, row_number)"
                + " SETTINGS non_replicated_deduplication_window = 1000";
    }

    /**
     * Writes the rows of one batch ClickHouse rejected. {@code bad}: entries {row, reason, raw record, position};
     * when fewer than {@code rejected}, one more entry says how many rows could not be singled out.
     */
    void write(ClickHouseSession s, LoadRequest req, String source, List<String[]> bad, long rejected, long batch)
            throws IOException {
        ErrorBudget e = req.errors();
        if (!e.deadLetter().isPresent() && !e.deadLetterTable().isPresent()) {
            return;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (String[] r : bad) {
            lines.write(entry(req, source, batch, Long.parseLong(r[0]), r[1], r[2].replaceAll("\\r?\\n$", ""),
                    r.length > 3 ? r[3] : "row " + r[0]));
        }
        if (bad.size() < rejected) {
            lines.write(entry(req, source, batch, 0, (rejected - bad.size()) + " more rows of this batch were"
                    + " rejected by ClickHouse's parser; see the server's text_log for details", "", ""));
        }
        if (e.deadLetter().isPresent()) {
            Path p = e.deadLetter().get();
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(p, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                w.write(new String(lines.toByteArray(), StandardCharsets.UTF_8));
            }
            warn.accept(String.format(Locale.ROOT, "batch %s: %s rows rejected, written to dead-letter file %s",
                    batch, rejected, p));
        }
        if (e.deadLetterTable().isPresent()) {
            String[] dt = tableName(req);
            if (!tableReady) {
                s.execute(createTable(dt[0], dt[1]));
                tableReady = true;
            }
            InsertSettings st = new InsertSettings();
            st.setDeduplicationToken(req.token().forBatch(batch) + ":dead-letter");
            st.serverSetting("insert_deduplicate", "1");
            List<String> cols = new java.util.ArrayList<>();
            for (String c : TABLE_COLUMNS) {
                cols.add(Sql.id(c));
            }
            InsertResponse r = s.insert(Sql.table(dt[0], dt[1]), cols, new ByteArrayInputStream(lines.toByteArray()),
                    ClickHouseFormat.JSONEachRow, st);
            r.close();
            warn.accept(String.format(Locale.ROOT, "batch %s: %s rows rejected, written to dead-letter table %s.%s",
                    batch, rejected, dt[0], dt[1]));
        }
    }

    /** {database, table} of the dead-letter table; a bare name lives in the target's database. */
    static String[] tableName(LoadRequest req) {
        String t = req.errors().deadLetterTable().get();
        int dot = t.indexOf('.');
        return dot < 0 ? new String[] {req.database(), t} : new String[] {t.substring(0, dot), t.substring(dot + 1)};
    }

    private static byte[] entry(LoadRequest req, String source, long batch, long row, String reason, String raw,
            String position) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_code", req.token().taskCode());
        m.put("schedule_time", req.token().scheduleTime());
        m.put("batch", batch);
        m.put("dedup_token", req.token().forBatch(batch));
        m.put("target", req.database() + "." + req.table());
        m.put("source", source);
        m.put("position", position);
        m.put("row_number", row);
        m.put("reason", reason);
        m.put("raw_row", raw);
        byte[] b = JSON.writeValueAsBytes(m);
        byte[] out = Arrays.copyOf(b, b.length + 1);
        out[b.length] = '\n';
        return out;
    }
}
