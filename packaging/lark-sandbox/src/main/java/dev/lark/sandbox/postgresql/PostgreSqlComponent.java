package dev.lark.sandbox.postgresql;

import dev.lark.sandbox.Exec;
import com.google.auto.service.AutoService;
import dev.lark.sandbox.Component;
import dev.lark.sandbox.Health;
import dev.lark.sandbox.LocalDatabase;
import dev.lark.sandbox.ManagedProcess;
import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A private PostgreSQL 15 cluster (Debian's {@code postgresql}) on 127.0.0.1:15432, in {@code <run>/postgresql/data}
 * with its socket in {@code <run>/postgresql/socket}. The server refuses to run as root, so it runs as the OS user
 * {@code postgres} (through {@code setpriv}, which execs: the pid we track is the postmaster's). User {@code lark}
 * (password generated once, in {@code <run>/postgresql/password}) owns the database {@code lark}.
 */
@AutoService(Component.class)
public final class PostgreSqlComponent implements Component {
    static final String NAME = "postgresql";
    static final int PORT = 15432;
    static final String USER = "lark";
    static final String DATABASE = "lark";
    static final String OS_USER = "postgres";
    private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

    @Override
    public String name() {
        return NAME;
    }

    /** {@code apt-get install postgresql} only when the binaries are missing. */
    @Override
    public void install(SandboxContext ctx) throws Exception {
        if (Files.isExecutable(BIN.resolve("postgres")) && Files.isExecutable(BIN.resolve("initdb"))
                && Files.isExecutable(BIN.resolve("psql")) && Files.isExecutable(BIN.resolve("pg_isready"))) {
            return;
        }
        Path log = ctx.cache(NAME).resolve("apt.log");
        if (ctx.offline()) {
            throw new SandboxException(NAME, BIN.resolve("postgres") + " is missing and LARK_OFFLINE=true; run `lark"
                    + " sandbox install --with postgresql` with network access first", log);
        }
        LocalDatabase.aptInstall(ctx, NAME, "postgresql", log);
    }

    @Override
    public void start(SandboxContext ctx) throws Exception {
        ManagedProcess process = process(ctx);
        LocalDatabase.refuseTakenPort(NAME, PORT, process);
        if (!Files.isExecutable(BIN.resolve("postgres"))) {
            throw Exec.refuse(NAME, BIN.resolve("postgres") + " is missing; run `lark sandbox install --with"
                    + " postgresql`", process.logFile());
        }
        Path run = ctx.runDir(NAME);
        Path data = run.resolve("data");
        Path socketDir = run.resolve("socket");
        letPostgresReach(run);
        // postgres only needs to pass through; nobody else needs to list the password and endpoints files here
        Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwx--x--x"));
        for (Path dir : List.of(data, socketDir)) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            chown(dir, run);
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            // peer for the private socket (only the postgres OS user can reach it), passwords over TCP
            Exec.run(NAME, asPostgres(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", OS_USER,
                    "-E", "UTF8", "--no-locale", "--auth-local=peer", "--auth-host=scram-sha-256"), run, Map.of(),
                    null, run.resolve("initdb.log"), Duration.ofMinutes(3));
        }
        process.start(asPostgres(BIN.resolve("postgres").toString(), "-D", data.toString(), "-p",
                Integer.toString(PORT), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="
                + socketDir, "-c", "max_connections=200", "-c", "shared_buffers=64MB", "-c", "fsync=on"),
                run, Map.of());
        Health.await(NAME, process, Duration.ofSeconds(90), () -> healthy(ctx));
        createUser(ctx, run, socketDir);
    }

    /** Idempotent: creates (or re-keys) role {@code lark} and its database {@code lark}, over the peer socket. */
    private void createUser(SandboxContext ctx, Path run, Path socketDir) throws IOException, InterruptedException {
        String pw = password(ctx).replace("'", "''");
        String sql = "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + USER + "') THEN"
                + " CREATE ROLE " + USER + " LOGIN; END IF; END $$;\n"
                + "ALTER ROLE " + USER + " WITH LOGIN CREATEDB PASSWORD '" + pw + "';\n"
                + "SELECT 'CREATE DATABASE " + DATABASE + " OWNER " + USER + "' WHERE NOT EXISTS"
                + " (SELECT FROM pg_database WHERE datname = '" + DATABASE + "')\\gexec\n";
        Exec.run(NAME, asPostgres(BIN.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                socketDir.toString(), "-p", Integer.toString(PORT), "-U", OS_USER, "-d", "postgres"), run, Map.of(),
                sql, run.resolve("bootstrap.log"), Duration.ofMinutes(1));
    }

    /** {@code pg_isready}: the server accepts connections (not merely the port: also past crash recovery). */
    @Override
    public boolean healthy(SandboxContext ctx) {
        if (!process(ctx).isRunning() || !Files.isExecutable(BIN.resolve("pg_isready")) || !Health.portOpen(PORT)) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(BIN.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                    Integer.toString(PORT), "-t", "3").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * SIGINT is PostgreSQL's "fast" shutdown (disconnects clients, checkpoints); SIGTERM would wait for every
     * client to leave. {@link ManagedProcess#stop} then cleans up (and kills after the grace period).
     */
    @Override
    public void stop(SandboxContext ctx) throws Exception {
        ManagedProcess process = process(ctx);
        var handle = process.handle();
        if (handle.isPresent()) {
            new ProcessBuilder("kill", "-INT", Long.toString(handle.get().pid())).inheritIO().start().waitFor();
            try {
                handle.get().onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // fall through to SIGTERM/SIGKILL
            }
        }
        process.stop(Duration.ofSeconds(10));
    }

    @Override
    public Map<String, String> endpoints(SandboxContext ctx) {
        return LocalDatabase.endpoints("postgresql", PORT, DATABASE, USER, password(ctx));
    }

    private static List<String> asPostgres(String... command) {
        List<String> cmd = new ArrayList<>(List.of("setpriv", "--reuid=" + OS_USER, "--regid=" + OS_USER,
                "--init-groups", "--reset-env"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private static void chown(Path dir, Path run) throws IOException, InterruptedException {
        Exec.run(NAME, List.of("chown", "-R", OS_USER + ":" + OS_USER, dir.toString()), run, Map.of(), null,
                run.resolve("setup.log"), Duration.ofMinutes(1));
    }

    /**
     * The run directory usually sits under root's home (mode 700). The postgres user needs to traverse it (search
     * permission only, no listing), so add o+x to every ancestor that lacks it.
     */
    private static void letPostgresReach(Path run) throws IOException {
        for (Path p = run; p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static ManagedProcess process(SandboxContext ctx) {
        return ManagedProcess.of(ctx, NAME, NAME);
    }

    /** Generated on first use, readable by the owner only. */
    static String password(SandboxContext ctx) {
        return LocalDatabase.password(ctx, NAME);
    }
}
