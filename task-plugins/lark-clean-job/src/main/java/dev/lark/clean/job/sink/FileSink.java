package dev.lark.clean.job.sink;

import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.engine.common.LineageReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A JSON-lines file. Writes to {@code <path>.inprogress}; {@link #commit} renames it to {@code path} atomically,
 * {@link #abort} deletes it, so the file only ever holds the output of a complete run.
 */
public final class FileSink implements OutputSink {
    private final Path path;
    private final Path temp;
    private final Writer w;

    public FileSink(Path path) throws IOException {
        this.path = path;
        this.temp = path.resolveSibling(path.getFileName() + ".inprogress");
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        this.w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
    }

    @Override
    public void prepare(OutputSchema schema) {
    }

    @Override
    public void write(List<OutputRecord> records) throws IOException {
        for (OutputRecord r : records) {
            w.write(r.toJson());
            w.write('\n');
        }
        w.flush();
    }

    @Override
    public void commit() throws IOException {
        w.close();
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void abort() {
        try {
            w.close();
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a leftover .inprogress file is never mistaken for output
        }
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("file", "", path.toAbsolutePath().toString());
    }

    @Override
    public void close() throws IOException {
        w.close();
    }
}
