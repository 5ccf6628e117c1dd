package dev.lark.ingest.metrics;

import dev.lark.engine.common.SqlDialect;
import dev.lark.ingest.writer.ClickHouseTarget;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dirty records as rows of a ClickHouse MergeTree table {@code (job_key, ts, stage, reason, record)}. */
final class ClickHouseDeadLetter implements DeadLetter {
    private final ClickHouseTarget target;
    private final String table;
    private final String jobKey;
    private boolean created;

    ClickHouseDeadLetter(ClickHouseTarget target, String table, String jobKey) {
        this.target = target;
        this.table = table;
        this.jobKey = jobKey;
    }

    private String qualified() {
        SqlDialect q = SqlDialect.CLICKHOUSE;
        List<String> parts = q.splitQualified(table);
        return parts.size() > 1 ? q.quoteQualified(table) : q.quote(target.database()) + "." + q.quote(table);
    }

    @Override
    public synchronized void write(String stage, List<String> columns, Object[] values, String raw, String reason) {
        if (!created) {
            target.execute("CREATE TABLE IF NOT EXISTS " + qualified() + " (job_key String, ts DateTime64(3), stage"
                    + " String, reason String, record String) ENGINE = MergeTree ORDER BY (job_key, ts)");
            created = true;
        }
        Map<String, Object> params = new HashMap<>();
        params.put("j", jobKey);
        params.put("s", stage);
        params.put("r", reason);
        params.put("rec", FileDeadLetter.toJsonString(stage, columns, values, raw, reason));
        target.execute("INSERT INTO " + qualified() + " SELECT {j:String}, now64(3), {s:String}, {r:String},"
                + " {rec:String}", params);
    }

    @Override
    public String describe() {
        return "ClickHouse table " + table;
    }

    @Override
    public void close() {
        target.close();
    }
}
