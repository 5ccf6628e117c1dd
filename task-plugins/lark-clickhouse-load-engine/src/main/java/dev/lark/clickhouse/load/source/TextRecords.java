package dev.lark.clickhouse.load.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field-level parsing of single CSV / TSV / JSON-lines records, used for validation and dead-letter reasons. */
public final class TextRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TextRecords() {
    }

    /** CSV fields (RFC 4180 quoting); an unquoted {@code \N} is NULL, as in ClickHouse. */
    public static List<String> csv(String record, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int n = stripLineEnd(record);
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && record.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (c == delimiter) {
                out.add(field(f, wasQuoted));
                f.setLength(0);
                wasQuoted = false;
            } else {
                f.append(c);
            }
        }
        out.add(field(f, wasQuoted));
        return out;
    }

    private static String field(StringBuilder f, boolean wasQuoted) {
        String s = f.toString();
        return !wasQuoted && s.equals("\\N") ? null : s;
    }

    /** TSV fields with ClickHouse escapes; {@code \N} is NULL. */
    public static List<String> tsv(String record) {
        List<String> out = new ArrayList<>();
        int n = stripLineEnd(record);
        StringBuilder f = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = record.charAt(i);
            if (c == '\t') {
                out.add(tsvField(f));
                f.setLength(0);
            } else if (c == '\\' && i + 1 < n) {
                char e = record.charAt(++i);
                switch (e) {
                    case 't': f.append('\t'); break;
                    case 'n': f.append('\n'); break;
                    case 'r': f.append('\r'); break;
                    case '0': f.append('\0'); break;
                    case 'N': f.append("\u0000NULL\u0000"); break;
                    default: f.append(e);
                }
            } else {
                f.append(c);
            }
        }
        out.add(tsvField(f));
        return out;
    }

    private static String tsvField(StringBuilder f) {
        String s = f.toString();
        return s.equals("\u0000NULL\u0000") ? null : s;
    }

    /** One JSON object per line: field name to text value (null for JSON null); nested values as JSON text. */
    public static Map<String, String> json(String record) throws IOException {
        JsonNode node = JSON.readTree(record);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        }
        return out;
    }

    private static int stripLineEnd(String s) {
        int n = s.length();
        while (n > 0 && (s.charAt(n - 1) == '\n' || s.charAt(n - 1) == '\r')) {
            n--;
        }
        return n;
    }
}
