package dev.lark.clean.job.deadletter;

import dev.lark.clean.DeadLetter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A JSON-lines file of failed records (step, kind, field, message, raw), visible as soon as written. */
public final class FileDeadLetters implements DeadLetterOutput {
    private final Path path;
    private final Writer w;

    public FileDeadLetters(Path path) throws IOException {
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
