package dev.lark.ingest.reader;

import java.util.Collections;
import java.util.List;

/**
 * One unit of reading handed to a channel: for JDBC a WHERE predicate with bound values (a key range), for files a
 * file, for Kafka a partition range. Immutable.
 */
public final class Split {
    private final int index;
    private final String description;
    private final String predicate;
    private final List<Object> bindings;
    private final Object payload;

    public Split(int index, String description, String predicate, List<Object> bindings, Object payload) {
        this.index = index;
        this.description = description;
        this.predicate = predicate;
        this.bindings = bindings == null ? Collections.emptyList() : Collections.unmodifiableList(bindings);
        this.payload = payload;
    }

    public static Split whole(int index, Object payload) {
        return new Split(index, "all", null, null, payload);
    }

    public int index() {
        return index;
    }

    public String description() {
        return description;
    }

    /** A SQL predicate (with {@code ?} placeholders) restricting this split, or null for no restriction. */
    public String predicate() {
        return predicate;
    }

    public List<Object> bindings() {
        return bindings;
    }

    public Object payload() {
        return payload;
    }

    @Override
    public String toString() {
        return "split " + index + " (" + description + ")";
    }
}
