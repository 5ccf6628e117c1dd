package dev.lark.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the private database servers (MariaDB, PostgreSQL) have in common: installing the Debian package, refusing a
 * taken port, the generated password file of user {@code lark}, and the JDBC endpoints.
 */
public final class LocalDatabase {
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private LocalDatabase() {
    }

    /** {@code apt-get update} then {@code apt-get install <debianPackage>}, output appended to {@code log}. */
    public static void aptInstall(SandboxContext ctx, String component, String debianPackage, Path log)
            throws IOException, InterruptedException {
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        Exec.run(component, List.of("apt-get", "update", "-q"), ctx.cache(component), env, null, log,
                Duration.ofMinutes(10));
        Exec.run(component, List.of("apt-get", "install", "-y", "-q", debianPackage), ctx.cache(component), env, null,
                log, Duration.ofMinutes(20));
    }

    /** Refuses to start when another process already listens on {@code port}. */
    public static void refuseTakenPort(String component, int port, ManagedProcess process) {
        if (Health.portOpen(port)) {
            throw Exec.refuse(component, "port " + port + " on 127.0.0.1 is already in use by another process;"
                    + " stop it (or `lark sandbox down --with " + component + "`) and retry", process.logFile());
        }
    }

    /** The password in {@code <run>/<component>/password}: generated on first use, readable by the owner only. */
    public static String password(SandboxContext ctx, String component) {
        Path f = ctx.runDir(component).resolve("password");
        try {
            if (!Files.exists(f)) {
                Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(f, randomPassword());
            }
            return Files.readString(f).trim();
        } catch (IOException e) {
            throw new SandboxException(component, "cannot read or create the password file " + f + ": "
                    + e.getMessage(), null, e);
        }
    }

    /** host, port, database, jdbcUrl ({@code jdbc:<jdbcScheme>://127.0.0.1:<port>/<database>}), user, password. */
    public static Map<String, String> endpoints(String jdbcScheme, int port, String database, String user,
            String password) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("host", "127.0.0.1");
        m.put("port", Integer.toString(port));
        m.put("database", database);
        m.put("jdbcUrl", "jdbc:" + jdbcScheme + "://127.0.0.1:" + port + "/" + database);
        m.put("user", user);
        m.put("password", password);
        return m;
    }

    private static String randomPassword() {
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder("lark-");
        for (int i = 0; i < 16; i++) {
            sb.append(PASSWORD_ALPHABET.charAt(r.nextInt(PASSWORD_ALPHABET.length())));
        }
        return sb.toString();
    }
}
