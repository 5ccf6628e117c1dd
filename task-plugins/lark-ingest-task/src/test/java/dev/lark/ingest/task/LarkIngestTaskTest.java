package dev.lark.ingest.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.task.common.LarkJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.dolphinscheduler.plugin.task.api.TaskChannelFactory;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskException;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.apache.dolphinscheduler.spi.enums.DbType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LarkIngestTaskTest {
    private static final ObjectMapper M = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void factoriesRegisterLarkIngestAndReplaceDataxWithHigherPriority() {
        Map<String, TaskChannelFactory> byName = StreamSupport.stream(ServiceLoader.load(TaskChannelFactory.class)
                .spliterator(), false).collect(Collectors.toMap(TaskChannelFactory::getName, f -> f));
        assertThat(byName).containsKeys("LARK_INGEST", "DATAX");
        assertThat(byName.get("DATAX").getIdentify().getPriority()).isGreaterThan(0);
        assertThat(byName.get("LARK_INGEST").create()).isInstanceOf(LarkIngestTaskChannel.class);
    }

    @Test
    void customJsonRunsWithSubstitutionAndPublishesOutputs() throws Exception {
        Path out = tmp.resolve("out");
        String job = "{\"job\":{\"setting\":{\"speed\":{\"channel\":2}},\"content\":[{\"reader\":{\"name\":"
                + "\"streamreader\",\"parameter\":{\"sliceRecordCount\":\"${n}\",\"column\":[{\"type\":\"long\","
                + "\"incr\":\"1,1\"}]}},\"writer\":{\"name\":\"txtfilewriter\",\"parameter\":{\"path\":\"" + out
                + "\",\"fileName\":\"x\"}}}]}}";
        ObjectNode params = M.createObjectNode();
        params.put("customConfig", 1);
        params.put("json", job);
        params.putArray("localParams").addObject().put("prop", "rowsWritten").put("direct", "OUT").put("type",
                "LONG").put("value", "");
        TaskExecutionContext ctx = TaskFixtures.context("LARK_INGEST", params.toString(), tmp.toString());
        TaskFixtures.param(ctx, "n", "500");
        LarkIngestTask task = new LarkIngestTask(ctx);
        task.init();
        task.getParameters().setVarPool("[]");
        task.handle(null);
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_SUCCESS);
        Map<String, String> pool = task.getParameters().getVarPool().stream().collect(Collectors.toMap(
                Property::getProp, Property::getValue));
        assertThat(pool).containsEntry("rowsRead", "1000").containsEntry("rowsWritten", "1000")
                .containsEntry("rowsDirty", "0");
        try (var files = Files.list(out)) {
            assertThat(files.mapToLong(f -> {
                try {
                    return Files.lines(f).count();
                } catch (Exception e) {
                    return -1;
                }
            }).sum()).isEqualTo(1000);
        }
    }

    @Test
    void invalidJobJsonFailsAtInitNamingThePlugin() {
        ObjectNode params = M.createObjectNode();
        params.put("customConfig", 1);
        params.put("json", "{\"job\":{\"content\":[{\"reader\":{\"name\":\"oraclereader\",\"parameter\":{}},"
                + "\"writer\":{\"name\":\"streamwriter\",\"parameter\":{}}}]}}");
        LarkIngestTask task = new LarkIngestTask(TaskFixtures.context("LARK_INGEST", params.toString(),
                tmp.toString()));
        assertThatThrownBy(task::init).isInstanceOf(TaskException.class)
                .hasMessageContaining("oraclereader").hasMessageContaining("mysqlreader");
    }

    @Test
    void formModeDeclaresDatasourcesAndBuildsATableJob() throws Exception {
        String params = "{\"customConfig\":0,\"sourceDatasource\":7,\"sourceTable\":\"orders\",\"columns\":\"id,"
                + " name\",\"where\":\"id > 0\",\"splitPk\":\"id\",\"incrementalColumn\":\"id\",\"targetDatasource\":"
                + "9,\"targetTable\":\"lark.orders\",\"writeMode\":\"overwrite\",\"channels\":4,\"errorRecordLimit\":"
                + "5,\"deadLetterTable\":\"dirty\",\"preSql\":[\"SELECT 1\"]}";
        LarkIngestParameters p = LarkJson.parse(params, LarkIngestParameters.class);
        assertThat(p.checkParameters()).isTrue();
        assertThat(p.getResources().getResourceMap(ResourceType.DATASOURCE)).containsOnlyKeys(7, 9);

        TaskExecutionContext ctx = TaskFixtures.context("LARK_INGEST", params, tmp.toString());
        TaskFixtures.datasource(ctx, 7, DbType.MYSQL, "jdbc:mysql://127.0.0.1:3306/shop", "u", "pw-src-123");
        TaskFixtures.datasource(ctx, 9, DbType.CLICKHOUSE, "jdbc:clickhouse://127.0.0.1:8123/lark", "default", "");
        LarkIngestTask task = new LarkIngestTask(ctx);
        task.init();
        JsonNode job = LarkIngestTask.formJob(p, contextOf(task, ctx));
        JsonNode reader = job.at("/job/content/0/reader");
        assertThat(reader.get("name").asText()).isEqualTo("mysqlreader");
        assertThat(reader.at("/parameter/password").asText()).isEqualTo("pw-src-123");
        assertThat(reader.at("/parameter/splitPk").asText()).isEqualTo("id");
        assertThat(reader.at("/parameter/column").toString()).isEqualTo("[\"id\",\"name\"]");
        assertThat(job.at("/job/content/0/writer/name").asText()).isEqualTo("clickhousewriter");
        assertThat(job.at("/job/content/0/writer/parameter/writeMode").asText()).isEqualTo("overwrite");
        assertThat(job.at("/job/setting/speed/channel").asInt()).isEqualTo(4);
        assertThat(job.at("/job/setting/errorLimit/deadLetter/table").asText()).isEqualTo("dirty");
        // the engine accepts what the form produced
        dev.lark.ingest.IngestJob.of(job);
    }

    @Test
    void formModeValidationNamesTheField() {
        LarkIngestParameters p = LarkJson.parse("{\"sourceDatasource\":1,\"targetDatasource\":2,\"sourceTable\":"
                + "\"t\",\"targetTable\":\"t\",\"writeMode\":\"upsert\"}", LarkIngestParameters.class);
        assertThat(p.validationError()).contains("'writeMode' = \"upsert\" is not supported").contains("replace");
        LarkIngestParameters q = LarkJson.parse("{\"sourceDatasource\":1,\"sourceTable\":\"t\",\"targetTable\":\"t\"}",
                LarkIngestParameters.class);
        assertThat(q.validationError()).contains("'targetDatasource' is required");
    }

    /** The LarkTaskContext a running task would get; built through the package-private test hook. */
    static dev.lark.task.common.LarkTaskContext contextOf(LarkIngestTask task, TaskExecutionContext ctx) {
        return dev.lark.task.common.LarkTaskContext.standalone(ctx, System.out::println);
    }

    static List<String> names(List<Property> ps) {
        return ps.stream().map(Property::getProp).collect(Collectors.toList());
    }
}
