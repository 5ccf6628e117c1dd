package dev.lark.sandbox.mariadb;

import dev.lark.sandbox.Exec;
import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.LocalDatabase;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A private MariaDB 10.11 (Debian's {@code mariadb-server}) on 127.0.0.1:13306: its own data directory, socket and
 * log under {@code <run>/mariadb}, never the packaged service. User {@code lark} (password generated once and kept
 * in {@code <run>/mariadb/password}) owns the database {@code lark} and may create others.
 */
@AutoService(Component.class)
public final class MariaDbComponent implements Component {
    static final String NAME = "mariadb";
    static final int PORT = 13306;
    static final String USER = "lark";
    static final String DATABASE = "lark";
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");
    private static final Path CLIENT = Path.of("/usr/bin/mariadb");

    @Override
    public String name() {
        return NAME;
    }

    /** {@code apt-get install mariadb-server} only when the binaries are missing. */
    @Override
    public void install(SandboxContext ctx) throws Exception {
        if (Files.isExecutable(MARIADBD) && Files.isExecutable(INSTALL_DB) && Files.isExecutable(CLIENT)) {
            return;
        }
        Path log = ctx.cache(NAME).resolve("apt.log");
        if (ctx.offline()) {
            throw new SandboxException(NAME, MARIADBD + " is missing and LARK_OFFLINE=true; run `lark sandbox install"
                    + " --with mariadb` with network access first (it runs apt-get install mariadb-server)", log);
        }
        LocalDatabase.aptInstall(ctx, NAME, "mariadb-server", log);
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        ManagedProcess process = process(ctx);
        LocalDatabase.refuseTakenPort(NAME, PORT, process);
        if (!Files.isExecutable(MARIADBD)) {
            throw Exec.refuse(NAME, MARIADBD + " is missing; run `lark sandbox install --with mariadb`",
                    process.logFile());
        }
        Path run = ctx.runDir(NAME);
        Path data = run.resolve("data");
        if (!Files.isDirectory(data.resolve("mysql"))) {
            Files.createDirectories(data);
            // root@localhost authenticates through the socket only (unix_socket), so no root password exists.
            Exec.run(NAME, List.of(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + data, "--user=root",
                    "--auth-root-authentication-method=socket", "--skip-test-db"), run, Map.of(), null,
                    run.resolve("install-db.log"), Duration.ofMinutes(3));
        }
        process.start(List.of(MARIADBD.toString(), "--no-defaults", "--datadir=" + data, "--socket=" + socket(ctx),
                "--port=" + PORT, "--bind-address=127.0.0.1",
                // mariadbd's own pid file stays out of the run directory, where every *.pid is a ManagedProcess
                "--pid-file=" + data.resolve("mariadbd.pid"),
                "--user=root", "--skip-name-resolve", "--skip-log-bin", "--performance-schema=OFF",
                "--innodb-buffer-pool-size=128M", "--max-connections=200",
                // health checks read the greeting and hang up; never let that block 127.0.0.1
                "--max-connect-errors=1000000000", "--log-warnings=1", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_unicode_ci"), run, Map.of());
        Health.await(NAME, process, Duration.ofSeconds(90), () -> healthy(ctx));
        createUser(ctx, run);
    }

    /** Idempotent: creates (or re-keys) user {@code lark} and database {@code lark} through the root socket. */
    private void createUser(SandboxContext ctx, Path run) throws IOException, InterruptedException {
        String pw = password(ctx).replace("'", "''");
        String sql = "CREATE DATABASE IF NOT EXISTS `" + DATABASE + "` CHARACTER SET utf8mb4;\n"
                + "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + pw + "';\n"
                + "CREATE USER IF NOT EXISTS '" + USER + "'@'localhost' IDENTIFIED BY '" + pw + "';\n"
                + "ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + pw + "';\n"
                + "ALTER USER '" + USER + "'@'localhost' IDENTIFIED BY '" + pw + "';\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'127.0.0.1' WITH GRANT OPTION;\n"
                + "GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'localhost' WITH GRANT OPTION;\n";
        Exec.run(NAME, List.of(CLIENT.toString(), "--no-defaults", "--socket=" + socket(ctx), "--user=root",
                "--batch"), run, Map.of(), sql, run.resolve("bootstrap.log"), Duration.ofMinutes(1));
    }

    /**
     * The server answers every new connection with a first packet naming itself: reading "MariaDB" in it proves this
     * is a MariaDB that accepts connections, not just an open port.
     */
    @Override
    public boolean healthy(SandboxContext ctx) {
        if (!process(ctx).isRunning()) {
            return false; // a server on the port started from another run directory is not ours
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 1000);
            s.setSoTimeout(3000);
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(4);
            if (header.length < 4) {
                return false;
            }
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            byte[] payload = in.readNBytes(Math.min(length, 1024));
            // the greeting (protocol 10), or before user lark exists "Host ... is not allowed to connect to this
            // MariaDB server": either way the server is up and answering
            return new String(payload, StandardCharsets.ISO_8859_1).contains("MariaDB");
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM: mariadbd flushes InnoDB and exits. */
    @Override
    public void stop(SandboxContext ctx) {
        process(ctx).stop(Duration.ofSeconds(60));
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        Map<String, String> m = LocalDatabase.endpoints("mariadb", PORT, DATABASE, USER, password(ctx));
        m.put("socket", socket(ctx).toString());
        return m;
    }

    private static ManagedProcess process(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, NAME);
    }

    private static Path socket(SandboxContext ctx) {
        return ctx.runDir(NAME).resolve("mariadb.sock");
    }

    /** Generated on first use, readable by the owner only. */
    static String password(SandboxContext ctx) {
        return LocalDatabase.password(ctx, NAME);
    }
}
