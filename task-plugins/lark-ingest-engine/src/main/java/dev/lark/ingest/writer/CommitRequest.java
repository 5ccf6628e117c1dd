package dev.lark.ingest.writer;

/**
 * What commit must do besides making rows visible: for an incremental rerun, delete the target rows of the range
 * being redone (so a rerun never duplicates), and record the new watermark.
 */
public final class CommitRequest {
    private final String jobKey;
    private final String runKey;
    private final String targetIncrementalColumn;
    private final String low;
    private final String high;
    private final String redoHigh;
    private final long rows;

    public CommitRequest(String jobKey, String runKey, String targetIncrementalColumn, String low, String high,
            String redoHigh, long rows) {
        this.jobKey = jobKey;
        this.runKey = runKey;
        this.targetIncrementalColumn = targetIncrementalColumn;
        this.low = low;
        this.high = high;
        this.redoHigh = redoHigh;
        this.rows = rows;
    }

    public static CommitRequest plain(long rows) {
        return new CommitRequest(null, null, null, null, null, null, rows);
    }

    public boolean incremental() {
        return targetIncrementalColumn != null;
    }

    public String jobKey() {
        return jobKey;
    }

    public String runKey() {
        return runKey;
    }

    public String targetIncrementalColumn() {
        return targetIncrementalColumn;
    }

    /** Exclusive lower bound of this run (null: from the beginning). */
    public String low() {
        return low;
    }

    /** Inclusive upper bound of this run (null when no rows matched). */
    public String high() {
        return high;
    }

    /**
     * When this run redoes an earlier run of the same runKey: that run's upper bound. Target rows with
     * {@code low < col <= redoHigh} are replaced.
     */
    public String redoHigh() {
        return redoHigh;
    }

    public long rows() {
        return rows;
    }
}
