package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.util.Objects;

/** The result of one data-quality rule on one dataset in one run. {@code ruleCode} is the rule's stable identity. */
@JsonDeserialize(builder = QualityCheck.Builder.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class QualityCheck {
    private final String ruleCode;
    private final String ruleName;
    private final String ruleType;
    private final String column;
    private final boolean passed;
    private final String observed;
    private final String expected;
    private final String message;

    private QualityCheck(Builder b) {
        this.ruleCode = Checks.notBlank("qualityCheck.ruleCode", b.ruleCode);
        this.ruleName = b.ruleName == null ? b.ruleCode : b.ruleName;
        this.ruleType = Checks.notBlank("qualityCheck.ruleType", b.ruleType);
        this.column = b.column;
        this.passed = b.passed;
        this.observed = b.observed;
        this.expected = b.expected;
        this.message = b.message;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String getRuleCode() { return ruleCode; }
    public String getRuleName() { return ruleName; }
    /** e.g. row_count, null_ratio, unique, range, regex, freshness, custom_sql. */
    public String getRuleType() { return ruleType; }
    public String getColumn() { return column; }
    public boolean isPassed() { return passed; }
    public String getObserved() { return observed; }
    public String getExpected() { return expected; }
    public String getMessage() { return message; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof QualityCheck)) return false;
        QualityCheck c = (QualityCheck) o;
        return passed == c.passed && ruleCode.equals(c.ruleCode) && Objects.equals(ruleName, c.ruleName)
                && ruleType.equals(c.ruleType) && Objects.equals(column, c.column)
                && Objects.equals(observed, c.observed) && Objects.equals(expected, c.expected)
                && Objects.equals(message, c.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ruleCode, passed, observed);
    }

    @Override
    public String toString() {
        return ruleCode + (passed ? " PASSED" : " FAILED") + (observed == null ? "" : " observed=" + observed);
    }

    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String ruleCode;
        private String ruleName;
        private String ruleType;
        private String column;
        private boolean passed;
        private String observed;
        private String expected;
        private String message;

        public Builder ruleCode(String v) { this.ruleCode = v; return this; }
        public Builder ruleName(String v) { this.ruleName = v; return this; }
        public Builder ruleType(String v) { this.ruleType = v; return this; }
        public Builder column(String v) { this.column = v; return this; }
        public Builder passed(boolean v) { this.passed = v; return this; }
        public Builder observed(String v) { this.observed = v; return this; }
        public Builder expected(String v) { this.expected = v; return this; }
        public Builder message(String v) { this.message = v; return this; }

        public QualityCheck build() {
            return new QualityCheck(this);
        }
    }
}
