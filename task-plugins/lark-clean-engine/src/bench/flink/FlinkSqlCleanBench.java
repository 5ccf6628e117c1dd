import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * The Flink SQL side of the side-by-side run (not part of the Maven build: compiled and run against the Flink 1.20.3
 * distribution by run.sh). Batch mode, parallelism 1, filesystem source with the 'raw' format (one row per line),
 * the same cleaning written with Flink's built-ins (JSON_VALUE, SPLIT_INDEX, REGEXP_EXTRACT, CAST, TO_TIMESTAMP),
 * blackhole sink. Each query runs twice; the second run's net runtime is reported. Args: dataDir records [names].
 */
public class FlinkSqlCleanBench {
    public static void main(String[] args) throws Exception {
        String dir = args[0];
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("table.exec.resource.default-parallelism", "1");
        TableEnvironment t = TableEnvironment.create(EnvironmentSettings.newInstance().inBatchMode().withConfiguration(conf).build());
        for (String f : new String[] {"flat", "delimited", "nginx", "nested"}) {
            t.executeSql("CREATE TABLE src_" + f + " (line STRING) WITH ('connector'='filesystem','path'='" + dir + "/" + f + ".txt','format'='raw')");
        }
        t.executeSql("CREATE TABLE sink10 (ts TIMESTAMP(3), user_id BIGINT, session STRING, page STRING, duration_ms INT, score DOUBLE,"
                + " country STRING, is_new BOOLEAN, amount DECIMAL(20, 2), device STRING) WITH ('connector'='blackhole')");
        t.executeSql("CREATE TABLE sink8 (ts TIMESTAMP(3), ip STRING, verb STRING, path STRING, status INT, `bytes` BIGINT, referrer STRING,"
                + " agent STRING) WITH ('connector'='blackhole')");
        String flat = "INSERT INTO sink10 SELECT TO_TIMESTAMP(JSON_VALUE(line, '$.ts'), 'yyyy-MM-dd HH:mm:ss'),"
                + " CAST(JSON_VALUE(line, '$.user_id') AS BIGINT), JSON_VALUE(line, '$.session'), JSON_VALUE(line, '$.page'),"
                + " CAST(JSON_VALUE(line, '$.duration_ms') AS INT), CAST(JSON_VALUE(line, '$.score') AS DOUBLE), JSON_VALUE(line, '$.country'),"
                + " CAST(JSON_VALUE(line, '$.is_new') AS BOOLEAN), CAST(JSON_VALUE(line, '$.amount') AS DECIMAL(20, 2)), JSON_VALUE(line, '$.device')"
                + " FROM src_flat";
        String delimited = "INSERT INTO sink10 SELECT TO_TIMESTAMP(SPLIT_INDEX(line, '|', 0), 'yyyy-MM-dd HH:mm:ss'),"
                + " CAST(SPLIT_INDEX(line, '|', 1) AS BIGINT), SPLIT_INDEX(line, '|', 2), SPLIT_INDEX(line, '|', 3),"
                + " CAST(SPLIT_INDEX(line, '|', 4) AS INT), CAST(SPLIT_INDEX(line, '|', 5) AS DOUBLE), SPLIT_INDEX(line, '|', 6),"
                + " CAST(SPLIT_INDEX(line, '|', 7) AS BOOLEAN), CAST(SPLIT_INDEX(line, '|', 8) AS DECIMAL(20, 2)), SPLIT_INDEX(line, '|', 9)"
                + " FROM src_delimited";
        String re = "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"(\\S+) (\\S+)[^\"]*\" (\\d{3}) (\\d+|-) \"([^\"]*)\" \"([^\"]*)\"";
        String nginx = "INSERT INTO sink8 SELECT TO_TIMESTAMP(REGEXP_EXTRACT(line, '" + re + "', 2), 'dd/MMM/yyyy:HH:mm:ss Z'),"
                + " REGEXP_EXTRACT(line, '" + re + "', 1), REGEXP_EXTRACT(line, '" + re + "', 3), REGEXP_EXTRACT(line, '" + re + "', 4),"
                + " CAST(REGEXP_EXTRACT(line, '" + re + "', 5) AS INT), CAST(REGEXP_EXTRACT(line, '" + re + "', 6) AS BIGINT),"
                + " REGEXP_EXTRACT(line, '" + re + "', 7), REGEXP_EXTRACT(line, '" + re + "', 8) FROM src_nginx";
        // nested JSON with iterate: JSON_QUERY ... RETURNING ARRAY<STRING> (Flink 1.20) gives the items as JSON strings,
        // CROSS JOIN UNNEST fans them out, JSON_VALUE re-parses each item; one output row per item (5 per input)
        t.executeSql("CREATE TABLE sink_items (ts TIMESTAMP(3), user_id BIGINT, event_type STRING, sku STRING, qty INT,"
                + " price DECIMAL(20, 2)) WITH ('connector'='blackhole')");
        String items = " FROM src_nested CROSS JOIN UNNEST(JSON_QUERY(line, '$.items' RETURNING ARRAY<STRING>)) AS t(item)";
        String nested = "INSERT INTO sink_items SELECT TO_TIMESTAMP(JSON_VALUE(line, '$.event_time'), 'yyyy-MM-dd HH:mm:ss'),"
                + " CAST(JSON_VALUE(line, '$.user') AS BIGINT), JSON_VALUE(line, '$.type'), JSON_VALUE(item, '$.sku'),"
                + " CAST(JSON_VALUE(item, '$.qty') AS INT), CAST(JSON_VALUE(item, '$.price') AS DECIMAL(20, 2))" + items;
        long n = Long.parseLong(args[1]);
        only = args.length > 2 ? args[2] : "";
        run(t, "flat_json", flat, n);
        run(t, "delimiter", delimited, n);
        run(t, "nginx_regexp", nginx, n);
        if (!only.isEmpty() && !only.contains("nested_unnest")) {
            return;
        }
        // the fan-out must really happen: count the item rows (and typed values) once, outside the timed runs
        try (org.apache.flink.util.CloseableIterator<org.apache.flink.types.Row> it = t.executeSql("SELECT COUNT(*),"
                + " COUNT(CAST(JSON_VALUE(item, '$.qty') AS INT)), COUNT(CAST(JSON_VALUE(item, '$.price') AS DECIMAL(20, 2)))"
                + items).collect()) {
            org.apache.flink.types.Row r = it.next();
            System.out.printf("CHECK flink nested_unnest item rows %s, typed qty %s, typed price %s (expected %d each)%n",
                    r.getField(0), r.getField(1), r.getField(2), 5 * n);
        }
        run(t, "nested_unnest", nested, n);
    }

    /** Optional third argument: comma-separated names of the queries to run (all when absent). */
    static String only = "";

    static void run(TableEnvironment t, String name, String sql, long n) throws Exception {
        if (!only.isEmpty() && !only.contains(name)) {
            return;
        }
        double secs = 0;
        double cpu = 0;
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        for (int pass = 0; pass < 2; pass++) {
            long c0 = os.getProcessCpuTime();
            TableResult r = t.executeSql(sql);
            JobExecutionResult jr = r.getJobClient().get().getJobExecutionResult().get();
            secs = jr.getNetRuntime() / 1000.0;
            cpu = (os.getProcessCpuTime() - c0) / 1e9;
        }
        // records/s of wall time, and records per CPU-second of the whole JVM (robust on a loaded box)
        System.out.printf("RESULT flink %s %d wall %.2f s %.0f rec/s  cpu %.2f s %.0f rec/cpu-s%n", name, n, secs, n / secs, cpu, n / cpu);
    }
}
