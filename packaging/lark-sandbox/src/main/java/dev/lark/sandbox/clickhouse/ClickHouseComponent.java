package dev.lark.sandbox.clickhouse;

import dev.lark.sandbox.Exec;
import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * ClickHouse 26.7 without a ClickHouse package: {@code libchdb.so} from the npm package
 * {@code @chdb/lib-linux-x64-gnu} served over HTTP (18123) and native TCP (19000) on 127.0.0.1 by our own small C
 * launcher ({@code /clickhouse/lark-chdb-launcher.c}, compiled with gcc at install). Data lives in
 * {@code <run>/clickhouse/data} and survives restarts. The {@code default} database is an Overlay database; tests
 * create their own (Atomic) databases.
 */
@AutoService(Component.class)
public final class ClickHouseComponent implements Component {
    static final String NAME = "clickhouse";
    static final String NPM_PACKAGE = "@chdb/lib-linux-x64-gnu@26.7.3-stable.1";
    static final int HTTP_PORT = 18123;
    static final int TCP_PORT = 19000;
    private static final String LAUNCHER_SOURCE = "/clickhouse/lark-chdb-launcher.c";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void install(SandboxContext ctx) throws Exception {
        Path home = ctx.cache(NAME);
        Path log = home.resolve("install.log");
        if (!Files.exists(unpackedMarker(ctx))) {
            if (ctx.offline()) {
                throw new SandboxException(NAME, libchdb(ctx) + " is missing and LARK_OFFLINE=true; run `lark sandbox"
                        + " install --with clickhouse` with network access first", log);
            }
            fetchLibchdb(home, log);
        }
        compileLauncher(home, log);
    }

    /** {@code npm pack} (npm's own cache and integrity check), then unpack; the marker is written last. */
    private static void fetchLibchdb(Path home, Path log) throws IOException, InterruptedException {
        Path tmp = home.resolve("npm-tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Exec.run(NAME, List.of("npm", "pack", "--silent", NPM_PACKAGE), tmp, Map.of(), null, log,
                Duration.ofMinutes(15));
        Path tgz;
        try (Stream<Path> s = Files.list(tmp)) {
            tgz = s.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow(
                    () -> new SandboxException(NAME, "npm pack " + NPM_PACKAGE + " left no .tgz in " + tmp, log));
        }
        Exec.run(NAME, List.of("tar", "-xzf", tgz.toString(), "-C", tmp.toString()), tmp, Map.of(), null, log,
                Duration.ofMinutes(5));
        Path pkg = home.resolve("package");
        deleteTree(pkg);
        Files.move(tmp.resolve("package"), pkg, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(tmp);
        Files.writeString(pkg.resolve(".lark-unpacked"), NPM_PACKAGE + "\n");
    }

    /** Compiles the launcher unless a binary built from exactly this source is already there. */
    private static void compileLauncher(Path home, Path log) throws IOException, InterruptedException {
        byte[] source;
        try (InputStream in = ClickHouseComponent.class.getResourceAsStream(LAUNCHER_SOURCE)) {
            if (in == null) {
                throw new SandboxException(NAME, "missing resource " + LAUNCHER_SOURCE, null);
            }
            source = in.readAllBytes();
        }
        String hash = sha256(source);
        Path binary = home.resolve("lark-chdb-launcher");
        Path marker = home.resolve("lark-chdb-launcher.sha256");
        if (Files.isExecutable(binary) && Files.exists(marker) && Files.readString(marker).trim().equals(hash)) {
            return;
        }
        Path src = home.resolve("lark-chdb-launcher.c");
        Files.write(src, source);
        Path tmp = home.resolve("lark-chdb-launcher.tmp");
        Exec.run(NAME, List.of(gcc(), "-O2", "-Wall", "-o", tmp.toString(), src.toString(), "-ldl", "-lpthread"),
                home, Map.of(), null, log, Duration.ofMinutes(2));
        Files.move(tmp, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(marker, hash + "\n");
    }

    private static String gcc() {
        String cc = System.getenv("CC");
        return cc == null || cc.isBlank() ? "gcc" : cc;
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        ManagedProcess process = process(ctx);
        for (int port : new int[] {HTTP_PORT, TCP_PORT}) {
            if (Health.portOpen(port)) {
                throw Exec.refuse(NAME, "port " + port + " on 127.0.0.1 is already in use by another process;"
                        + " stop it (or `lark sandbox down --with clickhouse`) and retry", process.logFile());
            }
        }
        Path launcher = ctx.cache(NAME).resolve("lark-chdb-launcher");
        if (!Files.isExecutable(launcher) || !Files.exists(unpackedMarker(ctx))) {
            throw Exec.refuse(NAME, "not installed (" + launcher + " or " + libchdb(ctx) + " missing); run"
                    + " `lark sandbox install --with clickhouse`", process.logFile());
        }
        Path data = Files.createDirectories(dataDir(ctx));
        process.start(List.of(launcher.toString(), libchdb(ctx).toString(), data.toString(),
                Integer.toString(HTTP_PORT), Integer.toString(TCP_PORT)), ctx.runDir(NAME), Map.of());
        Health.await(NAME, process, Duration.ofSeconds(90), () -> healthy(ctx));
    }

    /** Our launcher runs and GET /ping answers {@code Ok.}: the HTTP interface of this ClickHouse is serving. */
    @Override
    public boolean healthy(SandboxContext ctx) {
        if (!process(ctx).isRunning()) {
            return false; // another ClickHouse (or another run directory's) on the port is not ours
        }
        try {
            HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + HTTP_PORT + "/ping")
                    .openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(3000);
            try (InputStream in = c.getInputStream()) {
                return c.getResponseCode() == 200
                        && new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().equals("Ok.");
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM to the launcher, which writes the control FIFO so ClickHouse shuts down cleanly. */
    @Override
    public void stop(SandboxContext ctx) {
        process(ctx).stop(Duration.ofSeconds(30));
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", "127.0.0.1");
        m.put("httpPort", Integer.toString(HTTP_PORT));
        m.put("httpUrl", "http://127.0.0.1:" + HTTP_PORT);
        m.put("tcpPort", Integer.toString(TCP_PORT));
        m.put("jdbcUrl", "jdbc:clickhouse://127.0.0.1:" + HTTP_PORT);
        m.put("user", "default");
        m.put("password", "");
        m.put("dataDir", dataDir(ctx).toString());
        return m;
    }

    private static ManagedProcess process(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, NAME);
    }

    private static Path dataDir(SandboxContext ctx) {
        return ctx.runDir(NAME).resolve("data");
    }

    private static Path libchdb(SandboxContext ctx) {
        return ctx.cache(NAME).resolve("package").resolve("libchdb.so");
    }

    private static Path unpackedMarker(SandboxContext ctx) {
        return ctx.cache(NAME).resolve("package").resolve(".lark-unpacked");
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
