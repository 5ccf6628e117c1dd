package dev.lark.sandbox.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtlasConfTest {
    @TempDir
    Path tmp;

    private Path templates() throws Exception {
        Path t = Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(t.resolve("atlas-application.properties"), String.join("\n",
                "# shipped template",
                "atlas.graph.storage.backend=${graph.storage.backend}",
                "${graph.storage.properties}",
                "atlas.kafka.data=${sys:atlas.home}/data/kafka",
                "atlas.kafka.bootstrap.servers=localhost:9027",
                "atlas.kafka.hook.group.id=atlas",
                "atlas.rest-csrf.enabled=true", ""), StandardCharsets.UTF_8);
        Files.writeString(t.resolve("atlas-log4j.xml"), "<log4j/>", StandardCharsets.UTF_8);
        Files.writeString(t.resolve("atlas-simple-authz-policy.json"), "{}", StandardCharsets.UTF_8);
        return t;
    }

    private AtlasSettings settings() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(run.resolve("admin.password"), "s3cret\n", StandardCharsets.UTF_8);
        return AtlasSettings.forRunDir(run);
    }

    @Test
    void laysOurSettingsOverTheTemplateAndDropsBuildPlaceholders() throws Exception {
        String props = new AtlasConf(templates()).applicationProperties(settings());
        Properties p = new Properties();
        p.load(new java.io.StringReader(props));

        assertThat(p.getProperty("atlas.graph.storage.backend")).isEqualTo("berkeleyje");
        assertThat(p.getProperty("atlas.kafka.bootstrap.servers")).isEqualTo("127.0.0.1:19027");
        assertThat(p.getProperty("atlas.kafka.zookeeper.connect")).isEqualTo("127.0.0.1:19026");
        assertThat(p.getProperty("atlas.server.bind.address")).isEqualTo("127.0.0.1");
        assertThat(p.getProperty("atlas.server.http.port")).isEqualTo("21000");
        assertThat(p.getProperty("atlas.EntityAuditRepository.impl"))
                .isEqualTo("org.apache.atlas.repository.audit.InMemoryEntityAuditRepository");
        // template values we do not set survive, Atlas's own ${sys:...} is kept
        assertThat(p.getProperty("atlas.kafka.hook.group.id")).isEqualTo("atlas");
        assertThat(p.getProperty("atlas.kafka.data")).isEqualTo("${sys:atlas.home}/data/kafka");
        // no Maven-filtered placeholder is left active, and no key twice
        assertThat(props.lines().filter(l -> !l.startsWith("#")))
                .noneMatch(l -> l.contains("${") && !l.contains("${sys:"));
        List<String> keys = AtlasConf.keys(props);
        assertThat(new HashSet<>(keys)).hasSameSizeAs(keys);
    }

    @Test
    void writesOneAdminUserWithTheSha256OfThePassword() throws Exception {
        Path conf = tmp.resolve("conf");
        new AtlasConf(templates()).write(conf, settings());

        String creds = Files.readString(conf.resolve("users-credentials.properties"));
        assertThat(creds).contains("admin=ADMIN::" + AtlasConf.sha256Hex("s3cret"))
                .doesNotContain("s3cret").doesNotContain("rangertagsync");
        // sha256("admin"), a known value
        assertThat(AtlasConf.sha256Hex("admin"))
                .isEqualTo("8c6976e5b5410415bde908bd4dee15dfb167a9c873fc4bb8a81f6f2ab448a918");
        assertThat(conf.resolve("atlas-log4j.xml")).exists();
        assertThat(conf.resolve("atlas-simple-authz-policy.json")).exists();
    }

    @Test
    void passwordIsMadeOnceAndKeptPrivate() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("fresh"));
        String first = AtlasSettings.forRunDir(run).password();
        String second = AtlasSettings.forRunDir(run).password();

        assertThat(first).startsWith("lark-").hasSize(21).isEqualTo(second);
        // a Set: its iteration order is not part of its meaning
        assertThat(Files.getPosixFilePermissions(run.resolve("admin.password")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        assertThat(AtlasSettings.forRunDir(run).toString()).doesNotContain(first);
    }

    @Test
    void commandRunsOurLauncherOnTheExplodedWarWithTheOpensAtlasNeeds() {
        AtlasHome home = AtlasHome.at(Path.of("/run/atlas/home"));
        List<String> c = new AtlasCommand("/jdk17/bin/java", Path.of("/cache/webapp"), home).build();

        assertThat(c).startsWith("/jdk17/bin/java", "-Xmx768m")
                .contains("java.base/jdk.internal.reflect=ALL-UNNAMED", "-Djetty.testMode=true",
                        "-Datlas.home=/run/atlas/home", "-Datlas.conf=/run/atlas/home/conf")
                .endsWith(AtlasLauncher.class.getName(), "-app", "/cache/webapp");
        assertThat(c.get(c.indexOf("-cp") + 1)).isEqualTo("/run/atlas/home/conf:/cache/webapp/WEB-INF/classes:"
                + "/cache/webapp/WEB-INF/lib/*:/run/atlas/home/launcher");
    }
}
