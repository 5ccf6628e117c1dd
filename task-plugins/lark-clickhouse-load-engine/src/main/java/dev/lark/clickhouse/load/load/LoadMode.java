package dev.lark.clickhouse.load.load;

import dev.lark.clickhouse.load.ConfigException;
import java.util.Locale;

public enum LoadMode {
    /** Insert batches straight into the table; each batch carries a deduplication token, so a retry adds nothing twice. */
    APPEND,
    /** Stage, verify, then REPLACE PARTITION for every partition the new data touches. */
    OVERWRITE_PARTITIONS,
    /** Stage, verify, then EXCHANGE TABLES: readers see the old or the new table, never a mix. */
    OVERWRITE_TABLE,
    /** Stage, verify, then move the parts into a ReplacingMergeTree; newer versions win on merge / FINAL. */
    UPSERT;

    public boolean staged() {
        return this != APPEND;
    }

    public static LoadMode parse(String field, String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (RuntimeException e) {
            throw new ConfigException(field, value, "use one of append, overwrite_partitions, overwrite_table, upsert");
        }
    }
}
