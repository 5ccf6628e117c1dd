package dev.lark.clean.task.job;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A text file, one record per line. */
public final class FileSource implements InputSource {
    private final Path path;
    private final BufferedReader reader;
    private final int batchSize;

    public FileSource(Path path, int batchSize) {
        if (!Files.isReadable(path)) {
            throw ConfigException.invalid("inputPath", path, "the file does not exist or is not readable on the worker");
        }
        this.path = path;
        this.batchSize = batchSize;
        try {
            this.reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.invalid("inputPath", path, "cannot open: " + e.getMessage());
        }
    }

    @Override
    public List<String> poll() throws IOException {
        List<String> batch = new ArrayList<>(batchSize);
        String line;
        while (batch.size() < batchSize && (line = reader.readLine()) != null) {
            batch.add(line);
        }
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("file", path.getParent() == null ? "" : path.getParent().toString(), path.getFileName().toString());
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
