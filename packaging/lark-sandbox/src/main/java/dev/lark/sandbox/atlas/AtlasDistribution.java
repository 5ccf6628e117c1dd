package dev.lark.sandbox.atlas;

import dev.lark.sandbox.MavenStack;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The Atlas 2.1.0 server files in the cache ({@code <cache>/atlas-2.1.0}): the war from Central exploded once into
 * {@code webapp/}, with the Groovy 2.5.7 jars of {@code WEB-INF/lib} swapped for 2.5.23. The 290 MB war itself is
 * deleted after exploding; a missing {@code webapp/} makes the next install resolve it again.
 */
final class AtlasDistribution {
    static final String STACK = "atlas-2.1.0";
    static final String WAR = "atlas-webapp-2.1.0.war";
    /** Bump when the exploded layout changes, so old caches are rebuilt. */
    private static final String LAYOUT = "webapp-v1 groovy-2.5.23";
    private static final Pattern OLD_GROOVY = Pattern.compile("groovy(-[a-z0-9-]+)?-2\\.5\\.7(-indy)?\\.jar");
    private static final Pattern NEW_GROOVY = Pattern.compile("groovy(-[a-z0-9-]+)?-2\\.5\\.23(-indy)?\\.jar");
    private static final int GROOVY_JARS = 9;

    private final MavenStack stack = new MavenStack(STACK);

    Path home(SandboxContext ctx) {
        return ctx.cache(STACK);
    }

    /** The exploded war: {@code WEB-INF/classes}, {@code WEB-INF/lib}, the UI. */
    Path webapp(SandboxContext ctx) {
        return home(ctx).resolve("webapp");
    }

    private Path marker(SandboxContext ctx) {
        return webapp(ctx).resolve(".lark-layout");
    }

    boolean installed(SandboxContext ctx) {
        try {
            return Files.exists(marker(ctx)) && Files.readString(marker(ctx)).trim().equals(LAYOUT);
        } catch (IOException e) {
            return false;
        }
    }

    /** Resolves the war and the Groovy jars with Maven, explodes the war and swaps Groovy. Idempotent. */
    void install(SandboxContext ctx) throws IOException, InterruptedException {
        if (installed(ctx)) {
            return;
        }
        Path war = stack.libDir(ctx).resolve(WAR);
        if (!Files.exists(war)) {
            // the war is deleted after exploding; forget the resolution so MavenStack fetches it again
            Files.deleteIfExists(home(ctx).resolve("resolved.sha256"));
        }
        Path lib = stack.resolve(ctx);
        if (!Files.exists(war)) {
            throw new SandboxException("atlas", "Maven resolved the stack but " + war + " is missing", null);
        }
        Path tmp = home(ctx).resolve("webapp.tmp");
        deleteTree(tmp);
        explode(war, tmp);
        swapGroovy(tmp.resolve("WEB-INF").resolve("lib"), lib);
        Files.writeString(tmp.resolve(".lark-layout"), LAYOUT + "\n", StandardCharsets.UTF_8);
        deleteTree(webapp(ctx));
        Files.move(tmp, webapp(ctx), StandardCopyOption.ATOMIC_MOVE);
        Files.delete(war);
    }

    /** The jar in {@code WEB-INF/lib} holding the embedded Solr templates ({@code solr/}). */
    Path testtoolsJar(SandboxContext ctx) {
        return webapp(ctx).resolve("WEB-INF/lib/atlas-testtools-2.1.0.jar");
    }

    /** Copies {@code solr/} (collections.txt, solr.xml, core-template/) out of atlas-testtools into {@code target}. */
    void extractSolrTemplates(SandboxContext ctx, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(testtoolsJar(ctx).toFile())) {
            int n = unzip(zip, target, "solr/");
            if (n == 0) {
                throw new SandboxException("atlas", "no solr/ templates in " + testtoolsJar(ctx), null);
            }
        }
    }

    private static void explode(Path war, Path target) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            unzip(zip, target, "");
        }
    }

    private static int unzip(ZipFile zip, Path target, String prefix) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        int count = 0;
        for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements();) {
            ZipEntry e = en.nextElement();
            if (!e.getName().startsWith(prefix)) {
                continue;
            }
            Path out = root.resolve(e.getName()).normalize();
            if (!out.startsWith(root)) {
                throw new IOException("zip entry escapes the target directory: " + e.getName());
            }
            if (e.isDirectory()) {
                Files.createDirectories(out);
                continue;
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
            count++;
        }
        return count;
    }

    private static void swapGroovy(Path webLib, Path resolved) throws IOException {
        List<Path> removed = matching(webLib, OLD_GROOVY);
        List<Path> added = matching(resolved, NEW_GROOVY);
        if (removed.size() != GROOVY_JARS || added.size() != GROOVY_JARS) {
            throw new SandboxException("atlas", "expected " + GROOVY_JARS + " Groovy 2.5.7 jars in the war and "
                    + GROOVY_JARS + " 2.5.23 jars resolved, found " + removed.size() + " and " + added.size(), null);
        }
        for (Path p : removed) {
            Files.delete(p);
        }
        for (Path p : added) {
            Files.copy(p, webLib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Path> matching(Path dir, Pattern name) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (name.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> all = new ArrayList<>();
            s.sorted(Comparator.reverseOrder()).forEach(all::add);
            for (Path p : all) {
                Files.delete(p);
            }
        }
    }
}
