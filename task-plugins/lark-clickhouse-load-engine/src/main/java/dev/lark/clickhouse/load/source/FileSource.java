package dev.lark.clickhouse.load.source;

import dev.lark.clickhouse.load.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A file in CSV, TSV, JSON lines or Parquet. {@code LOCAL}: we read it and stream it to ClickHouse in the same
 * format, in batches. {@code SERVER}: the path is on the ClickHouse server and ClickHouse reads it with file().
 */
public final class FileSource implements SourceSpec {
    public enum Location { LOCAL, SERVER }

    private final String path;
    private final FileFormat format;
    private final boolean header;
    private final Location location;
    private final char delimiter;

    public FileSource(String path, FileFormat format, Boolean header, Location location, Character delimiter) {
        ConfigException.require(path != null && !path.trim().isEmpty(), "source.path", path, "give the file path");
        ConfigException.require(format != null, "source.format", null, "use one of csv, tsv, jsonl, parquet");
        this.location = location == null ? Location.LOCAL : location;
        if (this.location == Location.LOCAL) {
            Path p = Paths.get(path);
            ConfigException.require(Files.isRegularFile(p) && Files.isReadable(p), "source.path", path,
                    "the file must exist and be readable by the worker (or set source.location=server for a path"
                            + " on the ClickHouse server)");
        }
        this.path = path;
        this.format = format;
        this.header = header == null ? (format == FileFormat.CSV || format == FileFormat.TSV) : header;
        this.delimiter = delimiter == null ? (format == FileFormat.TSV ? '\t' : ',') : delimiter;
        ConfigException.require(format != FileFormat.TSV || this.delimiter == '\t', "source.delimiter", delimiter,
                "TSV is tab-delimited; use format csv with a delimiter for other separators");
    }

    public static FileSource local(String path, FileFormat format) {
        return new FileSource(path, format, null, Location.LOCAL, null);
    }

    public static FileSource server(String path, FileFormat format) {
        return new FileSource(path, format, null, Location.SERVER, null);
    }

    public String path() {
        return path;
    }

    public FileFormat format() {
        return format;
    }

    /** CSV/TSV: the first line names the columns (the default). */
    public boolean header() {
        return header && (format == FileFormat.CSV || format == FileFormat.TSV);
    }

    public Location location() {
        return location;
    }

    public char delimiter() {
        return delimiter;
    }

    @Override
    public String describe() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + " file " + path
                + (location == Location.SERVER ? " (read by ClickHouse)" : "");
    }
}
