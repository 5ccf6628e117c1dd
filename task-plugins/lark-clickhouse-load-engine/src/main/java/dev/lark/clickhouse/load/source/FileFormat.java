package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.ConfigException;
import java.util.Locale;

/** File formats the loader reads, with the ClickHouse format names used for the insert. */
public enum FileFormat {
    CSV("CSV", "CSVWithNames", true),
    TSV("TabSeparated", "TabSeparatedWithNames", true),
    JSON_EACH_ROW("JSONEachRow", "JSONEachRow", true),
    PARQUET("Parquet", "Parquet", false);

    private final String noHeaderName;
    private final String withHeaderName;
    private final boolean lineOriented;

    FileFormat(String noHeaderName, String withHeaderName, boolean lineOriented) {
        this.noHeaderName = noHeaderName;
        this.withHeaderName = withHeaderName;
        this.lineOriented = lineOriented;
    }

    /** Format name for a body without header line (we send the column list with the insert instead). */
    public String clickHouseName() {
        return noHeaderName;
    }

    /** Format name ClickHouse uses to read a whole file that has a header line. */
    public String clickHouseName(boolean header) {
        return header ? withHeaderName : noHeaderName;
    }

    /** CSV/TSV/JSON lines can be cut at record boundaries into batches; Parquet is sent whole. */
    public boolean splittable() {
        return lineOriented;
    }

    public static FileFormat parse(String field, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        switch (v) {
            case "csv": return CSV;
            case "tsv": case "tabseparated": return TSV;
            case "json": case "jsonl": case "jsonlines": case "jsoneachrow": case "ndjson": return JSON_EACH_ROW;
            case "parquet": return PARQUET;
            default:
                throw new ConfigException(field, value, "use one of csv, tsv, jsonl (JSONEachRow), parquet");
        }
    }
}
