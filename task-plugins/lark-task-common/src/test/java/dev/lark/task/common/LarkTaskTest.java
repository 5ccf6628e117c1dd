package dev.lark.task.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.engine.common.ConfigException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.dolphinscheduler.plugin.task.api.TaskConstants;
import org.apache.dolphinscheduler.plugin.task.api.TaskException;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.apache.dolphinscheduler.plugin.task.api.enums.DataType;
import org.apache.dolphinscheduler.plugin.task.api.enums.Direct;
import org.apache.dolphinscheduler.plugin.task.api.model.Property;
import org.junit.jupiter.api.Test;

class LarkTaskTest {

    public static class EchoParameters extends LarkParameters {
        private String table;
        private int rows;

        public String getTable() {
            return table;
        }

        public void setTable(String table) {
            this.table = table;
        }

        public int getRows() {
            return rows;
        }

        public void setRows(int rows) {
            this.rows = rows;
        }

        @Override
        public void validate() {
            if (table == null || table.isEmpty()) {
                throw ConfigException.missing("table", "name the table to copy");
            }
            if (rows < 0) {
                throw ConfigException.invalid("rows", rows, "use 0 or more");
            }
        }
    }

    static class EchoTask extends LarkTask<EchoParameters> {
        CountDownLatch started = new CountDownLatch(1);
        boolean block;

        EchoTask(TaskExecutionContext ctx) {
            super(ctx, EchoParameters.class);
        }

        @Override
        protected void execute(EchoParameters p, LarkTaskContext ctx) throws Exception {
            started.countDown();
            if (block) {
                while (true) {
                    ctx.cancellation().throwIfCancelled();
                    Thread.sleep(10);
                }
            }
            ctx.output("rowsRead", p.getRows());
            ctx.output("table", p.getTable());
            ctx.summary().line("password check", "password=hunter22");
        }
    }

    private static TaskExecutionContext request(String taskParams) {
        TaskExecutionContext c = new TaskExecutionContext();
        c.setTaskType("ECHO");
        c.setTaskName("t1");
        c.setTaskParams(taskParams);
        Map<String, Property> prepared = new HashMap<>();
        prepared.put("bizdate", new Property("bizdate", Direct.IN, DataType.VARCHAR, "20261122"));
        prepared.put("n", new Property("n", Direct.IN, DataType.INTEGER, "42"));
        c.setPrepareParamsMap(prepared);
        return c;
    }

    @Test
    void substitutesValidatesRunsAndPublishesOutputs() {
        EchoTask task = new EchoTask(request("{\"table\":\"t_${bizdate}\",\"rows\":\"${n}\",\"localParams\":["
                + "{\"prop\":\"rowsRead\",\"direct\":\"OUT\",\"type\":\"LONG\",\"value\":\"\"}],\"resourceList\":[]}"));
        task.init();
        task.getParameters().setVarPool("[{\"prop\":\"old\",\"direct\":\"IN\",\"type\":\"VARCHAR\",\"value\":\"x\"}]");
        task.handle(null);
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_SUCCESS);
        List<Property> pool = task.getParameters().getVarPool();
        assertThat(pool).extracting(Property::getProp).containsExactly("old", "rowsRead", "table");
        assertThat(pool.get(1).getValue()).isEqualTo("42");
        assertThat(pool.get(1).getType()).isEqualTo(DataType.LONG);
        assertThat(pool.get(2).getValue()).isEqualTo("t_20261122");
    }

    @Test
    void invalidParametersFailInitWithFieldValueAndFix() {
        EchoTask task = new EchoTask(request("{\"table\":\"t\",\"rows\":-3}"));
        assertThatThrownBy(task::init).isInstanceOf(TaskException.class)
                .hasMessageContaining("'rows' = -3 is invalid: use 0 or more");
        EchoParameters p = LarkJson.parse("{\"rows\":1}", EchoParameters.class);
        assertThat(p.checkParameters()).isFalse();
        assertThat(p.validationError()).contains("'table'").contains("name the table");
    }

    @Test
    void wrongTypeNamesTheField() {
        assertThatThrownBy(() -> LarkJson.parse("{\"table\":\"t\",\"rows\":\"many\"}", EchoParameters.class))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'rows'");
    }

    @Test
    void cancelEndsTheRunWithExitCode137() throws Exception {
        EchoTask task = new EchoTask(request("{\"table\":\"t\",\"rows\":1}"));
        task.block = true;
        task.init();
        task.getParameters().setVarPool(null);
        Thread runner = new Thread(() -> task.handle(null));
        runner.start();
        assertThat(task.started.await(10, TimeUnit.SECONDS)).isTrue();
        task.cancel();
        runner.join(10_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(task.getExitStatusCode()).isEqualTo(TaskConstants.EXIT_CODE_KILL);
        assertThat(task.getParameters().getVarPool()).isEmpty();
    }

    @Test
    void declaresDatasourcesForTheMaster() {
        LarkParameters p = new EchoParameters() {
            @Override
            public List<Integer> datasourceIds() {
                return List.of(3, 7);
            }
        };
        assertThat(p.getResources().getResourceMap(
                org.apache.dolphinscheduler.plugin.task.api.enums.ResourceType.DATASOURCE)).containsOnlyKeys(3, 7);
    }
}
