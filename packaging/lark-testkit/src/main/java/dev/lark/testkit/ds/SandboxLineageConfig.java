package dev.lark.testkit.ds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one {@code lark-lineage.properties} that points the sandbox DS's Lark tasks at the sandbox Atlas. Every writer
 * (ITs, {@code lark demo}) uses this class, so whichever runs first, the worker sees the same Atlas, user and journal
 * directory, and the file is only rewritten when its content would change (the worker reloads it on a new mtime).
 * It lives in DS's conf dir, which is first on DS's classpath; the sandbox recreates that dir at each DS start.
 */
public final class SandboxLineageConfig {
    public static final String FILE_NAME = "lark-lineage.properties";

    private SandboxLineageConfig() {
    }

    /** The file's content: Atlas REST URL and credentials, journal under the DS run dir. */
    public static String content(Path dsRunDir, String atlasRestUrl, String atlasUser, String atlasPassword) {
        return "lark.lineage.atlas.url=" + atlasRestUrl + "\n"
                + "lark.lineage.atlas.user=" + atlasUser + "\n"
                + "lark.lineage.atlas.password=" + (atlasPassword == null ? "" : atlasPassword) + "\n"
                + "lark.lineage.journal.dir=" + dsRunDir.resolve("lark-lineage-journal") + "\n";
    }

    /**
     * Writes {@code <dsRunDir>/conf/lark-lineage.properties} unless it already holds exactly this content; atomic
     * (temp file + move) and mode 600, since it holds Atlas's password. Returns the file.
     */
    public static Path ensure(Path dsRunDir, String atlasRestUrl, String atlasUser, String atlasPassword)
            throws IOException {
        Path props = dsRunDir.resolve("conf").resolve(FILE_NAME);
        String config = content(dsRunDir, atlasRestUrl, atlasUser, atlasPassword);
        if (Files.isRegularFile(props) && Files.readString(props, StandardCharsets.UTF_8).equals(config)) {
            return props;
        }
        Files.createDirectories(props.getParent());
        Path tmp = Files.createTempFile(props.getParent(), "lark-lineage", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, config, StandardCharsets.UTF_8);
            Files.move(tmp, props, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return props;
    }
}
