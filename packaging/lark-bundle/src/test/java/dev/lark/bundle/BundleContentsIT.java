package dev.lark.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the packaged bundle (runs after {@code package}, in this module's failsafe execution): every third-party
 * class sits under {@code dev.lark.shaded}, so a task module that brings a new library without a relocation line
 * fails the build here instead of clashing inside a DS server.
 */
class BundleContentsIT {
    /** Packages allowed outside dev.lark.shaded: Lark's own, and JNI libraries that cannot be relocated. */
    private static final List<String> ALLOWED_PREFIXES = List.of("dev/lark/", "com/github/luben/zstd/");

    private static final Path UNPACKED = Path.of(System.getProperty("lark.bundle.unpacked", "target/unpacked"));

    @Test
    void theTarballHoldsTheJarTheReadmeAndTheInstaller() {
        assertThat(UNPACKED.resolve("libs")).isDirectoryContaining("glob:**/lark-dolphinscheduler-plugins-*.jar");
        assertThat(UNPACKED.resolve("README.md")).isRegularFile();
        assertThat(UNPACKED.resolve("install.sh")).isExecutable();
    }

    @Test
    void everyThirdPartyClassIsRelocated() throws IOException {
        Set<String> unrelocated = new TreeSet<>();
        for (Path jar : jars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                jf.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && !n.startsWith("META-INF/"))
                        .filter(n -> ALLOWED_PREFIXES.stream().noneMatch(n::startsWith))
                        .map(n -> n.substring(0, Math.max(n.lastIndexOf('/'), 0)))
                        .forEach(unrelocated::add);
            }
        }
        assertThat(unrelocated).as("packages neither Lark's nor relocated under dev/lark/shaded: add a"
                + " <relocation> for them in packaging/lark-bundle/pom.xml").isEmpty();
    }

    @Test
    void noDolphinSchedulerOrLoggingClassesAreBundled() throws IOException {
        List<String> leaked = new ArrayList<>();
        for (Path jar : jars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                jf.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("org/apache/dolphinscheduler/") || n.startsWith("org/slf4j/")
                                || n.startsWith("ch/qos/logback/") || n.contains("/shaded/org/slf4j/"))
                        .forEach(leaked::add);
            }
        }
        assertThat(leaked).as("DS and its logging are provided by the DS servers").isEmpty();
    }

    @Test
    void serviceFilesNameClassesThatExistInTheBundle() throws IOException {
        for (Path jar : jars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                List<String> services = jf.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/"))
                        .collect(Collectors.toList());
                for (String service : services) {
                    List<String> impls;
                    try (var in = jf.getInputStream(jf.getJarEntry(service))) {
                        impls = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                                .map(l -> l.replaceAll("#.*", "").trim()).filter(l -> !l.isEmpty())
                                .collect(Collectors.toList());
                    }
                    for (String impl : impls) {
                        assertThat(jf.getJarEntry(impl.replace('.', '/') + ".class"))
                                .as(service + " names " + impl).isNotNull();
                    }
                }
            }
        }
    }

    private static List<Path> jars() throws IOException {
        try (Stream<Path> s = Files.list(UNPACKED.resolve("libs"))) {
            List<Path> jars = s.filter(p -> p.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
            assertThat(jars).as("jars in " + UNPACKED.resolve("libs")).isNotEmpty();
            return Collections.unmodifiableList(jars);
        }
    }
}
