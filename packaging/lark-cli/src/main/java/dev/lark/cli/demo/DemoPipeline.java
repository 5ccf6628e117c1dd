package dev.lark.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.sandbox.Sandbox;
import dev.lark.testkit.ds.DolphinSchedulerClient;
import dev.lark.testkit.ds.SandboxLineageConfig;
import dev.lark.testkit.ds.StartOptions;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import dev.lark.testkit.ds.WorkflowSpec;
import dev.lark.testkit.ds.DatasourceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo pipeline, shared by {@code lark demo} and {@code DemoPipelineIT}:
 * <ol>
 * <li>seed MariaDB {@code lark.orders} and the Kafka topic of raw access-log lines (generated, deterministic);</li>
 * <li>in DolphinScheduler: datasources, project and one workflow — {@code LARK_INGEST} (MariaDB orders to ClickHouse
 * {@code ods_orders}, 2 channels, splitPk) then {@code LARK_CLICKHOUSE_LOAD} ({@code dws_orders_daily},
 * overwrite_partitions), and in parallel {@code LARK_CLEAN} (Kafka to {@code dwd_events} + dead-letter topic);
 * release, run for one schedule time, wait;</li>
 * <li>row counts from ClickHouse and Kafka after each run, then the same schedule time again (idempotent rerun);</li>
 * <li>the lineage chain of {@code dws_orders_daily} read back from Atlas.</li>
 * </ol>
 * A stage whose task type is not registered in the running DS (or whose component is down) is skipped with the
 * reason; nothing else depends on it silently. One {@link #run()} per instance.
 */
public final class DemoPipeline {
    public static final String ORDERS_TABLE = "orders";
    /** A MariaDB user without password that may only SELECT the orders table from 127.0.0.1 (see SourceSeeder). */
    public static final String READER_USER = "lark_demo_reader";
    public static final String CH_DATABASE = "lark_demo";
    public static final String RAW_TOPIC = "lark_demo_events";
    public static final String DEAD_TOPIC = "lark_demo_events_dead";
    public static final String PROJECT = "lark-demo";
    /**
     * One workflow, reused by every demo run: Atlas names a DS task's process by workflow code and task, so a new
     * workflow per run would leave one more process per task in Atlas each time.
     */
    public static final String WORKFLOW = "lark_demo_pipeline";
    /** The clean task's consumer group; stable like the workflow, and reset with the topics (see SourceSeeder). */
    public static final String CLEAN_GROUP = "lark-demo-clean";
    public static final String INGEST = "ingest_orders";
    public static final String LOAD = "load_orders_daily";
    public static final String CLEAN = "clean_events";
    public static final String ODS = CH_DATABASE + ".ods_orders";
    public static final String DWS = CH_DATABASE + ".dws_orders_daily";
    public static final String DWD = CH_DATABASE + ".dwd_events";
    static final List<String> TASK_ORDER = List.of(INGEST, LOAD, CLEAN);
    static final String ORDER_COLUMNS = "id,customer_id,product,quantity,amount,status,created_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTERED = Pattern.compile("Registered task plugin: (\\S+)");

    private final Sandbox sandbox;
    private final DemoSettings settings;
    private final Consumer<String> log;
    private final DemoReport report = new DemoReport();
    /** Set while running: the prefix of this workflow's task processes in Atlas, whether its tasks sent lineage. */
    private String workflowPrefix;
    private boolean lineageEmitted;
    private String dwsGuid;

    public DemoPipeline(Sandbox sandbox, DemoSettings settings, Consumer<String> log) {
        this.sandbox = sandbox;
        this.settings = settings;
        this.log = log;
    }

    public DemoReport run() throws Exception {
        report.scheduleTime = settings.scheduleTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        for (String c : List.of("mariadb", "kafka", "clickhouse")) {
            requireUp(c);
        }
        DemoData data = settings.data();
        ClickHouseHttp ch = new ClickHouseHttp(sandbox.endpoints("clickhouse"));
        Map<String, String> kafka = sandbox.endpoints("kafka");
        String bootstrap = SourceSeeder.require(kafka, "kafka", "bootstrapServers");

        log.accept("resetting the demo's own data: ClickHouse database " + CH_DATABASE + ", MariaDB lark."
                + ORDERS_TABLE + ", Kafka topics " + RAW_TOPIC + ", " + DEAD_TOPIC + ", consumer group " + CLEAN_GROUP);
        ch.execute("DROP DATABASE IF EXISTS " + CH_DATABASE + " SYNC");
        ch.execute("CREATE DATABASE " + CH_DATABASE + " ENGINE = Atomic");
        ch.execute("CREATE TABLE " + ODS + " (id UInt64, customer_id UInt32, product LowCardinality(String),"
                + " quantity UInt16, amount Decimal(12, 2), status LowCardinality(String), created_at DateTime)"
                + " ENGINE = MergeTree PARTITION BY toYYYYMMDD(created_at) ORDER BY id");

        SourceSeeder seeder = new SourceSeeder(data, log);
        log.accept(String.format(java.util.Locale.ROOT, "seeding MariaDB lark.%s with %,d generated orders",
                ORDERS_TABLE, data.orders()));
        long t0 = System.nanoTime();
        report.ordersSeeded = seeder.seedOrders(sandbox.endpoints("mariadb"));
        report.ordersSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(java.util.Locale.ROOT, "producing %,d access-log lines to Kafka %s",
                data.events(), RAW_TOPIC));
        t0 = System.nanoTime();
        report.eventsSeeded = seeder.seedEvents(bootstrap, RAW_TOPIC, DEAD_TOPIC, CLEAN_GROUP);
        report.eventsSeconds = (System.nanoTime() - t0) / 1e9;
        report.badEvents = data.badEvents();

        runWorkflow(ch, bootstrap);
        readLineage();
        lookAt();
        return report;
    }

    // ------------------------------------------------------------------ DolphinScheduler

    private void runWorkflow(ClickHouseHttp ch, String bootstrap) throws Exception {
        if (!healthy("dolphinscheduler")) {
            report.stages.add(new DemoReport.Stage("DolphinScheduler", false, "the dolphinscheduler component is"
                    + " not running (packaging/bin/lark-netns packaging/bin/lark sandbox up --with dolphinscheduler)"));
            return;
        }
        Map<String, String> dsEndpoints = sandbox.endpoints("dolphinscheduler");
        Set<String> registered = registeredTaskTypes(dsEndpoints);
        ensureLineageConfig();
        DsTaskTimings timings = new DsTaskTimings(dsEndpoints);
        DolphinSchedulerClient ds = DolphinSchedulerClient.login(dsEndpoints.get("restUrl"),
                dsEndpoints.get("user"), dsEndpoints.get("password"));
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        long project = ds.ensureProject(PROJECT);

        Integer chDatasource = datasource(ds, DatasourceSpec.of("CLICKHOUSE", "lark-demo-clickhouse", ch.host(),
                ch.port(), CH_DATABASE, ch.user(), ch.password()));
        Map<String, String> maria = sandbox.endpoints("mariadb");
        Integer mariaDatasource = datasource(ds, DatasourceSpec.of("MYSQL", "lark-demo-mariadb", maria.get("host"),
                Integer.parseInt(maria.get("port")), maria.get("database"), READER_USER, ""));

        WorkflowSpec.Builder wf = WorkflowSpec.builder(WORKFLOW);
        boolean ingest = stage(INGEST, "LARK_INGEST", registered, null);
        if (ingest) {
            wf.task(ingestTask(chDatasource, mariaDatasource, ch, maria));
        }
        boolean load = stage(LOAD, "LARK_CLICKHOUSE_LOAD", registered, !ingest ? "it reads ods_orders, which "
                + INGEST + " fills" : chDatasource == null ? "it needs the ClickHouse DS datasource (see above)" : null);
        if (load) {
            wf.task(loadTask(chDatasource));
        }
        boolean clean = stage(CLEAN, "LARK_CLEAN", registered, null);
        if (clean) {
            wf.task(cleanTask(chDatasource, ch, bootstrap, CLEAN_GROUP));
        }
        if (!ingest && !load && !clean) {
            return;
        }
        Workflow workflow = workflow(ds, project, wf.build());
        workflowPrefix = "ds." + project + "." + workflow.code() + ".";
        ds.release(workflow, true);
        report.workflow = PROJECT + " / " + workflow.name() + " (project " + project + ", workflow " + workflow.code()
                + ")";
        for (int i = 1; i <= settings.runs(); i++) {
            log.accept("running workflow " + workflow.name() + " for schedule time " + report.scheduleTime + " (run "
                    + i + " of " + settings.runs() + ")");
            WorkflowRun run = ds.run(workflow, StartOptions.builder().scheduleTime(settings.scheduleTime()).build(),
                    settings.runTimeout());
            Map<String, Double> seconds = timings.taskSeconds(project, run.id());
            List<DemoReport.TaskResult> tasks = new ArrayList<>();
            List<TaskRun> inOrder = new ArrayList<>(run.tasks());
            inOrder.sort(java.util.Comparator.comparingInt(t -> TASK_ORDER.indexOf(t.name())));
            lineageEmitted = false;
            for (TaskRun t : inOrder) {
                // with lineage on, every Lark task logs the hook's metrics line: lineage[atlas-rest]: emitted=...
                lineageEmitted |= t.log().contains("lineage[");
                Map<String, String> summary = TaskSummary.parse(t.log());
                double secs = TaskSummary.seconds(summary, seconds.getOrDefault(t.name(), 0.0));
                tasks.add(new DemoReport.TaskResult(t.name(), t.taskType(), t.state(), secs,
                        TaskSummary.result(t.taskType(), summary)));
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            if (ingest) {
                counts.put("ClickHouse " + ODS, countOrMinusOne(ch, ODS));
            }
            if (load) {
                counts.put("ClickHouse " + DWS, countOrMinusOne(ch, DWS));
            }
            if (clean) {
                counts.put("ClickHouse " + DWD, countOrMinusOne(ch, DWD));
                counts.put("Kafka dead-letter " + DEAD_TOPIC, SourceSeeder.messageCount(bootstrap, DEAD_TOPIC));
            }
            report.runs.add(new DemoReport.Run(run.id(), run.state(), tasks, counts,
                    run.succeeded() ? null : run.describe()));
            log.accept("  run " + i + ": " + run.state() + " " + counts);
        }
    }

    /**
     * The demo's workflow: the existing one when its definition is already {@code spec}, updated in place (same
     * workflow and task codes) when it differs, created when the project has none of that name.
     */
    private Workflow workflow(DolphinSchedulerClient ds, long project, WorkflowSpec spec) {
        java.util.Optional<Workflow> existing = ds.findWorkflow(project, spec.name());
        Workflow workflow;
        String how;
        if (existing.isEmpty()) {
            workflow = ds.createWorkflow(project, spec);
            how = "created";
        } else if (ds.hasDefinition(existing.get(), spec)) {
            workflow = existing.get();
            how = "reused, unchanged";
        } else {
            workflow = ds.updateWorkflow(existing.get(), spec);
            how = "reused, definition updated in place";
        }
        log.accept("workflow " + spec.name() + " (code " + workflow.code() + "): " + how + "; task codes "
                + workflow.taskCodes());
        return workflow;
    }

    /**
     * Points the sandbox DS's Lark tasks at the sandbox Atlas: {@code lark-lineage.properties} in DS's conf dir, which
     * is first on DS's classpath; Lark tasks read it again when it changes, so no restart is needed. The content is
     * the one the ITs write too ({@link SandboxLineageConfig}), so the order they run in does not matter.
     */
    private void ensureLineageConfig() throws IOException {
        if (!healthy("atlas")) {
            report.stages.add(new DemoReport.Stage("lineage", false, "the atlas component is not running"));
            return;
        }
        Map<String, String> atlas = sandbox.endpoints("atlas");
        Path props = SandboxLineageConfig.ensure(sandbox.context().runDir("dolphinscheduler"),
                SourceSeeder.require(atlas, "atlas", "restUrl"), SourceSeeder.require(atlas, "atlas", "user"),
                atlas.getOrDefault("password", ""));
        report.stages.add(new DemoReport.Stage("lineage", true, "DS -> Atlas (" + props + ")"));
    }

    private boolean stage(String task, String type, Set<String> registered, String blockedBy) {
        if (!registered.contains(type)) {
            report.stages.add(new DemoReport.Stage(task, false, type + " is not registered in the running DS (no"
                    + " 'Registered task plugin: " + type + "' in its server log; rebuild packaging/lark-bundle and"
                    + " restart the dolphinscheduler component)"));
            return false;
        }
        if (blockedBy != null) {
            report.stages.add(new DemoReport.Stage(task, false, blockedBy));
            return false;
        }
        report.stages.add(new DemoReport.Stage(task, true, type));
        return true;
    }

    private Integer datasource(DolphinSchedulerClient ds, DatasourceSpec spec) {
        try {
            int id = ds.ensureDatasource(spec);
            report.stages.add(new DemoReport.Stage("DS datasource", true, spec.name() + " (" + spec.type() + ", id "
                    + id + ")"));
            return id;
        } catch (RuntimeException e) {
            report.stages.add(new DemoReport.Stage("DS datasource", false, spec.name() + " (" + spec.type() + "): "
                    + e.getMessage()));
            return null;
        }
    }

    private TaskDefinitionSpec.Builder ingestTask(Integer chDatasource, Integer mariaDatasource, ClickHouseHttp ch,
            Map<String, String> maria) {
        ObjectNode p = JSON.createObjectNode();
        if (chDatasource != null && mariaDatasource != null) {
            // form mode: DS keeps the passwords
            p.put("customConfig", 0);
            p.put("sourceDatasource", mariaDatasource);
            p.put("sourceTable", ORDERS_TABLE);
            p.put("columns", ORDER_COLUMNS);
            p.put("splitPk", "id");
            p.put("targetDatasource", chDatasource);
            p.put("targetTable", "ods_orders");
            p.put("writeMode", "overwrite");
            p.put("channels", 2);
            p.put("errorRecordLimit", 0);
        } else {
            // a DataX job, as DS's DATAX task takes it, for when DS cannot hold one of the datasources
            report.stages.add(new DemoReport.Stage(INGEST + " mode", true, "runs the same copy as a DataX job JSON (customConfig"
                    + " 1) since DS could not create both datasources; no secret in it (MariaDB user " + READER_USER
                    + ")"));
            ObjectNode job = JSON.createObjectNode().putObject("job");
            ObjectNode setting = job.putObject("setting");
            setting.putObject("speed").put("channel", 2);
            setting.putObject("errorLimit").put("record", 0);
            ObjectNode content = job.putArray("content").addObject();
            ObjectNode reader = content.putObject("reader");
            reader.put("name", "mysqlreader");
            ObjectNode rp = reader.putObject("parameter");
            rp.put("username", READER_USER);
            rp.put("password", "");
            columns(rp.putArray("column"));
            rp.put("splitPk", "id");
            ObjectNode rc = rp.putArray("connection").addObject();
            rc.putArray("table").add(ORDERS_TABLE);
            rc.putArray("jdbcUrl").add(maria.get("jdbcUrl"));
            ObjectNode writer = content.putObject("writer");
            writer.put("name", "clickhousewriter");
            ObjectNode wp = writer.putObject("parameter");
            wp.put("username", ch.user());
            wp.put("password", ch.password());
            columns(wp.putArray("column"));
            wp.put("writeMode", "overwrite");
            ObjectNode wc = wp.putArray("connection").addObject();
            wc.put("jdbcUrl", ch.jdbcUrl(CH_DATABASE));
            wc.putArray("table").add("ods_orders");
            p.put("customConfig", 1);
            p.put("json", JSON.createObjectNode().set("job", job).toString());
        }
        p.putArray("localParams");
        return TaskDefinitionSpec.builder(INGEST, "LARK_INGEST").taskParams(p).timeoutMinutes(30)
                .description("MariaDB lark.orders -> ClickHouse " + ODS + " (2 channels, splitPk id)");
    }

    private static void columns(ArrayNode a) {
        for (String c : ORDER_COLUMNS.split(",")) {
            a.add(c);
        }
    }

    private TaskDefinitionSpec.Builder loadTask(int chDatasource) {
        ObjectNode p = JSON.createObjectNode();
        p.put("datasourceId", chDatasource);
        p.put("database", CH_DATABASE);
        p.put("table", "dws_orders_daily");
        p.put("mode", "overwrite_partitions");
        ArrayNode cols = p.putArray("columns");
        cols.addObject().put("name", "dt").put("type", "Date");
        cols.addObject().put("name", "orders").put("type", "UInt64");
        cols.addObject().put("name", "customers").put("type", "UInt64");
        cols.addObject().put("name", "quantity").put("type", "UInt64");
        cols.addObject().put("name", "revenue").put("type", "Decimal(38, 2)");
        p.put("partitionBy", "dt");
        p.put("orderBy", "dt");
        p.put("sourceType", "clickhouse");
        p.put("query", "SELECT toDate(created_at) AS dt, count() AS orders, uniqExact(customer_id) AS customers,"
                + " sum(quantity) AS quantity, sum(amount) AS revenue FROM " + ODS
                + " WHERE status != 'cancelled' GROUP BY dt ORDER BY dt");
        p.put("verifyChecksum", true);
        p.putArray("localParams");
        return TaskDefinitionSpec.builder(LOAD, "LARK_CLICKHOUSE_LOAD").taskParams(p).timeoutMinutes(30)
                .upstream(INGEST).description("daily totals of paid and refunded orders -> " + DWS);
    }

    private TaskDefinitionSpec.Builder cleanTask(Integer chDatasource, ClickHouseHttp ch, String bootstrap,
            String consumerGroup) throws IOException {
        ObjectNode p = JSON.createObjectNode();
        p.put("config", cleanConfig());
        p.put("sourceType", "KAFKA");
        p.put("kafkaBootstrapServers", bootstrap);
        p.put("sourceTopic", RAW_TOPIC);
        // committed offsets of a consumer group: a rerun cleans only what arrived since, so it never duplicates
        p.put("startOffsets", "committed");
        p.put("consumerGroup", consumerGroup);
        p.put("sinkType", "CLICKHOUSE");
        if (chDatasource != null) {
            p.put("clickhouseDatasource", chDatasource);
        } else {
            p.put("clickhouseUrl", ch.jdbcUrl(CH_DATABASE));
            p.put("clickhouseUser", ch.user());
            p.put("clickhousePassword", ch.password());
        }
        p.put("clickhouseTable", DWD);
        p.put("createTable", true);
        p.put("deadLetterType", "KAFKA");
        p.put("deadLetterTopic", DEAD_TOPIC);
        p.putArray("localParams");
        return TaskDefinitionSpec.builder(CLEAN, "LARK_CLEAN").taskParams(p).timeoutMinutes(30)
                .description("Kafka " + RAW_TOPIC + " access logs -> " + DWD + " + dead-letter " + DEAD_TOPIC);
    }

    /** The cleaning config (packaging/demo/clean-events.json, packaged into the CLI jar). */
    public static String cleanConfig() throws IOException {
        try (InputStream in = DemoPipeline.class.getResourceAsStream("/demo/clean-events.json")) {
            if (in == null) {
                throw new IOException("demo/clean-events.json is not on the classpath (rebuild packaging/lark-cli)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Set<String> registeredTaskTypes(Map<String, String> dsEndpoints) throws IOException {
        Set<String> out = new LinkedHashSet<>();
        String serverLog = dsEndpoints.get("serverLog");
        if (serverLog == null || !Files.exists(Path.of(serverLog))) {
            return out;
        }
        try (var lines = Files.lines(Path.of(serverLog), StandardCharsets.UTF_8)) {
            lines.filter(l -> l.contains("Registered task plugin")).forEach(l -> {
                Matcher m = REGISTERED.matcher(l);
                if (m.find()) {
                    out.add(m.group(1));
                }
            });
        }
        return out;
    }

    private static long countOrMinusOne(ClickHouseHttp ch, String table) {
        String[] parts = table.split("\\.");
        return ch.tableExists(parts[0], parts[1]) ? ch.count(table) : -1;
    }

    // ------------------------------------------------------------------ Atlas

    /**
     * Reads the upstream lineage of the demo's ClickHouse tables from Atlas, waiting (delivery is asynchronous) until
     * the chain of dws_orders_daily reaches the MariaDB table or {@code lineageWait} has passed.
     */
    private void readLineage() throws Exception {
        if (report.runs.isEmpty()) {
            report.lineageNote = "skipped: no workflow ran";
            return;
        }
        if (!healthy("atlas")) {
            report.lineageNote = "not available yet: the atlas component is not running (packaging/bin/lark-netns"
                    + " packaging/bin/lark sandbox up --with atlas)";
            return;
        }
        if (!lineageEmitted) {
            String off = lineageOffInDs();
            report.lineageNote = "the Lark tasks did not emit lineage (no 'lineage[...]' line in their logs)"
                    + (off == null ? "" : "; " + off);
            return;
        }
        AtlasLineage atlas = new AtlasLineage(sandbox.endpoints("atlas"));
        List<String> tables = new ArrayList<>();
        for (String t : List.of(DWS, ODS, DWD)) {
            String task = t.equals(DWS) ? LOAD : t.equals(ODS) ? INGEST : CLEAN;
            if (report.stageAvailable(task)) {
                tables.add(t);
            }
        }
        long deadline = System.nanoTime() + settings.lineageWait().toNanos();
        Map<String, List<List<AtlasLineage.Node>>> chains = new LinkedHashMap<>();
        log.accept("waiting up to " + settings.lineageWait().toSeconds() + " s for the lineage of " + tables
                + " in Atlas (the hook delivers asynchronously)");
        Map<String, String> previous = Map.of();
        while (true) {
            for (String t : tables) {
                try {
                    chains.put(t, atlas.upstreamChain(t + "@", this::ofThisWorkflow));
                } catch (IllegalStateException e) {
                    report.lineageNote = "Atlas query failed: " + e.getMessage();
                    return;
                }
            }
            Map<String, String> now = new LinkedHashMap<>();
            chains.forEach((t, c) -> now.put(t, AtlasLineage.render(c)));
            boolean arrived = chains.values().stream().allMatch(c -> c.size() >= 3);
            // done: the whole chain source -> ods -> dws is there, or every table has its own step and nothing
            // changed since the last look (a task that names its input differently never joins the chain)
            boolean complete = arrived && (!chains.containsKey(DWS) || chains.get(DWS).size() >= 5
                    || now.equals(previous));
            if (complete || System.nanoTime() > deadline) {
                break;
            }
            previous = now;
            Thread.sleep(3_000);
        }
        chains.forEach((t, chain) -> {
            if (!chain.isEmpty()) {
                report.lineages.put(t, AtlasLineage.render(chain));
                if (t.equals(DWS)) {
                    dwsGuid = chain.get(chain.size() - 1).get(0).guid();
                    report.lineage = AtlasLineage.render(chain);
                }
            }
        });
        if (report.lineages.isEmpty()) {
            report.lineageNote = "nothing in Atlas after " + settings.lineageWait().toSeconds() + " s for " + tables;
        } else if (chains.containsKey(DWS) && chains.get(DWS).size() < 5) {
            String first = chains.get(DWS).isEmpty() ? "" : AtlasLineage.render(chains.get(DWS).subList(0, 1));
            report.lineageNote = "the chain of " + DWS + " does not reach " + ODS + (first.contains("query:")
                    ? ": " + LOAD + " reports its input as the query (" + first + "), not the tables the query"
                    + " reads, so Atlas cannot join the two chains" : " (yet)");
        }
    }

    /** DS task processes are named ds.<project code>.<workflow code>.<task key>@<namespace>; the task key is a stand-in
     * derived from the task name while DS 3.1.1 does not tell the worker its task code (see docs/lineage.md). */
    private boolean ofThisWorkflow(AtlasLineage.Node process) {
        return workflowPrefix == null || process.qualifiedName().startsWith(workflowPrefix);
    }

    /** Why DS sends no lineage, from its server log (LarkLineage logs it when the first Lark task ends), or null. */
    private String lineageOffInDs() throws IOException {
        String serverLog = sandbox.endpoints("dolphinscheduler").get("serverLog");
        if (serverLog == null || !Files.exists(Path.of(serverLog))) {
            return null;
        }
        try (var lines = Files.lines(Path.of(serverLog), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Lark lineage is off")).reduce((a, b) -> b)
                    .map(l -> "the running DS has lineage off (" + l.substring(l.indexOf("Lark lineage is off"))
                            + "); a DS whose bundle reads lark-lineage.properties only once needs a restart:"
                            + " packaging/bin/lark-netns packaging/bin/lark sandbox down --with dolphinscheduler,"
                            + " then packaging/bin/lark-demo")
                    .orElse(null);
        }
    }

    private void lookAt() {
        List<String> l = report.lookAt;
        l.add("the servers listen on 127.0.0.1 inside the network namespace 'lark'; to open the UIs from this host:");
        l.add("  packaging/bin/lark-demo --expose        (socat forwards 12345 = DS and 21000 = Atlas to this host)");
        if (healthy("dolphinscheduler")) {
            String rest = sandbox.endpoints("dolphinscheduler").getOrDefault("restUrl",
                    "http://127.0.0.1:12345/dolphinscheduler");
            if (httpStatus(rest + "/ui/") == 200) {
                l.add("DS UI     " + rest + "/ui/  admin / dolphinscheduler123, project " + PROJECT);
            } else {
                l.add("DS UI     not served by this DS (its web UI is built from the DS source tree, see"
                        + " ui-extensions/); the REST API: " + rest + "/swagger-ui/index.html, admin /"
                        + " dolphinscheduler123, project " + PROJECT);
            }
        }
        l.add("Atlas UI  http://127.0.0.1:21000/index.html  admin / $(cat " + sandbox.context().runDir("atlas")
                .resolve("admin.password") + ")" + (dwsGuid == null ? "" : "  lineage: #!/detailPage/" + dwsGuid
                + "?tabActive=lineage"));
        l.add("ClickHouse: packaging/bin/lark-netns curl -s 'http://127.0.0.1:18123/?query=SELECT+*+FROM+" + DWS
                + "+ORDER+BY+dt+FORMAT+PrettyCompact'");
        l.add("stop everything: packaging/bin/lark-netns packaging/bin/lark sandbox down --with all");
    }

    // ------------------------------------------------------------------ helpers

    private static int httpStatus(String url) {
        try {
            java.net.http.HttpClient c = java.net.http.HttpClient.newBuilder()
                    .connectTimeout(java.time.Duration.ofSeconds(3)).build();
            return c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .timeout(java.time.Duration.ofSeconds(5)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private boolean healthy(String component) {
        try {
            return sandbox.component(component).healthy(sandbox.context());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void requireUp(String component) {
        if (!healthy(component)) {
            throw new IllegalStateException("the " + component + " component is not running: packaging/bin/lark-netns"
                    + " packaging/bin/lark sandbox up --with " + component);
        }
    }
}
