package dev.lark.clickhouse.load.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.Client;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.DataSourceParameters;
import org.apache.dolphinscheduler.plugin.task.api.parameters.resource.ResourceParametersHelper;
import org.apache.dolphinscheduler.spi.enums.DbType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DS task class itself (init, handle, varPool, summary) against the sandbox ClickHouse, with the datasource
 * handed over the way the DS master does (ResourceParametersHelper). The in-DS run is in packaging/lark-it.
 */
@Sandboxed({"clickhouse"})
class ClickHouseLoadTaskIT {
    private static Client client;
    private static String jdbcUrl;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp(SandboxEndpoints e) throws Exception {
        jdbcUrl = e.get("clickhouse", "jdbcUrl");
        client = new Client.Builder().addEndpoint(e.get("clickhouse", "httpUrl")).setUsername("default").setPassword("")
                .build();
        client.execute("DROP DATABASE IF EXISTS lark_chload_task_it SYNC").get(1, TimeUnit.MINUTES).close();
    }

    @AfterAll
    static void tearDown() throws Exception {
        client.execute("DROP DATABASE IF EXISTS lark_chload_task_it SYNC").get(1, TimeUnit.MINUTES).close();
        client.close();
    }

    private TaskExecutionContext request(String params) {
        TaskExecutionContext c = new TaskExecutionContext();
        c.setTaskType("LARK_CLICKHOUSE_LOAD");
        c.setTaskName("load_orders");
        c.setProjectCode(1L);
        c.setProcessDefineCode(2L);
        c.setProcessInstanceId(77);
        c.setScheduleTime(new Date(1_790_000_000_000L));
        c.setTaskParams(params);
        c.setPrepareParamsMap(new HashMap<>(Map.of("bizdate", new Property("bizdate",
                org.apache.dolphinscheduler.plugin.task.api.enums.Direct.IN,
                org.apache.dolphinscheduler.plugin.task.api.enums.DataType.VARCHAR, "2026-11-21"))));
        DataSourceParameters ds = new DataSourceParameters();
        ds.setType(DbType.CLICKHOUSE);
        ds.setConnectionParams("{\"user\":\"default\",\"password\":\"\",\"address\":\"jdbc:clickhouse://127.0.0.1:18123\","
                + "\"database\":\"default\",\"jdbcUrl\":\"" + jdbcUrl + "/default\",\"driverClassName\":"
                + "\"com.clickhouse.jdbc.ClickHouseDriver\"}");
        ResourceParametersHelper h = new ResourceParametersHelper();
        h.put(ResourceType.DATASOURCE, 5, ds);
        c.setResourceParametersHelper(h);
        return c;
    }

    @Test
    void loadsPublishesOutputsAndRerunsIdempotently() throws Exception {
        Path csv = dir.resolve("orders.csv");
        StringBuilder b = new StringBuilder("id,dt,amount\n");
        for (int i = 0; i < 2500; i++) {
            b.append(i).append(",2026-11-2").append(i % 2).append(',').append(i % 100).append('\n');
        }
        Files.writeString(csv, b);
        String params = "{\"datasourceId\":5,\"database\":\"lark_chload_task_it\",\"table\":\"orders\","
                + "\"mode\":\"overwrite_partitions\",\"columns\":[{\"name\":\"id\",\"type\":\"UInt64\"},"
                + "{\"name\":\"dt\",\"type\":\"Date\"},{\"name\":\"amount\",\"type\":\"Int32\"}],"
                + "\"partitionBy\":\"dt\",\"orderBy\":\"id\",\"sourceType\":\"file\",\"format\":\"csv\","
                + "\"path\":\"" + csv + "\",\"batchMaxRows\":1000,\"verifyChecksum\":true,"
                + "\"localParams\":[{\"prop\":\"rows\",\"direct\":\"OUT\",\"type\":\"LONG\",\"value\":\"\"}]}";
        for (int attempt = 0; attempt < 2; attempt++) {
            ClickHouseLoadTask task = new ClickHouseLoadTask(request(params));
            task.init();
            task.handle(null);
            assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_SUCCESS);
            Map<String, String> out = task.getParameters().getVarPool().stream()
                    .collect(Collectors.toMap(Property::getProp, Property::getValue));
            assertThat(out).containsEntry("rows", "2500").containsEntry("partitions", "2");
            assertThat(Long.parseLong(out.get("bytes"))).isGreaterThan(20_000);
        }
        List<com.clickhouse.client.api.query.GenericRecord> r = client.queryAll(
                "SELECT count(), sum(amount) FROM lark_chload_task_it.orders");
        assertThat(r.get(0).getLong(1)).isEqualTo(2500);
        assertThat(r.get(0).getLong(2)).isEqualTo(25 * 4950);
    }

    @Test
    void aBadSourceFailsTheTaskWithTheReason() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "id,dt,amount,extra\n1,2026-11-20,1,x\n");
        ClickHouseLoadTask task = new ClickHouseLoadTask(request("{\"datasourceId\":5,\"database\":"
                + "\"lark_chload_task_it\",\"table\":\"bad\",\"columns\":[{\"name\":\"id\",\"type\":\"UInt64\"},"
                + "{\"name\":\"dt\",\"type\":\"Date\"},{\"name\":\"amount\",\"type\":\"Int32\"}],\"orderBy\":\"id\","
                + "\"format\":\"csv\",\"path\":\"" + csv + "\"}"));
        task.init();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> task.handle(null))
                .hasMessageContaining("source column 'extra'");
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_FAILURE);
    }
}
