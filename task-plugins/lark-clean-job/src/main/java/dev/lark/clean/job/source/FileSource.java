package dev.lark.clean.job.source;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.LineageReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A text file (or standard input), one record per line. */
public final class FileSource implements InputSource {
    private final LineageReport.Dataset dataset;
    private final BufferedReader reader;
    private final int batchSize;

    public FileSource(Path path, int batchSize) {
        if (!Files.isReadable(path)) {
            throw ConfigException.invalid("inputPath", path, "the file does not exist or is not readable on the worker");
        }
        this.dataset = LineageReport.Dataset.of("file", "", path.toAbsolutePath().toString());
        this.batchSize = batchSize;
        try {
            this.reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ConfigException.invalid("inputPath", path, "cannot open: " + e.getMessage());
        }
    }

    private FileSource(BufferedReader reader, LineageReport.Dataset dataset, int batchSize) {
        this.reader = reader;
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    /** Standard input ({@code inputPath = "-"} in the CLI). */
    public static FileSource stdin(int batchSize) {
        return new FileSource(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16),
                LineageReport.Dataset.of("file", "", "stdin"), batchSize);
    }

    @Override
    public List<String> poll() throws IOException {
        List<String> batch = new ArrayList<>(Math.min(batchSize, 1 << 16));
        String line;
        while (batch.size() < batchSize && (line = reader.readLine()) != null) {
            batch.add(line);
        }
        return batch.isEmpty() ? null : batch;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return dataset;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
