package dev.lark.ingest.transform;

/**
 * {@code dx_pad(columnIndex, "l"|"r", length, padString)}: pads on the left or right with {@code padString} up to
 * {@code length} characters; longer values are cut to their first {@code length} characters. NULL is padded as an
 * empty string, as DataX does.
 */
final class Pad extends ColumnStep {
    private final boolean left;
    private final int length;
    private final String pad;

    Pad(int columnIndex, boolean left, int length, String pad) {
        super("dx_pad", columnIndex);
        this.left = left;
        this.length = length;
        this.pad = pad;
    }

    @Override
    String rewrite(String value) {
        String v = value == null ? "" : value;
        if (v.length() >= length) {
            return v.substring(0, length);
        }
        StringBuilder fill = new StringBuilder(length);
        while (fill.length() < length - v.length()) {
            fill.append(pad);
        }
        fill.setLength(length - v.length());
        return left ? fill + v : v + fill;
    }
}
