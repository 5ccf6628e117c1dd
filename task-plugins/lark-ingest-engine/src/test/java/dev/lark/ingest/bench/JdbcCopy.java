package dev.lark.ingest.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * The baseline copy of {@link IngestBenchmarkIT}, in its own JVM like the other two: what a hand-written copy does —
 * stream rows from MariaDB, batch-insert 10,000 at a time through clickhouse-jdbc, one thread. Connection settings
 * come from the environment (LARK_BENCH_SRC_URL/_USER/_PASSWORD, LARK_BENCH_CH_URL) so no password shows in a
 * process list. Prints "copied N rows".
 */
public final class JdbcCopy {
    private JdbcCopy() {
    }

    public static void main(String[] args) throws Exception {
        long n = 0;
        try (Connection src = DriverManager.getConnection(System.getenv("LARK_BENCH_SRC_URL"),
                System.getenv("LARK_BENCH_SRC_USER"), System.getenv("LARK_BENCH_SRC_PASSWORD"));
                Connection dst = DriverManager.getConnection(System.getenv("LARK_BENCH_CH_URL"), "default", "");
                PreparedStatement read = src.prepareStatement("SELECT id, user_id, name, amount, qty, created, status,"
                        + " score FROM bench_src", ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
                PreparedStatement ins = dst.prepareStatement("INSERT INTO jdbc_copy VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            read.setFetchSize(4096);
            long t0 = System.nanoTime();
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    ins.setLong(1, rs.getLong(1));
                    ins.setInt(2, rs.getInt(2));
                    ins.setString(3, rs.getString(3));
                    ins.setBigDecimal(4, rs.getBigDecimal(4));
                    ins.setInt(5, rs.getInt(5));
                    ins.setTimestamp(6, rs.getTimestamp(6));
                    ins.setString(7, rs.getString(7));
                    ins.setDouble(8, rs.getDouble(8));
                    ins.addBatch();
                    if (++n % 10_000 == 0) {
                        ins.executeBatch();
                    }
                    if (n % 1_000_000 == 0) {
                        System.out.printf("jdbc: %,d rows, %,.0f rows/s avg%n", n, n / ((System.nanoTime() - t0) / 1e9));
                    }
                }
            }
            ins.executeBatch();
        }
        System.out.println("copied " + n + " rows");
    }
}
