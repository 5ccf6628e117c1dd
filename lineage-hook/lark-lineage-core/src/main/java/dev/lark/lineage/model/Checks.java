package dev.lark.lineage.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Boundary validation: every message names the field, the bad value and what is expected. */
final class Checks {
    private Checks() {
    }

    static String notBlank(String field, String value) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(field + " is required (got " + (value == null ? "null" : "'" + value + "'")
                    + "); set it on the builder");
        }
        return value;
    }

    static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be a positive DS code/id (got " + value + ")");
        }
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required (got null); set it on the builder");
        }
        return value;
    }

    static <T> List<T> copy(List<T> list) {
        return list == null ? Collections.emptyList() : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static <K, V> Map<K, V> copy(Map<K, V> map) {
        return map == null ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
