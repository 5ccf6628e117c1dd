package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * Data-quality results attached to a dataset (an OpenLineage-style dataset facet). Score and status are derived
 * from the checks so producers cannot report inconsistent numbers.
 */
public final class QualityFacet {
    /** Overall outcome written to Atlas's DataQuality business metadata. */
    public enum Status { PASSED, FAILED }

    private final List<QualityCheck> checks;

    @JsonCreator
    public QualityFacet(@JsonProperty("checks") List<QualityCheck> checks) {
        this.checks = Checks.copy(checks);
        if (this.checks.isEmpty()) {
            throw new IllegalArgumentException("qualityFacet.checks must hold at least one check (got none);"
                    + " leave Dataset.quality unset when no rule ran");
        }
    }

    public static QualityFacet of(QualityCheck... checks) {
        return new QualityFacet(java.util.Arrays.asList(checks));
    }

    public List<QualityCheck> getChecks() { return checks; }

    @JsonIgnore
    public int rulesPassed() {
        return (int) checks.stream().filter(QualityCheck::isPassed).count();
    }

    @JsonIgnore
    public int rulesFailed() {
        return checks.size() - rulesPassed();
    }

    /** Percentage of rules passed, 0-100. */
    @JsonIgnore
    public double score() {
        return 100.0 * rulesPassed() / checks.size();
    }

    @JsonIgnore
    public Status status() {
        return rulesFailed() == 0 ? Status.PASSED : Status.FAILED;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QualityFacet && checks.equals(((QualityFacet) o).checks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(checks);
    }

    @Override
    public String toString() {
        return "Quality{" + status() + " " + rulesPassed() + "/" + checks.size() + "}";
    }
}
