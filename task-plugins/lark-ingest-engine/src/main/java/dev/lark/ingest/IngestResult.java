package dev.lark.ingest;

import dev.lark.engine.common.LineageReport;

/** What a finished ingestion did. */
public final class IngestResult {
    private final long rowsRead;
    private final long rowsWritten;
    private final long rowsDirty;
    private final long bytesWritten;
    private final String watermark;
    private final double seconds;
    private final String deadLetter;
    private final LineageReport lineage;

    IngestResult(long rowsRead, long rowsWritten, long rowsDirty, long bytesWritten, String watermark, double seconds,
            String deadLetter, LineageReport lineage) {
        this.rowsRead = rowsRead;
        this.rowsWritten = rowsWritten;
        this.rowsDirty = rowsDirty;
        this.bytesWritten = bytesWritten;
        this.watermark = watermark;
        this.seconds = seconds;
        this.deadLetter = deadLetter;
        this.lineage = lineage;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public long rowsDirty() {
        return rowsDirty;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    /** The incremental watermark after this run (null when not incremental). */
    public String watermark() {
        return watermark;
    }

    public double seconds() {
        return seconds;
    }

    public double rowsPerSecond() {
        return seconds <= 0 ? 0 : rowsWritten / seconds;
    }

    public String deadLetter() {
        return deadLetter;
    }

    public LineageReport lineage() {
        return lineage;
    }
}
