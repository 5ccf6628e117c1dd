package dev.lark.lineage.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * One journaled event: its id orders the journal ({@code <sequence>-<writer>}), the sequence being the append time
 * in microseconds (strictly increasing per writer), so the id also tells the event's age.
 */
public final class JournalEntry implements Comparable<JournalEntry> {
    private final String id;
    private final long sequence;

    JournalEntry(String id) {
        this.id = id;
        int dash = id.indexOf('-');
        this.sequence = Long.parseLong(dash < 0 ? id : id.substring(0, dash));
    }

    static boolean isValidId(String id) {
        int dash = id.indexOf('-');
        String seq = dash < 0 ? id : id.substring(0, dash);
        if (seq.length() != 19) {
            return false;
        }
        for (int i = 0; i < seq.length(); i++) {
            if (!Character.isDigit(seq.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    long sequence() {
        return sequence;
    }

    public String id() {
        return id;
    }

    /** When the event was journaled (or re-queued by a replay). */
    public Instant journaledAt() {
        return Instant.ofEpochMilli(sequence / 1000);
    }

    @Override
    public int compareTo(JournalEntry o) {
        return id.compareTo(o.id);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalEntry && id.equals(((JournalEntry) o).id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
