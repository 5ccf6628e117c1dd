package dev.lark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.engine.common.ConfigException;
import org.junit.jupiter.api.Test;

class JobValidationTest {

    private static String job(String reader, String writer, String setting) {
        return "{\"job\":{\"setting\":" + setting + ",\"content\":[{\"reader\":" + reader + ",\"writer\":" + writer
                + "}]}}";
    }

    private static final String STREAM = "{\"name\":\"streamreader\",\"parameter\":{\"sliceRecordCount\":3,"
            + "\"column\":[{\"type\":\"long\",\"incr\":\"1,1\"}]}}";
    private static final String OUT = "{\"name\":\"streamwriter\",\"parameter\":{\"print\":false}}";

    @Test
    void unknownReaderNameListsSupportedOnes() {
        assertThatThrownBy(() -> IngestJob.parse(job("{\"name\":\"hdfsreader\",\"parameter\":{}}", OUT, "{}")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'job.content[0].reader.name' = \"hdfsreader\" is not supported")
                .hasMessageContaining("mysqlreader").hasMessageContaining("streamreader");
    }

    @Test
    void unknownWriterNameListsSupportedOnes() {
        assertThatThrownBy(() -> IngestJob.parse(job(STREAM, "{\"name\":\"hbasewriter\",\"parameter\":{}}", "{}")))
                .hasMessageContaining("'job.content[0].writer.name' = \"hbasewriter\"")
                .hasMessageContaining("clickhousewriter");
    }

    @Test
    void unknownParameterIsNamedWithItsPathAndTheSupportedList() {
        String reader = "{\"name\":\"mysqlreader\",\"parameter\":{\"username\":\"u\",\"pasword\":\"x\","
                + "\"column\":[\"*\"],\"connection\":[{\"table\":[\"t\"],\"jdbcUrl\":[\"jdbc:mysql://h/db\"]}]}}";
        assertThatThrownBy(() -> IngestJob.parse(job(reader, OUT, "{}")))
                .hasMessageContaining("'job.content[0].reader.parameter.pasword'")
                .hasMessageContaining("password").hasMessageContaining("splitPk");
    }

    @Test
    void badSettingValuesNameFieldAndFix() {
        assertThatThrownBy(() -> IngestJob.parse(job(STREAM, OUT, "{\"speed\":{\"channel\":0}}")))
                .hasMessage("'job.setting.speed.channel' = 0 is invalid: must be a positive integer");
        assertThatThrownBy(() -> IngestJob.parse(job(STREAM, OUT, "{\"errorLimit\":{\"percentage\":5}}")))
                .hasMessageContaining("'job.setting.errorLimit.percentage' = 5.0 is invalid");
        assertThatThrownBy(() -> IngestJob.parse(job(STREAM, OUT, "{\"speed\":{\"chanel\":2}}")))
                .hasMessageContaining("'job.setting.speed.chanel'").hasMessageContaining("channel");
    }

    @Test
    void missingContentAndBadJsonAreExplained() {
        assertThatThrownBy(() -> IngestJob.parse("{\"job\":{\"content\":[]}}"))
                .hasMessageContaining("'job.content' is required");
        assertThatThrownBy(() -> IngestJob.parse("{\"job\":"))
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void stockDataxJsonWithCoreSectionParses() {
        String json = "{\"core\":{\"transport\":{\"channel\":{\"speed\":{\"byte\":-1}}}},\"job\":{\"setting\":{"
                + "\"speed\":{\"channel\":2,\"byte\":10485760},\"errorLimit\":{\"record\":0,\"percentage\":0.02}},"
                + "\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{\"username\":\"root\","
                + "\"password\":\"p\",\"column\":[\"id\",\"name\"],\"splitPk\":\"id\",\"connection\":[{\"table\":"
                + "[\"t\"],\"jdbcUrl\":[\"jdbc:mysql://127.0.0.1:3306/db?useUnicode=true\"]}]}},\"writer\":{\"name\":"
                + "\"clickhousewriter\",\"parameter\":{\"username\":\"default\",\"password\":\"\",\"column\":[\"id\","
                + "\"name\"],\"connection\":[{\"jdbcUrl\":\"jdbc:clickhouse://127.0.0.1:8123/db\",\"table\":[\"t\"]}],"
                + "\"preSql\":[],\"postSql\":[],\"batchSize\":2048,\"trySize\":3}}}]}}";
        IngestJob j = IngestJob.parse(json);
        assertThat(j.spec().channel()).isEqualTo(2);
        assertThat(j.spec().byteLimit()).isEqualTo(10485760);
        assertThat(j.spec().errorRecordLimit()).isZero();
        assertThat(j.spec().errorPercentageLimit()).isEqualTo(0.02);
        assertThat(Plugins.supports(j.spec())).isTrue();
    }
}
