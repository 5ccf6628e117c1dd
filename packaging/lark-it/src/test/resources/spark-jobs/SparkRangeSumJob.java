package dev.lark.it.sparkjob;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.TreeSet;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Compiled and packaged by SparkSubmitIT at test time against the sandbox's SPARK_HOME/jars (so the test classpath
 * needs no Spark): sums 1..n with Spark SQL, groups by n % 10 (a shuffle), and records which executors did the
 * work. Writes {@code count=, sum=, groups=, executors=} lines to the given file.
 *
 * <p>Arguments: {@code <n> <output file>}.
 */
public final class SparkRangeSumJob {
    public static void main(String[] args) throws Exception {
        long n = Long.parseLong(args[0]);
        Path out = Path.of(args[1]);
        SparkSession spark = SparkSession.builder().appName("lark-sandbox-range-sum").getOrCreate();
        try {
            Row totals = spark.range(1, n + 1).agg(functions.count("id"), functions.sum("id")).first();
            long groups = spark.range(1, n + 1).groupBy(functions.expr("id % 10")).count().count();
            TreeSet<String> executors = new TreeSet<>(spark.range(1, n + 1).repartition(4).javaRDD()
                    .mapPartitions(rows -> Collections.singletonList(SparkEnv.get().executorId()).iterator())
                    .collect());
            Files.writeString(out, "count=" + totals.getLong(0) + "\nsum=" + totals.getLong(1) + "\ngroups="
                    + groups + "\nexecutors=" + String.join(",", executors) + "\n", StandardCharsets.UTF_8);
        } finally {
            spark.stop();
        }
    }
}
