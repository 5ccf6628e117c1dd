package dev.lark.clickhouse.load.load;

import dev.lark.clickhouse.load.ConfigException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How many unparseable rows a load may skip. Skipped rows go to the dead-letter file and/or table with the reason; above the
 * budget the load fails and the target keeps its previous contents (staged modes).
 */
public final class ErrorBudget {
    public static final ErrorBudget NONE = new ErrorBudget(0, 0, null, null);
    private final long maxRows;
    private final double maxRatio;
    private final Path deadLetter;
    private final String deadLetterTable;

    public ErrorBudget(long maxRows, double maxRatio, Path deadLetter) {
        this(maxRows, maxRatio, deadLetter, null);
    }

    /**
     * @param deadLetter JSON-lines file on the worker, or null
     * @param deadLetterTable {@code table} (in the target's database) or {@code database.table} on the target
     *     ClickHouse, created when missing, or null
     */
    public ErrorBudget(long maxRows, double maxRatio, Path deadLetter, String deadLetterTable) {
        ConfigException.require(maxRows >= 0, "errors.maxRows", maxRows, "use 0 (no bad rows allowed) or more");
        ConfigException.require(maxRatio >= 0 && maxRatio < 1, "errors.maxRatio", maxRatio,
                "use a fraction between 0 and 1, e.g. 0.01 for 1%");
        String t = deadLetterTable == null || deadLetterTable.trim().isEmpty() ? null : deadLetterTable.trim();
        ConfigException.require(t == null || t.matches("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*"),
                "errors.deadLetterTable", deadLetterTable, "give table or database.table (letters, digits, _)");
        ConfigException.require((maxRows == 0 && maxRatio == 0) || deadLetter != null || t != null,
                "errors.deadLetterPath", null, "an error budget needs a dead-letter file or table so skipped rows are"
                        + " kept with their reason (deadLetterPath or deadLetterTable)");
        this.deadLetterTable = t;
        this.maxRows = maxRows;
        this.maxRatio = maxRatio;
        this.deadLetter = deadLetter;
    }

    public long maxRows() {
        return maxRows;
    }

    public double maxRatio() {
        return maxRatio;
    }

    public boolean allowsErrors() {
        return maxRows > 0 || maxRatio > 0;
    }

    public Optional<Path> deadLetter() {
        return Optional.ofNullable(deadLetter);
    }

    public Optional<String> deadLetterTable() {
        return Optional.ofNullable(deadLetterTable);
    }

    /** True when {@code bad} of {@code total} rows is still within budget. */
    public boolean within(long bad, long total) {
        if (bad == 0) {
            return true;
        }
        return bad <= maxRows || (maxRatio > 0 && total > 0 && (double) bad / total <= maxRatio);
    }
}
