package dev.lark.clean.time;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Allocation-free parsers for the most common log time formats. Return Long.MIN_VALUE when the text does not fit. */
final class FastFormats {
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    private FastFormats() {
    }

    /** yyyy-MM-dd HH:mm:ss with an optional .fraction of 1-9 digits. */
    static long ymdHms(String s, TimeParser p, char dateSep, boolean fraction) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != dateSep || s.charAt(7) != dateSep || (s.charAt(10) != ' ' && s.charAt(10) != 'T')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2), mi = digits(s, 14, 2),
                sec = digits(s, 17, 2);
        if ((y | mo | d | h | mi | sec) < 0) {
            return Long.MIN_VALUE;
        }
        int nanos = 0;
        if (n > 19) {
            if (!fraction || s.charAt(19) != '.' || n == 20 || n > 29) {
                return Long.MIN_VALUE;
            }
            int f = digits(s, 20, n - 20);
            if (f < 0) {
                return Long.MIN_VALUE;
            }
            for (int i = n - 20; i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        return local(p, y, mo, d, h, mi, sec, nanos);
    }

    /** yyyyMMdd HH:mm:ss */
    static long compactYmdHms(String s, TimeParser p) {
        if (s.length() != 17 || s.charAt(8) != ' ' || s.charAt(11) != ':' || s.charAt(14) != ':') {
            return Long.MIN_VALUE;
        }
        int y = digits(s, 0, 4), mo = digits(s, 4, 2), d = digits(s, 6, 2), h = digits(s, 9, 2), mi = digits(s, 12, 2),
                sec = digits(s, 15, 2);
        if ((y | mo | d | h | mi | sec) < 0) {
            return Long.MIN_VALUE;
        }
        return local(p, y, mo, d, h, mi, sec, 0);
    }

    /** dd/MMM/yyyy:HH:mm:ss Z, e.g. 10/Oct/2000:13:55:36 -0700 (the offset in the text wins over the zone). */
    static long httpDate(String s) {
        if (s.length() != 26 || s.charAt(2) != '/' || s.charAt(6) != '/' || s.charAt(11) != ':' || s.charAt(14) != ':'
                || s.charAt(17) != ':' || s.charAt(20) != ' ') {
            return Long.MIN_VALUE;
        }
        int d = digits(s, 0, 2), y = digits(s, 7, 4), h = digits(s, 12, 2), mi = digits(s, 15, 2), sec = digits(s, 18, 2);
        int mo = month(s, 3);
        char sign = s.charAt(21);
        int oh = digits(s, 22, 2), om = digits(s, 24, 2);
        if ((d | y | h | mi | sec | mo | oh | om) < 0 || (sign != '+' && sign != '-') || h > 23 || mi > 59 || sec > 60) {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(y, mo, d).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
        long off = (oh * 3600L + om * 60L) * (sign == '-' ? -1 : 1);
        return (epochDay * 86400L + h * 3600L + mi * 60L + sec - off) * 1000L;
    }

    private static long local(TimeParser p, int y, int mo, int d, int h, int mi, int sec, int nanos) {
        if (h > 23 || mi > 59 || sec > 60) {
            return Long.MIN_VALUE;
        }
        try {
            return p.localToEpochMillis(y, mo, d, h, mi, sec, nanos);
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
    }

    private static int month(String s, int at) {
        for (int i = 0; i < 12; i++) {
            if (s.regionMatches(true, at, MONTHS[i], 0, 3)) {
                return i + 1;
            }
        }
        return -1;
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
