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
        assertThat(b.validationError()).contains("errors.deadLetterPath");
    }
}
