package dev.lark.clickhouse.load.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.clickhouse.load.load.LoadMode;
import dev.lark.clickhouse.load.schema.Ddl;
import dev.lark.engine.common.ConfigException;
import dev.lark.task.common.LarkJson;
import org.junit.jupiter.api.Test;

class ClickHouseLoadParametersTest {
    private static final String DECLARED = "{\"datasourceId\":3,\"database\":\"dwd\",\"table\":\"orders\","
            + "\"mode\":\"upsert\",\"columns\":[{\"name\":\"id\",\"type\":\"UInt64\"},{\"name\":\"ver\",\"type\":\"UInt32\"}],"
            + "\"versionColumn\":\"ver\",\"orderBy\":\"id\",\"partitionBy\":\"\",\"sourceType\":\"clickhouse\","
            + "\"query\":\"SELECT id, ver FROM ods.orders\",\"tableSettings\":{\"index_granularity\":\"4096\"}}";

    @Test
    void declaredTableAndSourceParse() {
        ClickHouseLoadParameters p = LarkJson.parse(DECLARED, ClickHouseLoadParameters.class);
        p.validate();
        assertThat(p.checkParameters()).isTrue();
        assertThat(p.loadMode()).isEqualTo(LoadMode.UPSERT);
        assertThat(Ddl.createTable(p.declaredTable())).contains("ENGINE = ReplacingMergeTree(`ver`)")
                .contains("index_granularity = 4096").doesNotContain("PARTITION BY");
        assertThat(p.datasourceIds()).containsExactly(3);
    }

    @Test
    void badParametersNameFieldValueAndFix() {
        assertThat(LarkJson.parse("{\"database\":\"d\",\"table\":\"t\"}", ClickHouseLoadParameters.class)
                .validationError()).contains("'datasourceId' = 0").contains("CLICKHOUSE");
        ClickHouseLoadParameters p = LarkJson.parse(DECLARED.replace("\"upsert\"", "\"merge\""),
                ClickHouseLoadParameters.class);
        assertThatThrownBy(p::validate).isInstanceOf(ConfigException.class).hasMessageContaining("'mode' = \"merge\"");
        ClickHouseLoadParameters f = LarkJson.parse("{\"datasourceId\":1,\"database\":\"d\",\"table\":\"t\","
                + "\"sourceType\":\"file\",\"format\":\"xml\",\"path\":\"/x\"}", ClickHouseLoadParameters.class);
        assertThat(f.validationError()).contains("'format' = \"xml\"").contains("csv, tsv, jsonl");
        ClickHouseLoadParameters j = LarkJson.parse("{\"datasourceId\":1,\"database\":\"d\",\"table\":\"t\","
                + "\"sourceType\":\"jdbc\",\"query\":\"select 1\"}", ClickHouseLoadParameters.class);
        assertThat(j.validationError()).contains("'sourceDatasourceId' = 0");
        ClickHouseLoadParameters b = LarkJson.parse("{\"datasourceId\":1,\"database\":\"d\",\"table\":\"t\","
                + "\"sourceType\":\"clickhouse\",\"query\":\"select 1\",\"errorMaxRows\":10}", ClickHouseLoadParameters.class);
        assertThat(b.validationError()).contains("errors.deadLetterPath").contains("deadLetterTable");
    }

    private static final String KAFKA = "{\"datasourceId\":1,\"database\":\"ods\",\"table\":\"events\","
            + "\"sourceType\":\"kafka\",\"kafkaBootstrapServers\":\"127.0.0.1:9092\",\"topic\":\"events\"";

    @Test
    void kafkaSourceByOffsetsOrByTime() {
        ClickHouseLoadParameters o = LarkJson.parse(KAFKA + ",\"kafkaOffsets\":\"0:0-100,1:0-50\"}",
                ClickHouseLoadParameters.class);
        o.validate();
        assertThat(o.kafkaSource().offsets()).containsOnlyKeys(0, 1);
        assertThat(o.kafkaSource().describe()).contains("json_each_row records of kafka topic events");
        ClickHouseLoadParameters t = LarkJson.parse(KAFKA + ",\"format\":\"csv\",\"delimiter\":\";\","
                + "\"kafkaStartTime\":\"2026-01-15 00:00:00\",\"kafkaEndTime\":\"2026-01-16 00:00:00\","
                + "\"kafkaProperties\":{\"security.protocol\":\"PLAINTEXT\"}}", ClickHouseLoadParameters.class);
        t.validate();
        assertThat(t.kafkaSource().delimiter()).isEqualTo(';');
        assertThat(t.kafkaSource().consumerProperties()).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(t.kafkaSource().start()).hasToString("2026-01-15T00:00:00Z");
    }

    @Test
    void badKafkaParametersNameTheTaskField() {
        assertThat(LarkJson.parse(KAFKA + "}", ClickHouseLoadParameters.class).validationError())
                .contains("'kafkaOffsets'").contains("kafkaStartTime and kafkaEndTime");
        assertThat(LarkJson.parse(KAFKA + ",\"kafkaOffsets\":\"0:9-1\"}", ClickHouseLoadParameters.class)
                .validationError()).contains("'kafkaOffsets' = \"0:9-1\"");
        assertThat(LarkJson.parse(KAFKA.replace("\"topic\":\"events\"", "\"topic\":\"\"")
                + ",\"kafkaOffsets\":\"0:0-1\"}", ClickHouseLoadParameters.class).validationError()).contains("'topic'");
        assertThat(LarkJson.parse(KAFKA + ",\"kafkaStartTime\":\"2026-01-16\",\"kafkaEndTime\":\"2026-01-15\"}",
                ClickHouseLoadParameters.class).validationError()).contains("'kafkaEndTime'");
        assertThat(LarkJson.parse(KAFKA + ",\"format\":\"parquet\",\"kafkaOffsets\":\"0:0-1\"}",
                ClickHouseLoadParameters.class).validationError()).contains("'format'");
    }

    @Test
    void deadLetterTableAndCompressionDefaults() {
        ClickHouseLoadParameters p = LarkJson.parse("{\"datasourceId\":1,\"database\":\"d\",\"table\":\"t\","
                + "\"sourceType\":\"clickhouse\",\"query\":\"select 1\",\"errorMaxRows\":10,"
                + "\"deadLetterTable\":\"rejected\"}", ClickHouseLoadParameters.class);
        p.validate();
        assertThat(p.errorBudget().deadLetterTable()).contains("rejected");
        assertThat(p.compression).isNull(); // automatic
        assertThat(p.wholeFileInserts).isTrue();
        assertThat(LarkJson.parse("{\"compression\":false}", ClickHouseLoadParameters.class).compression).isFalse();
    }
}
