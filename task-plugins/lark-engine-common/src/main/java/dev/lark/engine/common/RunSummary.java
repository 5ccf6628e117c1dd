package dev.lark.engine.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of an engine run as ordered key/value lines: printed as the one-screen summary at the end of a task,
 * and the source of the task's OUT parameters (rowsRead, rowsWritten, watermark ...). Values are redacted.
 */
public final class RunSummary {
    private final String title;
    private final Map<String, String> lines = new LinkedHashMap<>();
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private LineageReport lineage = LineageReport.empty();

    public RunSummary(String title) {
        this.title = title;
    }

    /** A line shown in the summary only. */
    public RunSummary line(String key, Object value) {
        lines.put(key, Secrets.redact(String.valueOf(value)));
        return this;
    }

    /** A value shown in the summary and published as an OUT parameter of the same name. */
    public RunSummary output(String key, Object value) {
        String v = value == null ? "" : String.valueOf(value);
        outputs.put(key, v);
        lines.put(key, Secrets.redact(v));
        return this;
    }

    public RunSummary lineage(LineageReport l) {
        this.lineage = l == null ? LineageReport.empty() : l;
        return this;
    }

    public String title() {
        return title;
    }

    public Map<String, String> lines() {
        return Collections.unmodifiableMap(lines);
    }

    public Map<String, String> outputs() {
        return Collections.unmodifiableMap(outputs);
    }

    public LineageReport lineage() {
        return lineage;
    }

    /** The boxed one-screen rendering. */
    public String render() {
        int w = 0;
        for (String k : lines.keySet()) {
            w = Math.max(w, k.length());
        }
        StringBuilder sb = new StringBuilder();
        String rule = "=".repeat(Math.max(40, title.length() + 8));
        sb.append(rule).append('\n').append("  ").append(title).append('\n').append(rule).append('\n');
        for (Map.Entry<String, String> e : lines.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s : %s%n", e.getKey(), e.getValue()));
        }
        sb.append(rule);
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }
}
