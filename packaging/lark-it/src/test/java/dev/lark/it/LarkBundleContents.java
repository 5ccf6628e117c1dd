package dev.lark.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the built plugin bundle declares, read from its jars (so tests follow the bundle, not a hard-coded list). */
public final class LarkBundleContents {
    public static final String TASK_FACTORY_SERVICE =
            "META-INF/services/org.apache.dolphinscheduler.plugin.task.api.TaskChannelFactory";

    private LarkBundleContents() {
    }

    /** {@code packaging/lark-bundle/target/lark-dolphinscheduler-plugins-<version>/libs/}, above the working dir. */
    public static Path libsDir() {
        String explicit = System.getenv("LARK_BUNDLE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).resolve("libs");
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path target = p.resolve("packaging/lark-bundle/target");
            if (Files.isDirectory(target)) {
                try (Stream<Path> s = Files.list(target)) {
                    List<Path> dirs = s.filter(d -> d.getFileName().toString().startsWith(
                            "lark-dolphinscheduler-plugins-") && Files.isDirectory(d.resolve("libs")))
                            .collect(Collectors.toList());
                    if (dirs.size() == 1) {
                        return dirs.get(0).resolve("libs");
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("no unpacked Lark bundle found; build packaging/lark-bundle first");
    }

    /** Class names of every TaskChannelFactory the bundle's jars register. */
    public static List<String> taskChannelFactories() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(libsDir())) {
            for (Path jar : (Iterable<Path>) s.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    var entry = jf.getJarEntry(TASK_FACTORY_SERVICE);
                    if (entry == null) {
                        continue;
                    }
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(jf.getInputStream(entry),
                            StandardCharsets.UTF_8))) {
                        r.lines().map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                                .forEach(out::add);
                    }
                }
            }
        }
        return out;
    }
}
