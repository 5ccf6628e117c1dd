package dev.lark.sandbox.flink;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Copies our {@code bin/flink} (a resource) into the sandbox's FLINK_HOME. */
final class FlinkScripts {
    private FlinkScripts() {
    }

    static void install(Path flinkHome) throws IOException {
        Path bin = Files.createDirectories(flinkHome.resolve("bin"));
        copyExecutable("/sandbox/flink/bin/flink", bin.resolve("flink"));
    }

    static void copyExecutable(String resource, Path target) throws IOException {
        try (InputStream in = FlinkScripts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
