package dev.lark.ingest.transform;

/**
 * {@code dx_substr(columnIndex, startIndex, length)}: the {@code length} characters from {@code startIndex}
 * (0-based), fewer at the end of the value. NULL stays NULL; a start beyond the value makes the record dirty (DataX
 * fails the record the same way).
 */
final class Substr extends ColumnStep {
    private final int start;
    private final int length;

    Substr(int columnIndex, int start, int length) {
        super("dx_substr", columnIndex);
        this.start = start;
        this.length = length;
    }

    @Override
    String rewrite(String value) {
        if (value == null) {
            return null;
        }
        if (start > value.length()) {
            throw new TransformException("dx_substr: startIndex " + start + " is beyond the value's length "
                    + value.length() + " (column " + columnIndex + ")");
        }
        return value.substring(start, (int) Math.min((long) start + length, value.length()));
    }
}
