package dev.lark.ingest.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.task.common.LarkJson;
import dev.lark.task.common.LarkTaskContext;
import java.nio.file.Path;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskException;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType;
import org.apache.dolphinscheduler.spi.enums.DbType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LarkDataxTaskTest {
    /** What the DS 3.1.1 UI stores for a DATAX task in form mode. */
    static final String STOCK_FORM = "{\"localParams\":[],\"resourceList\":[],\"customConfig\":0,\"dsType\":\"MYSQL\","
            + "\"dataSource\":1,\"dtType\":\"CLICKHOUSE\",\"dataTarget\":2,\"sql\":\"select id, name from t\","
            + "\"targetTable\":\"t_copy\",\"jobSpeedByte\":0,\"jobSpeedRecord\":1000,\"preStatements\":[\"truncate"
            + " table t_copy\"],\"postStatements\":[],\"xms\":1,\"xmx\":1,\"conditionResult\":{\"successNode\":[],"
            + "\"failedNode\":[]},\"dependence\":{},\"waitStartTimeout\":{}}";

    @TempDir
    Path tmp;

    @Test
    void stockFormParamsValidateAndDeclareBothDatasources() {
        LarkDataxParameters p = LarkJson.parse(STOCK_FORM, LarkDataxParameters.class);
        assertThat(p.checkParameters()).isTrue();
        assertThat(p.getResources().getResourceMap(ResourceType.DATASOURCE)).containsOnlyKeys(1, 2);
        assertThat(p.getChannel()).isEqualTo(1);
        LarkDataxParameters bad = LarkJson.parse("{\"customConfig\":0,\"dataSource\":1,\"dataTarget\":2,"
                + "\"targetTable\":\"x\"}", LarkDataxParameters.class);
        assertThat(bad.validationError()).isEqualTo("'sql' is required: give the SELECT that reads the source");
    }

    @Test
    void stockFormBecomesAQuerySqlJobOnOneChannelLikeDs() throws Exception {
        ObjectNode params = (ObjectNode) LarkJson.MAPPER.readTree(STOCK_FORM);
        TaskExecutionContext c = TaskFixtures.context("DATAX", params.toString(), tmp.toString());
        TaskFixtures.datasource(c, 1, DbType.MYSQL, "jdbc:mysql://127.0.0.1:3306/shop", "u", "secret-pw");
        TaskFixtures.datasource(c, 2, DbType.CLICKHOUSE, "jdbc:clickhouse://127.0.0.1:8123/lark", "default", "");
        LarkDataxParameters p = LarkJson.parse(params.toString(), LarkDataxParameters.class);
        JsonNode job = LarkDataxTask.formJob(p, LarkTaskContext.standalone(c, s -> { }));
        assertThat(job.at("/job/setting/speed/channel").asInt()).isEqualTo(1);
        assertThat(job.at("/job/setting/speed/record").asInt()).isEqualTo(1000);
        assertThat(job.at("/job/setting/errorLimit/record").asInt()).isZero();
        assertThat(job.at("/job/content/0/reader/name").asText()).isEqualTo("mysqlreader");
        assertThat(job.at("/job/content/0/reader/parameter/connection/0/querySql/0").asText()).isEqualTo(
                "select id, name from t");
        assertThat(job.at("/job/content/0/writer/name").asText()).isEqualTo("clickhousewriter");
        assertThat(job.at("/job/content/0/writer/parameter/preSql/0").asText()).isEqualTo("truncate table t_copy");
        assertThat(job.at("/job/content/0/writer/parameter/column").isMissingNode()).isTrue();
        dev.lark.ingest.IngestJob.of(job);
    }

    private JsonNode formJobFor(String sql, int channel, LarkDataxTask.KeyLookup keys, java.util.List<String> log)
            throws Exception {
        ObjectNode params = (ObjectNode) LarkJson.MAPPER.readTree(STOCK_FORM);
        params.put("channel", channel).put("sql", sql);
        TaskExecutionContext c = TaskFixtures.context("DATAX", params.toString(), tmp.toString());
        TaskFixtures.datasource(c, 1, DbType.MYSQL, "jdbc:mysql://127.0.0.1:3306/shop", "u", "secret-pw");
        TaskFixtures.datasource(c, 2, DbType.CLICKHOUSE, "jdbc:clickhouse://127.0.0.1:8123/lark", "default", "");
        LarkDataxParameters p = LarkJson.parse(params.toString(), LarkDataxParameters.class);
        return LarkDataxTask.formJob(p, LarkTaskContext.standalone(c, log::add), keys);
    }

    @Test
    void aSingleTableSqlIsSplitOnItsPrimaryKeyOverTheChannels() throws Exception {
        java.util.List<String> log = new java.util.ArrayList<>();
        java.util.List<String> asked = new java.util.ArrayList<>();
        JsonNode job = formJobFor("select id, upper(name) as name from t where id > 5", 4, (ep, table) -> {
            asked.add(ep.jdbcUrl() + " " + table);
            return "id";
        }, log);
        assertThat(asked).containsExactly("jdbc:mysql://127.0.0.1:3306/shop t");
        JsonNode r = job.at("/job/content/0/reader/parameter");
        assertThat(r.at("/connection/0/table/0").asText()).isEqualTo("t");
        assertThat(r.at("/connection/0/querySql").isMissingNode()).isTrue();
        assertThat(r.get("column").toString()).isEqualTo("[\"id\",\"upper(name) AS name\"]");
        assertThat(r.get("where").asText()).isEqualTo("id > 5");
        assertThat(r.get("splitPk").asText()).isEqualTo("id");
        assertThat(job.at("/job/setting/speed/channel").asInt()).isEqualTo(4);
        assertThat(log).anyMatch(l -> l.contains("splitting it on the primary key id over 4 channels"));
        dev.lark.ingest.IngestJob.of(job);
    }

    @Test
    void otherSqlRunsAsWrittenOnOneChannelAndTheLogSaysWhy() throws Exception {
        java.util.List<String> log = new java.util.ArrayList<>();
        JsonNode join = formJobFor("select a.id, b.x from a join b on a.id = b.id", 4, (ep, table) -> "id", log);
        assertThat(join.at("/job/content/0/reader/parameter/connection/0/querySql/0").asText()).startsWith(
                "select a.id");
        assertThat(join.at("/job/setting/speed/channel").asInt()).isEqualTo(1);
        assertThat(log).anyMatch(l -> l.contains("on 1 channel (channel = 4 was asked)") && l.contains("joins"));

        log.clear();
        JsonNode noKey = formJobFor("select id from t", 2, (ep, table) -> null, log);
        assertThat(noKey.at("/job/content/0/reader/parameter/connection/0/querySql/0").asText()).isEqualTo(
                "select id from t");
        assertThat(log).anyMatch(l -> l.contains("table t has no primary key"));

        log.clear();
        formJobFor("select id from t", 2, (ep, table) -> {
            throw new java.sql.SQLException("connection refused");
        }, log);
        assertThat(log).anyMatch(l -> l.contains("primary key of t cannot be read (connection refused)"));

        // one channel (the stock form): the sql is not even looked at
        log.clear();
        JsonNode stock = formJobFor("select id from t", 1, (ep, table) -> {
            throw new AssertionError("no lookup for one channel");
        }, log);
        assertThat(stock.at("/job/content/0/reader/parameter/connection/0/querySql/0").asText()).isEqualTo(
                "select id from t");
        assertThat(log).isEmpty();
    }

    @Test
    void unknownPluginWithoutDataxHomeFailsNamingItAndListingTheSupportedOnes() {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DATAX_HOME") == null);
        ObjectNode params = LarkJson.MAPPER.createObjectNode();
        params.put("customConfig", 1);
        params.put("json", "{\"job\":{\"content\":[{\"reader\":{\"name\":\"mysqlreader\",\"parameter\":{}},"
                + "\"writer\":{\"name\":\"hdfswriter\",\"parameter\":{}}}]}}");
        params.putArray("localParams");
        LarkDataxTask task = new LarkDataxTask(TaskFixtures.context("DATAX", params.toString(), tmp.toString()));
        task.init();
        task.getParameters().setVarPool("[]");
        assertThatThrownBy(() -> task.handle(null)).isInstanceOf(TaskException.class)
                .hasMessageContaining("hdfswriter").hasMessageContaining("clickhousewriter");
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_FAILURE);
    }
}
