package dev.lark.ingest.transform;

import dev.lark.ingest.convert.Values;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * {@code dx_filter(columnIndex, operator, value)}: drops the records that MATCH the condition (DataX semantics: it is
 * a filter-out). Operators: {@code like} / {@code not like} (Java regular expression matched against the whole
 * value), {@code =}, {@code !=}, {@code >}, {@code >=}, {@code <}, {@code <=}. Numbers compare numerically, anything
 * else as text. NULL: {@code = "null"} drops it and {@code != "null"} keeps it; {@code != x} drops it; the other
 * comparisons keep it (NULL never compares), as in DataX.
 */
final class Filter implements RowTransformer {
    enum Op {
        LIKE, NOT_LIKE, EQ, NE, GT, GE, LT, LE
    }

    private final int columnIndex;
    private final Op op;
    private final String value;
    private final Pattern pattern;
    private final BigDecimal number;

    Filter(int columnIndex, Op op, String value) {
        this.columnIndex = columnIndex;
        this.op = op;
        this.value = value;
        this.pattern = op == Op.LIKE || op == Op.NOT_LIKE ? Pattern.compile(value) : null;
        this.number = parseNumber(value);
    }

    private static BigDecimal parseNumber(String s) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String name() {
        return "dx_filter";
    }

    @Override
    public Object[] apply(Object[] row) {
        if (columnIndex >= row.length) {
            throw new TransformException("dx_filter: columnIndex " + columnIndex + " is beyond the record's "
                    + row.length + " column(s)");
        }
        return matches(row[columnIndex]) ? null : row;
    }

    boolean matches(Object v) {
        if (v == null) {
            switch (op) {
                case EQ:
                    return value.equalsIgnoreCase("null");
                case NE:
                    return !value.equalsIgnoreCase("null");
                default:
                    return false;
            }
        }
        if (op == Op.LIKE || op == Op.NOT_LIKE) {
            boolean m = pattern.matcher(Values.toStringValue(v)).matches();
            return op == Op.LIKE ? m : !m;
        }
        int cmp;
        if (v instanceof Number) {
            if (number == null) {
                throw new TransformException("dx_filter: cannot compare the number " + v + " (column "
                        + columnIndex + ") with \"" + value + "\", which is not a number");
            }
            cmp = new BigDecimal(Values.toStringValue(v)).compareTo(number);
        } else {
            cmp = text(v).compareTo(value);
        }
        switch (op) {
            case EQ:
                return cmp == 0;
            case NE:
                return cmp != 0;
            case GT:
                return cmp > 0;
            case GE:
                return cmp >= 0;
            case LT:
                return cmp < 0;
            default:
                return cmp <= 0;
        }
    }

    /** Text form; date-times as ISO {@code yyyy-MM-dd HH:mm:ss[.f]} so they compare as written in the job. */
    private static String text(Object v) {
        if (v instanceof java.sql.Timestamp) {
            return ((java.sql.Timestamp) v).toLocalDateTime().toString().replace('T', ' ');
        }
        if (v instanceof java.time.LocalDateTime) {
            return v.toString().replace('T', ' ');
        }
        return Values.toStringValue(v);
    }
}
