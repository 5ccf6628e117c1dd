package dev.lark.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Objects;

/**
 * Where the sandbox keeps things.
 *
 * <ul>
 *   <li>cache ({@code LARK_CACHE}, default {@code ~/.cache/lark}): downloaded engines and jars, kept across runs;
 *   <li>run directory ({@code LARK_RUN_DIR}, default {@code <cache>/run}): one sub-directory per component with its
 *       data, logs, pid file and {@code endpoints.properties};
 *   <li>shared data ({@code LARK_SHARED}, else {@code ../shared} above the project): DS and Atlas data files that
 *       the Central jars leave out; a user's {@code DS_HOME} may stand in for the DS part.
 * </ul>
 */
public final class SandboxContext {
    private final Path cacheDir;
    private final Path runDir;
    private final Path sharedDir;
    private final boolean offline;

    public SandboxContext(Path cacheDir, Path runDir, Path sharedDir, boolean offline) {
        this.cacheDir = Objects.requireNonNull(cacheDir, "cacheDir").toAbsolutePath().normalize();
        this.runDir = Objects.requireNonNull(runDir, "runDir").toAbsolutePath().normalize();
        this.sharedDir = sharedDir == null ? null : sharedDir.toAbsolutePath().normalize();
        this.offline = offline;
    }

    /** The context described by the environment variables, as used by the CLI and the test kit. */
    public static SandboxContext fromEnvironment() {
        Path cache = envPath("LARK_CACHE", Paths.get(System.getProperty("user.home"), ".cache", "lark"));
        Path run = envPath("LARK_RUN_DIR", cache.resolve("run"));
        Path shared = envPath("LARK_SHARED", null);
        if (shared == null) {
            shared = findSharedAbove(Paths.get("").toAbsolutePath());
        }
        boolean offline = Boolean.parseBoolean(System.getenv().getOrDefault("LARK_OFFLINE", "false"));
        return new SandboxContext(cache, run, shared, offline);
    }

    private static Path envPath(String name, Path fallback) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            v = System.getProperty(name.toLowerCase().replace('_', '.'));
        }
        return v == null || v.isBlank() ? fallback : Paths.get(v);
    }

    /** Walks up from {@code start} looking for a sibling {@code shared/} holding the DS data files. */
    static Path findSharedAbove(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("dolphinscheduler-3.1.1"))) {
                return candidate;
            }
        }
        return null;
    }

    public Path cacheDir() {
        return cacheDir;
    }

    public Path runDir() {
        return runDir;
    }

    /** The shared data directory; fails with a clear message when it cannot be found. */
    public Path sharedDir() {
        if (sharedDir == null) {
            throw new SandboxException("sandbox",
                    "cannot find the shared data files (dolphinscheduler-3.1.1/, atlas-2.1.0/): set LARK_SHARED to the"
                            + " directory holding them", null);
        }
        return sharedDir;
    }

    /** When true, installs must not touch the network (we are inside the loopback-only namespace). */
    public boolean offline() {
        return offline;
    }

    /** {@code <cache>/<name>}, created. */
    public Path cache(String name) {
        return mkdirs(cacheDir.resolve(name));
    }

    /** {@code <run>/<component>}, created. */
    public Path runDir(String component) {
        return mkdirs(runDir.resolve(component));
    }

    public Path logFile(String component) {
        return runDir(component).resolve(component + ".log");
    }

    static Path mkdirs(Path p) {
        try {
            return Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
