package dev.lark.lineage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.Job;
import dev.lark.lineage.naming.Datasets;
import dev.lark.lineage.naming.DsNames;
import org.junit.jupiter.api.Test;

class NamingTest {

    @Test
    void hiveKafkaHdfsFollowAtlasHookFormats() {
        assertThat(Datasets.hiveTable("cl1", "Sales", "Orders").build().qualifiedName()).isEqualTo("sales.orders@cl1");
        assertThat(Datasets.hiveTable("cl1", "sales", "orders").build().columnQualifiedName("ID"))
                .isEqualTo("sales.orders.id@cl1");
        assertThat(Datasets.kafkaTopic("cl1", "Clicks").build().qualifiedName()).isEqualTo("clicks@cl1");
        assertThat(Datasets.hdfsPath("cl1", "hdfs://ns1/warehouse/Events/").build().qualifiedName())
                .isEqualTo("hdfs://ns1/warehouse/events@cl1");
    }

    @Test
    void jdbcAndClickHouseUseServerAlias() {
        Dataset ch = Datasets.clickhouseTable("CH-Prod", "DWD", "Orders").build();
        assertThat(ch.qualifiedName()).isEqualTo("dwd.orders@ch-prod");
        assertThat(Datasets.jdbcTable("postgresql", "pg-main", "app", "public", "users").build().qualifiedName())
                .isEqualTo("app.public.users@pg-main");
        assertThat(Datasets.jdbcTable("mysql", "my", "app", null, "users").build().qualifiedName())
                .isEqualTo("app.users@my");
    }

    @Test
    void hostPortIsRefusedAsAlias() {
        assertThatThrownBy(() -> Datasets.clickhouseTable("10.0.0.1:8123", "db", "t"))
                .hasMessageContaining("10.0.0.1:8123").hasMessageContaining("not host:port");
        assertThatThrownBy(() -> Datasets.hdfsPath("cl1", "/no/scheme")).hasMessageContaining("hdfs://");
    }

    @Test
    void dsObjectsAreNamedByCodeNotName() {
        Job v1 = SampleEvents.ingest(1).getJob();
        Job renamed = v1.toBuilder().taskName("renamed").workflowName("other").taskVersion(9).build();
        assertThat(DsNames.task(renamed, "primary")).isEqualTo(DsNames.task(v1, "primary"))
                .isEqualTo("ds.1001.2002.3003@primary");
        assertThat(DsNames.project(v1, "primary")).isEqualTo("ds.1001@primary");
        assertThat(DsNames.workflow(v1, "primary")).isEqualTo("ds.1001.2002@primary");
        assertThat(DsNames.taskInstance(v1, SampleEvents.ingest(42).getRun(), "primary"))
                .isEqualTo("ds.1001.2002.3003.ti42@primary");
        assertThatThrownBy(() -> DsNames.task(v1, "a@b")).hasMessageContaining("lark.lineage.atlas.namespace");
    }
}
