package dev.lark.sandbox.ds;

import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The unpacked Lark plugin bundle ({@code lark-dolphinscheduler-plugins-<version>/libs/*.jar}) that the sandbox puts
 * on DS's classpath, exactly what an operator copies into DS's {@code libs/} directories.
 *
 * <p>Found at {@code LARK_BUNDLE_DIR} (env or {@code -Dlark.bundle.dir}) when set; else in the project's build output
 * {@code packaging/lark-bundle/target/lark-dolphinscheduler-plugins-*}/, the project being {@code LARK_HOME}
 * (env or {@code -Dlark.home}) or the first directory above the working directory that holds
 * {@code packaging/lark-bundle/pom.xml}.
 */
final class LarkBundle {
    static final String PREFIX = "lark-dolphinscheduler-plugins-";
    private final Path dir;

    private LarkBundle(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    static LarkBundle locate() {
        String explicit = setting("LARK_BUNDLE_DIR", "lark.bundle.dir");
        if (explicit != null) {
            Path d = Paths.get(explicit).toAbsolutePath().normalize();
            if (!Files.isDirectory(d)) {
                throw new SandboxException(DolphinSchedulerComponent.NAME, "LARK_BUNDLE_DIR=" + d
                        + " is not a directory; point it at an unpacked " + PREFIX + "<version>.tar.gz", null);
            }
            return new LarkBundle(d);
        }
        Path project = projectRoot().orElseThrow(() -> new SandboxException(DolphinSchedulerComponent.NAME,
                "cannot find the Lark plugin bundle: set LARK_BUNDLE_DIR to an unpacked " + PREFIX
                        + "<version>.tar.gz, or LARK_HOME to the Lark source tree", null));
        Path target = project.resolve("packaging/lark-bundle/target");
        return newestUnpacked(target).map(LarkBundle::new).orElseThrow(() -> new SandboxException(
                DolphinSchedulerComponent.NAME, "no unpacked plugin bundle in " + target + "; build it with `cd "
                        + project + " && mvn -B -q install -DskipTests -pl packaging/lark-bundle -am`", null));
    }

    /** The plugin jars, from {@code libs/} (or the directory itself when it has no {@code libs/}). */
    List<Path> pluginJars() {
        Path libs = Files.isDirectory(dir.resolve("libs")) ? dir.resolve("libs") : dir;
        List<Path> jars;
        try (Stream<Path> s = Files.list(libs)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (jars.isEmpty()) {
            throw new SandboxException(DolphinSchedulerComponent.NAME, "the plugin bundle " + libs
                    + " holds no jars", null);
        }
        return jars;
    }

    static Optional<Path> projectRoot() {
        String home = setting("LARK_HOME", "lark.home");
        if (home != null) {
            return Optional.of(Paths.get(home).toAbsolutePath().normalize());
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("packaging/lark-bundle/pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> newestUnpacked(Path target) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p)
                    && Files.isDirectory(p.resolve("libs")))
                    .max(Comparator.comparing(LarkBundle::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String setting(String env, String property) {
        String v = System.getenv(env);
        if (v == null || v.isBlank()) {
            v = System.getProperty(property);
        }
        return v == null || v.isBlank() ? null : v;
    }
}
