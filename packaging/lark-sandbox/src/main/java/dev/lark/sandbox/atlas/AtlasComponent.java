package dev.lark.sandbox.atlas;

import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Apache Atlas 2.1.0 as one embedded server JVM on 127.0.0.1:21000: JanusGraph on BerkeleyDB, an in-process Solr
 * cloud, the embedded notification Kafka (127.0.0.1:19027, its ZooKeeper on 19026) and the web UI.
 *
 * <p>Every start begins from an empty home directory ({@code <run>/atlas/home}): the embedded Solr cannot start on
 * the data of an earlier run. The embedded Solr and ZooKeeper bind every interface and cannot be told otherwise, so
 * Atlas starts only inside the loopback-only network namespace ({@code packaging/bin/lark-netns}).
 */
@AutoService(Component.class)
public final class AtlasComponent implements Component {
    static final String NAME = "atlas";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(600);
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private final AtlasDistribution distribution = new AtlasDistribution();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(SandboxContext ctx) throws Exception {
        distribution.install(ctx);
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        requireLoopbackOnlyNetwork();
        ManagedProcess process = process(ctx);
        if (process.isRunning()) {
            // started by another process and still coming up: wait for it, never wipe a live server's home
            Health.await(NAME, process, START_TIMEOUT, () -> healthy(ctx));
            return;
        }
        AtlasSettings settings = AtlasSettings.forRunDir(ctx.runDir(NAME));
        for (int port : List.of(settings.httpPort(), settings.kafkaPort(), settings.zookeeperPort())) {
            if (Health.portOpen(port)) {
                throw new SandboxException(NAME, "port " + port + " on 127.0.0.1 is already taken by another process;"
                        + " stop it (lark sandbox down --with atlas) before starting Atlas", null);
            }
        }
        AtlasHome home = AtlasHome.fresh(ctx.runDir(NAME).resolve("home"));
        Path models = ctx.sharedDir().resolve("atlas-2.1.0").resolve("models");
        if (!Files.isDirectory(models.resolve("0000-Area0"))) {
            throw new SandboxException(NAME, "missing Atlas models " + models.resolve("0000-Area0")
                    + " (without them there is no DataSet/Process); set LARK_SHARED to the shared data directory",
                    null);
        }
        Files.createSymbolicLink(home.models(), models);
        new AtlasConf(ctx.sharedDir().resolve("atlas-2.1.0").resolve("conf")).write(home.conf(), settings);
        distribution.extractSolrTemplates(ctx, home.dir());
        copyLauncher(home.launcherClasses());

        List<String> command = new AtlasCommand(javaCommand(), distribution.webapp(ctx), home).build();
        process.start(command, home.dir(), Map.of());
        try {
            Health.await(NAME, process, START_TIMEOUT, () -> healthy(ctx));
        } catch (SandboxException e) {
            String cause = lastError(home.applicationLog());
            process.stop(STOP_GRACE);
            throw new SandboxException(NAME, e.getMessage().replaceFirst("^" + NAME + ": ", "")
                    + (cause.isEmpty() ? "" : "; last error: " + cause), home.applicationLog(), e);
        }
    }

    @Override
    public boolean healthy(SandboxContext ctx) {
        Path pw = ctx.runDir(NAME).resolve("admin.password");
        if (!Files.exists(pw) || !Health.portOpen(AtlasSettings.HTTP_PORT)) {
            return false;
        }
        try {
            AtlasSettings s = AtlasSettings.forRunDir(ctx.runDir(NAME));
            String auth = Base64.getEncoder()
                    .encodeToString((s.user() + ":" + s.password()).getBytes(StandardCharsets.UTF_8));
            HttpRequest req = HttpRequest.newBuilder(URI.create(s.restUrl() + "/api/atlas/admin/status"))
                    .timeout(Duration.ofSeconds(5)).header("Authorization", "Basic " + auth).GET().build();
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().replace(" ", "").contains("\"Status\":\"ACTIVE\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void stop(SandboxContext ctx) {
        process(ctx).stop(STOP_GRACE);
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        try {
            Map<String, String> m = new LinkedHashMap<>(AtlasSettings.forRunDir(ctx.runDir(NAME)).endpoints());
            m.put("logFile", AtlasHome.at(ctx.runDir(NAME).resolve("home")).applicationLog().toString());
            return m;
        } catch (IOException e) {
            throw new SandboxException(NAME, "cannot read the admin password: " + e.getMessage(), null, e);
        }
    }

    private static ManagedProcess process(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, NAME);
    }

    /**
     * Atlas's embedded Solr and ZooKeeper listen on every interface; only inside a namespace whose sole interface is
     * {@code lo} does that mean 127.0.0.1.
     */
    static void requireLoopbackOnlyNetwork() throws IOException {
        List<String> ifaces;
        try (Stream<Path> s = Files.list(Path.of("/sys/class/net"))) {
            ifaces = s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        if (!ifaces.equals(List.of("lo"))) {
            throw new SandboxException(NAME, "refusing to start outside the loopback-only network namespace (found"
                    + " interfaces " + ifaces + "; its embedded Solr and ZooKeeper bind every interface); run it"
                    + " through packaging/bin/lark-netns, e.g. packaging/bin/lark-netns env LARK_OFFLINE=true"
                    + " packaging/bin/lark sandbox up --with atlas", null);
        }
    }

    /** Java 17: the launcher's reflection-filter fix works on JDK 12-17 only, and Atlas 2.1.0 needs it. */
    static String javaCommand() {
        String env = System.getenv("LARK_ATLAS_JAVA_HOME");
        List<Path> candidates = new java.util.ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("/usr/lib/jvm/java-17-openjdk-amd64"));
        if ("17".equals(System.getProperty("java.specification.version"))) {
            candidates.add(Path.of(System.getProperty("java.home")));
        }
        for (Path home : candidates) {
            Path java = home.resolve("bin").resolve("java");
            if (Files.isExecutable(java)) {
                return java.toString();
            }
        }
        throw new SandboxException(NAME, "Atlas 2.1.0 runs on Java 17 only and none was found at " + candidates
                + "; install openjdk-17-jdk-headless or set LARK_ATLAS_JAVA_HOME to a Java 17 home", null);
    }

    /** Puts only {@link AtlasLauncher}'s class file on the Atlas classpath, not the whole sandbox (or CLI) jar. */
    private static void copyLauncher(Path classesDir) throws IOException {
        String res = AtlasLauncher.class.getName().replace('.', '/') + ".class";
        Path out = classesDir.resolve(res);
        Files.createDirectories(out.getParent());
        try (InputStream in = AtlasLauncher.class.getClassLoader().getResourceAsStream(res)) {
            if (in == null) {
                throw new IOException("cannot read the class file " + res);
            }
            Files.copy(in, out);
        }
    }

    /** The last ERROR line of Atlas's own log, for a one-line failure message. */
    static String lastError(Path log) {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).contains(" ERROR ")) {
                    String l = lines.get(i);
                    return l.length() > 400 ? l.substring(0, 400) + "..." : l;
                }
            }
            return "";
        } catch (IOException e) {
            return "";
        }
    }
}
