package dev.lark.cli.demo;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the one-screen summary every Lark task prints at its end ("  rowsWritten : 200000" lines after
 * "LARK_... summary") out of its DS task log, for the demo's table of results.
 */
final class TaskSummary {
    private static final Pattern LINE = Pattern.compile("^\\s{2}([A-Za-z][A-Za-z_ ()]*?)\\s*:\\s(.*)$");

    private TaskSummary() {
    }

    /** The key/value lines of the last summary block in {@code log} (empty when there is none). */
    static Map<String, String> parse(String log) {
        Map<String, String> out = new LinkedHashMap<>();
        if (log == null) {
            return out;
        }
        log = log.replace("\r\n", "\n"); // DS's log API answers with CRLF line ends
        int at = log.lastIndexOf(" summary\n");
        if (at < 0) {
            return out;
        }
        for (String line : log.substring(at).split("\n")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.put(m.group(1).trim(), m.group(2).trim());
            }
        }
        return out;
    }

    /** The summary's "duration : 2.248 s", else {@code fallback}. */
    static double seconds(Map<String, String> summary, double fallback) {
        String d = summary.getOrDefault("duration", "");
        try {
            return d.endsWith(" s") ? Double.parseDouble(d.substring(0, d.length() - 2)) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The numbers that say what the task did, by task type. */
    static String result(String taskType, Map<String, String> s) {
        if (s.isEmpty()) {
            return "";
        }
        switch (taskType) {
            case "LARK_INGEST":
                return String.format(Locale.ROOT, "%s rows read, %s written, %s dirty, %s channels",
                        number(s, "rowsRead"), number(s, "rowsWritten"), number(s, "rowsDirty"),
                        s.getOrDefault("channels", "?"));
            case "LARK_CLEAN":
                return String.format(Locale.ROOT, "%s records in, %s cleaned, %s to the dead-letter topic (%s)",
                        number(s, "inputs"), number(s, "output records"), number(s, "failed (dead letters)"),
                        s.entrySet().stream().filter(e -> e.getKey().startsWith("errors "))
                                .map(e -> e.getKey().substring(7) + " " + e.getValue()).reduce((a, b) -> a + ", " + b)
                                .orElse("no errors"));
            case "LARK_CLICKHOUSE_LOAD":
                return String.format(Locale.ROOT, "%s rows into %s, %s partitions, %s",
                        number(s, "rows"), s.getOrDefault("target", "?"), number(s, "partitions"),
                        s.getOrDefault("checksum", "").contains("staged = loaded") ? "checksum staged = loaded"
                                : "no checksum");
            default:
                return "";
        }
    }

    private static String number(Map<String, String> s, String key) {
        String v = s.getOrDefault(key, "?");
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return v;
        }
    }
}
