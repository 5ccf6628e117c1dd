package dev.lark.clickhouse.load.load;

import dev.lark.clickhouse.load.ConfigException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How many unparseable rows a load may skip. Skipped rows go to the dead-letter file with the reason; above the
 * budget the load fails and the target keeps its previous contents (staged modes).
 */
public final class ErrorBudget {
    public static final ErrorBudget NONE = new ErrorBudget(0, 0, null);
    private final long maxRows;
    private final double maxRatio;
    private final Path deadLetter;

    public ErrorBudget(long maxRows, double maxRatio, Path deadLetter) {
        ConfigException.require(maxRows >= 0, "errors.maxRows", maxRows, "use 0 (no bad rows allowed) or more");
        ConfigException.require(maxRatio >= 0 && maxRatio < 1, "errors.maxRatio", maxRatio,
                "use a fraction between 0 and 1, e.g. 0.01 for 1%");
        ConfigException.require((maxRows == 0 && maxRatio == 0) || deadLetter != null, "errors.deadLetterPath", null,
                "an error budget needs a dead-letter file so skipped rows are kept with their reason");
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

    /** True when {@code bad} of {@code total} rows is still within budget. */
    public boolean within(long bad, long total) {
        if (bad == 0) {
            return true;
        }
        return bad <= maxRows || (maxRatio > 0 && total > 0 && (double) bad / total <= maxRatio);
    }
}
