package dev.lark.clickhouse.load.load;

import dev.lark.clickhouse.load.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Identity of one scheduled load: task code + schedule time. Batch n of a retry carries the same token as batch n
 * of the first attempt, so ClickHouse drops the repeat (insert_deduplication_token), and staging tables get the same
 * name, so a retry first removes what a killed attempt left behind.
 */
public final class DedupToken {
    private final String taskCode;
    private final String scheduleTime;

    public DedupToken(String taskCode, String scheduleTime) {
        ConfigException.require(taskCode != null && !taskCode.trim().isEmpty(), "taskCode", taskCode,
                "the task code identifies the load; DS sets it, standalone runs must pass one");
        ConfigException.require(scheduleTime != null && !scheduleTime.trim().isEmpty(), "scheduleTime", scheduleTime,
                "give the schedule time of the run being loaded (DS: ${system.datetime} of the schedule)");
        this.taskCode = taskCode.trim();
        this.scheduleTime = scheduleTime.trim();
    }

    public String taskCode() {
        return taskCode;
    }

    public String scheduleTime() {
        return scheduleTime;
    }

    public String base() {
        return "lark:" + taskCode + ":" + scheduleTime;
    }

    public String forBatch(long batch) {
        return base() + ":" + batch;
    }

    /** A short stable suffix for staging table names. */
    public String shortHash(String target) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((base() + "|" + target).getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 6; i++) {
                b.append(String.format("%02x", d[i] & 0xff));
            }
            return b.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return base();
    }
}
