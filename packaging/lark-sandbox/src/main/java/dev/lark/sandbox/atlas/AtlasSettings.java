package dev.lark.sandbox.atlas;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed addresses of the sandbox Atlas and its admin credentials. The password is made up once per run directory
 * ({@code <run>/atlas/admin.password}, mode 600, outside the per-start home) so that a restarted Atlas keeps it and
 * clients configured from the endpoints keep working.
 */
final class AtlasSettings {
    static final String HOST = "127.0.0.1";
    static final int HTTP_PORT = 21000;
    static final int KAFKA_PORT = 19027;
    static final int ZOOKEEPER_PORT = 19026;
    static final String HOOK_TOPIC = "ATLAS_HOOK";
    static final String ENTITIES_TOPIC = "ATLAS_ENTITIES";
    static final String USER = "admin";
    private static final String PASSWORD_FILE = "admin.password";
    private static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final String password;

    private AtlasSettings(String password) {
        this.password = password;
    }

    /** Reads the run directory's admin password, creating one on first use. */
    static AtlasSettings forRunDir(Path runDir) throws IOException {
        Path f = runDir.resolve(PASSWORD_FILE);
        if (!Files.exists(f)) {
            SecureRandom r = new SecureRandom();
            StringBuilder sb = new StringBuilder("lark-");
            for (int i = 0; i < 16; i++) {
                sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            Path tmp = Files.createTempFile(runDir, PASSWORD_FILE, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, sb + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String pw = Files.readString(f, StandardCharsets.UTF_8).trim();
        if (pw.isEmpty()) {
            throw new IOException("empty Atlas admin password in " + f + "; delete the file to make a new one");
        }
        return new AtlasSettings(pw);
    }

    String host() {
        return HOST;
    }

    int httpPort() {
        return HTTP_PORT;
    }

    int kafkaPort() {
        return KAFKA_PORT;
    }

    int zookeeperPort() {
        return ZOOKEEPER_PORT;
    }

    String user() {
        return USER;
    }

    String password() {
        return password;
    }

    String restUrl() {
        return "http://" + HOST + ":" + HTTP_PORT;
    }

    String kafkaBootstrap() {
        return HOST + ":" + KAFKA_PORT;
    }

    /** What {@code endpoints.properties} publishes. */
    Map<String, String> endpoints() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("restUrl", restUrl());
        m.put("uiUrl", restUrl() + "/index.html");
        m.put("user", USER);
        m.put("password", password);
        m.put("kafkaBootstrap", kafkaBootstrap());
        m.put("hookTopic", HOOK_TOPIC);
        m.put("entitiesTopic", ENTITIES_TOPIC);
        m.put("zookeeper", HOST + ":" + ZOOKEEPER_PORT);
        return m;
    }

    @Override
    public String toString() {
        // never print the password
        return "AtlasSettings{" + restUrl() + ", user=" + USER + ", kafka=" + kafkaBootstrap() + "}";
    }
}
