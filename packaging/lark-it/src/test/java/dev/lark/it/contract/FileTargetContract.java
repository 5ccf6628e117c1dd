package dev.lark.it.contract;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@link LarkTaskContract} for task fixtures that write plain files into one directory: the DS worker runs on this
 * machine's file system, so the test reads the target directly.
 */
abstract class FileTargetContract extends LarkTaskContract {
    protected final Path target;

    FileTargetContract(String directoryName) {
        this.target = Path.of(System.getProperty("java.io.tmpdir"), directoryName);
    }

    @Override
    protected void resetTarget() throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.walk(target)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target);
    }

    /** Non-blank lines in the visible files (writers that stage use hidden names and rename on commit). */
    @Override
    protected long targetCount() throws IOException {
        long n = 0;
        try (Stream<Path> s = Files.list(target)) {
            for (Path f : s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(f);
                n += lines.stream().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
    }
}
