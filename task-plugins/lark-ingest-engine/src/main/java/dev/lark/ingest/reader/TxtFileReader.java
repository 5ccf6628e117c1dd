package dev.lark.ingest.reader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.ConversionException;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * {@code txtfilereader}: CSV / TSV / delimited text and JSON lines, optionally gzip. DataX parameters
 * ({@code path, column[{index|value,type,format}], fieldDelimiter, encoding, skipHeader, nullFormat, compress}) plus
 * Lark's {@code fileFormat} ({@code csv}: quotes honoured, {@code text}: plain split, {@code jsonl}: one JSON object per
 * line, columns by {@code name}). Each file is a split. Unparseable lines go to the dead-letter.
 */
public final class TxtFileReader implements Reader {
    public static final Set<String> PARAMETERS = Set.of("path", "column", "fieldDelimiter", "encoding",
            "skipHeader", "nullFormat", "compress", "fileFormat", "csvReaderConfig");
    private static final Set<String> COLUMN_KEYS = Set.of("index", "value", "type", "format", "name");
    private static final Set<String> FORMATS = Set.of("csv", "text", "jsonl");
    private static final Set<String> TYPES = Set.of("long", "double", "string", "date", "boolean", "bool",
            "bytes", "timestamp", "decimal");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Params p;
    private final List<String> paths;
    private final String format;
    private final char delimiter;
    private final Charset charset;
    private final boolean skipHeader;
    private final String nullFormat;
    private final String compress;
    private final List<Col> cols = new ArrayList<>();
    private final boolean allColumns;
    private List<Path> files = new ArrayList<>();

    private static final class Col {
        int index = -1;
        String name;
        String constant;
        String type;
    }

    public TxtFileReader(Params p) {
        this.p = p;
        p.checkKnown(PARAMETERS);
        this.paths = p.strings("path");
        if (paths.isEmpty()) {
            throw ConfigException.missing(p.path("path"), "give the file(s) to read; a directory reads all files"
                    + " in it, a trailing *.ext filters them");
        }
        this.format = p.string("fileFormat", "csv").toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(format)) {
            throw ConfigException.unknown(p.path("fileFormat"), format, FORMATS);
        }
        String d = p.string("fieldDelimiter", ",");
        if (d.equals("\\t")) {
            d = "\t";
        }
        if (d.length() != 1) {
            throw ConfigException.invalid(p.path("fieldDelimiter"), d, "use a single character such as , or \\t");
        }
        this.delimiter = d.charAt(0);
        try {
            this.charset = Charset.forName(p.string("encoding", "UTF-8"));
        } catch (RuntimeException e) {
            throw ConfigException.invalid(p.path("encoding"), p.string("encoding", ""), "use e.g. UTF-8 or GBK");
        }
        this.skipHeader = p.bool("skipHeader", false);
        this.nullFormat = p.string("nullFormat", null);
        this.compress = p.string("compress", "auto").toLowerCase(Locale.ROOT);
        if (!Set.of("auto", "gzip", "none", "").contains(compress)) {
            throw ConfigException.unknown(p.path("compress"), compress, Set.of("auto", "gzip", "none"));
        }
        List<String> star = null;
        try {
            star = p.strings("column");
        } catch (ConfigException e) {
            // column objects
        }
        if (star != null && (star.isEmpty() || (star.size() == 1 && star.get(0).equals("*")))) {
            allColumns = true;
            if (format.equals("jsonl")) {
                throw ConfigException.invalid(p.path("column"), "*", "jsonl needs named columns:"
                        + " [{\"name\":\"id\",\"type\":\"long\"}, ...]");
            }
        } else {
            allColumns = false;
            List<Params> cs = p.objects("column");
            for (Params c : cs) {
                c.checkKnown(COLUMN_KEYS);
                Col col = new Col();
                col.type = c.string("type", "string").toLowerCase(Locale.ROOT);
                if (!TYPES.contains(col.type)) {
                    throw ConfigException.unknown(c.path("type"), col.type, TYPES);
                }
                if (c.has("value")) {
                    col.constant = c.string("value", "");
                } else if (format.equals("jsonl")) {
                    col.name = c.requireString("name", "name the JSON field to read");
                } else if (c.has("index")) {
                    col.index = c.intValue("index", 0);
                } else {
                    throw ConfigException.missing(c.path("index"), "give index (0-based field) or value");
                }
                if (col.name == null) {
                    col.name = c.string("name", col.index >= 0 ? "c" + col.index : "const" + cols.size());
                }
                cols.add(col);
            }
        }
    }

    @Override
    public void prepare(IngestContext ctx) throws IOException {
        files = new ArrayList<>();
        for (String s : paths) {
            Path path = Paths.get(s);
            String glob = null;
            if (path.getFileName() != null && path.getFileName().toString().contains("*")) {
                glob = path.getFileName().toString();
                path = path.getParent();
            }
            if (Files.isDirectory(path)) {
                try (DirectoryStream<Path> ds = glob == null ? Files.newDirectoryStream(path)
                        : Files.newDirectoryStream(path, glob)) {
                    List<Path> found = new ArrayList<>();
                    for (Path f : ds) {
                        if (Files.isRegularFile(f)) {
                            found.add(f);
                        }
                    }
                    found.sort(null);
                    files.addAll(found);
                }
            } else if (Files.isRegularFile(path)) {
                files.add(path);
            } else {
                throw ConfigException.invalid(p.path("path"), s, "no such file or directory on this host");
            }
        }
        if (allColumns) {
            int n = 0;
            if (!files.isEmpty()) {
                try (BufferedReader r = open(files.get(0))) {
                    String line = r.readLine();
                    n = line == null ? 0 : parse(line).size();
                }
            }
            for (int i = 0; i < n; i++) {
                Col c = new Col();
                c.index = i;
                c.name = "c" + i;
                c.type = "string";
                cols.add(c);
            }
        }
    }

    private BufferedReader open(Path f) throws IOException {
        InputStream in = Files.newInputStream(f);
        boolean gz = compress.equals("gzip") || (compress.equals("auto") && f.toString().endsWith(".gz"));
        if (gz) {
            in = new GZIPInputStream(in, 64 * 1024);
        }
        return new BufferedReader(new InputStreamReader(in, charset), 256 * 1024);
    }

    @Override
    public List<String> columns() {
        List<String> out = new ArrayList<>();
        for (Col c : cols) {
            out.add(c.name);
        }
        return out;
    }

    @Override
    public List<Split> splits(int channels) {
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(new Split(i, files.get(i).toString(), null, null, files.get(i)));
        }
        return out;
    }

    @Override
    public void read(Split split, RowSink sink) throws Exception {
        Path f = (Path) split.payload();
        try (BufferedReader r = open(f)) {
            String line;
            long lineNo = 0;
            if (skipHeader) {
                r.readLine();
                lineNo++;
            }
            StringBuilder pending = null;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (pending != null) {
                    pending.append('\n').append(line);
                    line = pending.toString();
                }
                if (format.equals("csv") && openQuote(line)) {
                    pending = new StringBuilder(line);
                    continue; // a quoted field spans lines
                }
                pending = null;
                if (line.isEmpty()) {
                    continue;
                }
                Object[] row;
                try {
                    row = format.equals("jsonl") ? fromJson(line) : fromFields(parse(line));
                } catch (ConversionException | IllegalArgumentException | IOException e) {
                    sink.dirty(line, f.getFileName() + " line " + lineNo + ": " + e.getMessage());
                    continue;
                }
                sink.put(row);
            }
            if (pending != null) {
                sink.dirty(pending.toString(), f.getFileName() + ": unterminated quoted field at end of file");
            }
        }
    }

    private Object[] fromFields(List<String> fields) {
        Object[] row = new Object[cols.size()];
        for (int i = 0; i < row.length; i++) {
            Col c = cols.get(i);
            String raw;
            if (c.constant != null) {
                raw = c.constant;
            } else {
                if (c.index >= fields.size()) {
                    throw new IllegalArgumentException("has " + fields.size() + " fields, column " + c.name
                            + " wants field " + c.index);
                }
                raw = fields.get(c.index);
            }
            row[i] = typed(c, raw);
        }
        return row;
    }

    private Object[] fromJson(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Object[] row = new Object[cols.size()];
        for (int i = 0; i < row.length; i++) {
            Col c = cols.get(i);
            if (c.constant != null) {
                row[i] = typed(c, c.constant);
                continue;
            }
            JsonNode v = n.get(c.name);
            if (v == null || v.isNull()) {
                row[i] = null;
            } else if (v.isContainerNode()) {
                row[i] = v.toString();
            } else {
                row[i] = typed(c, v.asText());
            }
        }
        return row;
    }

    private Object typed(Col c, String raw) {
        if (raw == null || (nullFormat != null && raw.equals(nullFormat))) {
            return null;
        }
        switch (c.type) {
            case "long":
                return raw.isEmpty() ? null : Values.toLong(raw);
            case "double":
                return raw.isEmpty() ? null : Values.toDouble(raw);
            case "decimal":
                return raw.isEmpty() ? null : Values.toDecimal(raw, 0, new java.math.BigDecimal(raw.trim()).scale());
            case "boolean":
            case "bool":
                return raw.isEmpty() ? null : Values.toBoolean(raw);
            case "date":
                return raw.isEmpty() ? null : Values.toLocalDate(raw);
            case "timestamp":
                return raw.isEmpty() ? null : Values.toLocalDateTime(raw, java.time.ZoneOffset.UTC);
            case "bytes":
                return raw.getBytes(charset);
            default:
                return raw;
        }
    }

    private boolean openQuote(String line) {
        boolean in = false;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '"') {
                in = !in;
            }
        }
        return in;
    }

    /** Splits one record; in csv mode honours "quoted, fields" and "" escapes. */
    List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        if (!format.equals("csv")) {
            int start = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == delimiter) {
                    out.add(line.substring(start, i));
                    start = i + 1;
                }
            }
            out.add(line.substring(start));
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.length() == 0) {
                quoted = true;
            } else if (ch == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("file", "", String.join(",", paths));
    }

    Iterator<Path> files() {
        return files.iterator();
    }
}
