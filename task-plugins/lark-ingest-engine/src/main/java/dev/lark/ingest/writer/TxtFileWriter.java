package dev.lark.ingest.writer;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * {@code txtfilewriter}: one file per channel, written under a hidden staging name and renamed into place on commit
 * (a failed or killed run leaves no partial file). DataX parameters {@code path, fileName, writeMode
 * (truncate|append|nonConflict), fieldDelimiter, encoding, nullFormat, header, compress (gzip)}, plus
 * {@code fileFormat} csv|text|jsonl.
 */
public final class TxtFileWriter implements Writer {
    public static final Set<String> PARAMETERS = Set.of("path", "fileName", "writeMode", "fieldDelimiter",
            "encoding", "nullFormat", "header", "compress", "fileFormat", "dateFormat", "suffix");

    private final Path dir;
    private final String fileName;
    private final String writeMode;
    private final char delimiter;
    private final Charset charset;
    private final String nullFormat;
    private final List<String> header;
    private final boolean gzip;
    private final String format;
    private final List<Path[]> staged = new ArrayList<>();
    private List<String> columns;
    private String runTag;

    public TxtFileWriter(Params p) {
        p.checkKnown(PARAMETERS);
        this.dir = Paths.get(p.requireString("path", "give the output directory"));
        this.fileName = p.requireString("fileName", "give the output file name prefix");
        this.writeMode = p.string("writeMode", "truncate").toLowerCase(Locale.ROOT);
        if (!Set.of("truncate", "append", "nonconflict").contains(writeMode)) {
            throw ConfigException.unknown(p.path("writeMode"), writeMode, Set.of("truncate", "append",
                    "nonConflict"));
        }
        String d = p.string("fieldDelimiter", ",");
        this.delimiter = (d.equals("\\t") ? "\t" : d).charAt(0);
        this.charset = Charset.forName(p.string("encoding", "UTF-8"));
        this.nullFormat = p.string("nullFormat", "");
        this.header = p.strings("header");
        String c = p.string("compress", "none").toLowerCase(Locale.ROOT);
        if (!Set.of("none", "gzip").contains(c)) {
            throw ConfigException.unknown(p.path("compress"), c, Set.of("none", "gzip"));
        }
        this.gzip = c.equals("gzip");
        this.format = p.string("fileFormat", "csv").toLowerCase(Locale.ROOT);
        if (!Set.of("csv", "text", "jsonl").contains(format)) {
            throw ConfigException.unknown(p.path("fileFormat"), format, Set.of("csv", "text", "jsonl"));
        }
    }

    @Override
    public void prepare(IngestContext ctx, List<String> sourceColumns) throws IOException {
        this.columns = sourceColumns;
        Files.createDirectories(dir);
        this.runTag = Long.toString(System.currentTimeMillis(), 36);
        if (writeMode.equals("nonconflict")) {
            try (var s = Files.list(dir)) {
                if (s.anyMatch(f -> f.getFileName().toString().startsWith(fileName))) {
                    throw ConfigException.invalid("writer.parameter.fileName", fileName, "files with this prefix"
                            + " already exist in " + dir + " and writeMode is nonConflict");
                }
            }
        }
    }

    @Override
    public synchronized WriterChannel open(int channel) throws IOException {
        String ext = (format.equals("jsonl") ? ".jsonl" : format.equals("csv") ? ".csv" : ".txt") + (gzip ? ".gz"
                : "");
        Path target = dir.resolve(fileName + "__" + runTag + "_" + channel + ext);
        Path tmp = dir.resolve("." + target.getFileName() + ".inprogress");
        staged.add(new Path[] {tmp, target});
        OutputStream os = Files.newOutputStream(tmp);
        if (gzip) {
            os = new GZIPOutputStream(os, 64 * 1024);
        }
        BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, charset), 256 * 1024);
        if (!header.isEmpty() && !format.equals("jsonl")) {
            w.write(String.join(String.valueOf(delimiter), header));
            w.write('\n');
        }
        return new WriterChannel() {
            @Override
            public void write(List<Object[]> batch, DirtySink dirty) throws IOException {
                for (Object[] row : batch) {
                    w.write(format(row));
                    w.write('\n');
                }
            }

            @Override
            public void finish() throws IOException {
                w.flush();
            }

            @Override
            public void close() throws IOException {
                w.close();
            }
        };
    }

    private String format(Object[] row) throws IOException {
        if (format.equals("jsonl")) {
            return JsonRow.write(columns, row);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                sb.append(delimiter);
            }
            String s = row[i] == null ? nullFormat : Values.display(row[i]);
            if (format.equals("csv") && (s.indexOf(delimiter) >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                    || s.indexOf('\r') >= 0)) {
                sb.append('"').append(s.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }

    @Override
    public void commit(CommitRequest request) throws IOException {
        if (writeMode.equals("truncate")) {
            try (var s = Files.list(dir)) {
                for (Path f : (Iterable<Path>) s::iterator) {
                    String n = f.getFileName().toString();
                    if (n.startsWith(fileName + "__") && !n.contains(runTag)) {
                        Files.delete(f);
                    }
                }
            }
        }
        for (Path[] pair : staged) {
            try {
                Files.move(pair[0], pair[1], StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(pair[0], pair[1], StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public void abort() {
        BestEffort.forEach(staged, pair -> Files.deleteIfExists(pair[0]));
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("file", "", dir.resolve(fileName).toString());
    }
}
