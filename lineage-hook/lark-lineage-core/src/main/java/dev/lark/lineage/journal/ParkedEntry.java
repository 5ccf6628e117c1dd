package dev.lark.lineage.journal;

import java.time.Instant;

/** An event the sink rejected for good, kept with the sink's answer until replayed or purged. */
public final class ParkedEntry {
    private final JournalEntry entry;
    private final Instant parkedAt;
    private final String reason;

    ParkedEntry(JournalEntry entry, Instant parkedAt, String reason) {
        this.entry = entry;
        this.parkedAt = parkedAt;
        this.reason = reason;
    }

    public JournalEntry entry() { return entry; }
    public Instant parkedAt() { return parkedAt; }
    /** What the sink answered (e.g. Atlas's HTTP status and error JSON). */
    public String reason() { return reason; }

    @Override
    public String toString() {
        return entry.id() + " parked " + parkedAt + ": " + reason;
    }
}
