package dev.lark.clickhouse.load.load;

import dev.lark.clickhouse.load.ConfigException;

/**
 * Batch limits. ClickHouse advises 10k-100k+ rows per insert and about one insert per second per table: each
 * insert makes a part, and many small parts mean merge pressure ("too many parts"). Defaults: up to 1M rows or
 * 64 MiB per insert, whichever comes first, which keeps memory bounded by one batch.
 */
public final class BatchPolicy {
    public static final BatchPolicy DEFAULT = new BatchPolicy(1_000_000, 64 << 20);
    private final int maxRows;
    private final int maxBytes;

    public BatchPolicy(int maxRows, int maxBytes) {
        ConfigException.require(maxRows >= 1, "batch.maxRows", maxRows,
                "use at least 1 (ClickHouse advises 10000 to 1000000 rows per insert)");
        ConfigException.require(maxBytes >= 1 << 16 && maxBytes <= 1 << 30, "batch.maxBytes", maxBytes,
                "use between 65536 and 1073741824 bytes (default 67108864 = 64 MiB)");
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
    }

    public int maxRows() {
        return maxRows;
    }

    public int maxBytes() {
        return maxBytes;
    }
}
