package dev.lark.clean;

/**
 * How many failed records a run may have and still succeed: at most {@code maxRecords} failed records and at most
 * {@code maxPercent} percent of the inputs. A negative limit means "no limit"; the default allows no failures.
 */
public final class ErrorBudget {
    public static final ErrorBudget NONE = new ErrorBudget(0, -1);
    public static final ErrorBudget UNLIMITED = new ErrorBudget(-1, -1);

    private final long maxRecords;
    private final double maxPercent;

    public ErrorBudget(long maxRecords, double maxPercent) {
        this.maxRecords = maxRecords;
        this.maxPercent = maxPercent;
    }

    public long maxRecords() { return maxRecords; }
    public double maxPercent() { return maxPercent; }

    public boolean allows(long failed, long inputs) {
        if (maxRecords >= 0 && failed > maxRecords) {
            return false;
        }
        return maxPercent < 0 || inputs == 0 || failed * 100.0 / inputs <= maxPercent;
    }

    @Override
    public String toString() {
        return "error budget (max " + (maxRecords < 0 ? "any" : String.valueOf(maxRecords)) + " records, "
                + (maxPercent < 0 ? "any" : maxPercent + "%") + ")";
    }
}
