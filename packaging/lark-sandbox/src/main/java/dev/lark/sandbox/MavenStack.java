package dev.lark.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A set of jars described by a POM shipped as a resource ({@code /stacks/<name>/pom.xml}) and resolved by Maven
 * into {@code <cache>/<name>/lib}. Maven does the downloading and caching; a marker with the POM's hash makes a
 * second install free and a changed POM re-resolve.
 */
public final class MavenStack {
    private final String name;

    public MavenStack(String name) {
        this.name = name;
    }

    public Path libDir(SandboxContext ctx) {
        return ctx.cache(name).resolve("lib");
    }

    public boolean resolved(SandboxContext ctx) {
        try {
            Path marker = ctx.cache(name).resolve("resolved.sha256");
            return Files.exists(marker) && Files.readString(marker).trim().equals(hash(pom()));
        } catch (IOException e) {
            return false;
        }
    }

    /** Resolves the stack's runtime dependencies into {@link #libDir}, unless already done for this POM. */
    public Path resolve(SandboxContext ctx) throws IOException, InterruptedException {
        Path home = ctx.cache(name);
        Path lib = home.resolve("lib");
        if (resolved(ctx)) {
            return lib;
        }
        byte[] pom = pom();
        Path pomFile = home.resolve("pom.xml");
        Path marker = home.resolve("resolved.sha256");
        // new files rather than writes in place: a cache copied with hard links (cp -al) must not see this marker
        // (or POM) change while its own lib/ stays as it was
        Files.deleteIfExists(marker);
        Files.deleteIfExists(pomFile);
        Files.write(pomFile, pom);
        deleteTree(lib);
        Path log = home.resolve("resolve.log");
        List<String> cmd = new ArrayList<>(List.of(mvnCommand(), "-B", "-q", "-f", pomFile.toString()));
        if (ctx.offline()) {
            cmd.add("-o");
        }
        cmd.addAll(List.of("dependency:copy-dependencies", "-DincludeScope=runtime",
                "-DoutputDirectory=" + lib));
        Process p = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (p.waitFor() != 0) {
            throw new SandboxException(name, "Maven could not resolve the stack " + pomFile + ": "
                    + Health.tail(log, 3).replace('\n', ' '), log);
        }
        Files.writeString(marker, hash(pom));
        return lib;
    }

    /** {@code lib/*.jar} joined with ':' for a classpath. */
    public String classpath(SandboxContext ctx) throws IOException {
        try (Stream<Path> s = Files.list(libDir(ctx))) {
            return s.filter(p -> p.toString().endsWith(".jar")).sorted().map(Path::toString)
                    .collect(Collectors.joining(":"));
        }
    }

    private byte[] pom() throws IOException {
        String res = "/stacks/" + name + "/pom.xml";
        try (InputStream in = MavenStack.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new IOException("missing resource " + res);
            }
            return in.readAllBytes();
        }
    }

    static String mvnCommand() {
        String m = System.getenv("LARK_MVN");
        return m == null || m.isBlank() ? "mvn" : m;
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
