package dev.lark.clean.task.job;

import dev.lark.clean.DeadLetter;
import dev.lark.clean.OutputRecord;
import dev.lark.clean.OutputSchema;
import dev.lark.engine.common.LineageReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** JSON-lines files as the output and as the dead-letter sink. */
public final class FileOutputs {
    private FileOutputs() {
    }

    /** Writes to {@code <path>.inprogress}; commit renames it to {@code path} atomically, abort deletes it. */
    public static final class RecordSink implements OutputSink {
        private final Path path;
        private final Path temp;
        private final Writer w;

        public RecordSink(Path path) throws IOException {
            this.path = path;
            this.temp = path.resolveSibling(path.getFileName() + ".inprogress");
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            this.w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
        }

        @Override
        public void commit() throws IOException {
            w.close();
            Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
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
        public LineageReport.Dataset dataset() {
            return LineageReport.Dataset.of("file", path.getParent() == null ? "" : path.getParent().toString(), path.getFileName().toString());
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }

    public static final class DeadLetters implements DeadLetterOutput {
        private final Path path;
        private final Writer w;

        public DeadLetters(Path path) throws IOException {
            this.path = path;
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            this.w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        }

        @Override
        public void write(List<DeadLetter> deadLetters) throws IOException {
            for (DeadLetter d : deadLetters) {
                w.write(d.toJson().toString());
                w.write('\n');
            }
            w.flush();
        }

        @Override
        public String describe() {
            return "file " + path;
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }
}
