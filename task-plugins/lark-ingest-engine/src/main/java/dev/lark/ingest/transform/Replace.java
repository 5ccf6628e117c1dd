package dev.lark.ingest.transform;

/**
 * {@code dx_replace(columnIndex, startIndex, length, replaceString)}: replaces the {@code length} characters from
 * {@code startIndex} (fewer at the end of the value) with {@code replaceString}: "dataxTest" with (2, 4, "****")
 * gives "da****est". NULL stays NULL; a start beyond the value makes the record dirty.
 */
final class Replace extends ColumnStep {
    private final int start;
    private final int length;
    private final String replacement;

    Replace(int columnIndex, int start, int length, String replacement) {
        super("dx_replace", columnIndex);
        this.start = start;
        this.length = length;
        this.replacement = replacement;
    }

    @Override
    String rewrite(String value) {
        if (value == null) {
            return null;
        }
        if (start > value.length()) {
            throw new TransformException("dx_replace: startIndex " + start + " is beyond the value's length "
                    + value.length() + " (column " + columnIndex + ")");
        }
        int end = (int) Math.min((long) start + length, value.length());
        return value.substring(0, start) + replacement + value.substring(end);
    }
}
