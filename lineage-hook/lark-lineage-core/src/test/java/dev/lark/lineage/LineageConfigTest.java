package dev.lark.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.lineage.journal.FsyncPolicy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LineageConfigTest {

    @Test
    void environmentOverridesTheFileAndSecretsAreMasked() {
        Properties p = new Properties();
        p.setProperty("lark.lineage.atlas.url", "http://atlas:21000");
        p.setProperty("lark.lineage.atlas.password", "from-file");
        p.setProperty("lark.lineage.journal.dir", "/var/lib/lark/lineage");
        p.setProperty("unrelated.key", "x");
        LineageConfig c = LineageConfig.fromProperties(p, Map.of(
                "LARK_LINEAGE_ATLAS_PASSWORD", "s3cr3t", "LARK_LINEAGE_ATLAS_MAXREQUESTBYTES", "65536",
                "LARK_LINEAGE_JOURNAL_FSYNC", "always"));
        assertThat(c.properties()).containsEntry("lark.lineage.atlas.password", "s3cr3t")
                .containsEntry("lark.lineage.atlas.maxRequestBytes", "65536").doesNotContainKey("unrelated.key");
        assertThat(c.fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(c.journalDir()).isEqualTo(Path.of("/var/lib/lark/lineage"));
        assertThat(c.toString()).doesNotContain("s3cr3t").doesNotContain("from-file").contains("******");
    }

    @Test
    void defaultsAndBadValuesNameTheKey() {
        LineageConfig c = LineageConfig.fromProperties(new Properties(), Map.of());
        assertThat(c.fsync()).isEqualTo(FsyncPolicy.NEVER);
        assertThat(c.sink()).isEqualTo("atlas");
        assertThat(c.batchEvents()).isEqualTo(50);
        assertThat(c.journalDir().toString()).endsWith(".cache/lark/lineage");
        assertThat(LineageConfig.fromProperties(new Properties(), Map.of("DATA_BASEDIR_PATH", "/data/ds"))
                .journalDir()).isEqualTo(Path.of("/data/ds/lark/lineage"));
        Properties bad = new Properties();
        bad.setProperty("lark.lineage.batch.events", "lots");
        assertThatThrownBy(() -> LineageConfig.fromProperties(bad, Map.of()))
                .hasMessageContaining("lark.lineage.batch.events").hasMessageContaining("lots");
        Properties fsync = new Properties();
        fsync.setProperty("lark.lineage.journal.fsync", "sometimes");
        assertThatThrownBy(() -> LineageConfig.fromProperties(fsync, Map.of()))
                .hasMessageContaining("'always' or 'never'").hasMessageContaining("sometimes");
    }
}
