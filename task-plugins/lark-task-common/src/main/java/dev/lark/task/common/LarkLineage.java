package dev.lark.task.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.engine.common.LineageReport;
import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.model.ColumnRef;
import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.EventType;
import dev.lark.lineage.model.Job;
import dev.lark.lineage.model.Run;
import dev.lark.lineage.model.RunEvent;
import dev.lark.lineage.model.RunState;
import dev.lark.lineage.naming.Datasets;
import java.net.InetAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.dolphinscheduler.plugin.task.api.TaskExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a task's {@link LineageReport} plus DS's {@link TaskExecutionContext} into a {@link RunEvent} and hands it
 * to the worker-wide {@link LineageHook} (which only journals; delivery to Atlas is in the background).
 *
 * <p>Configuration, first found wins: {@code $LARK_LINEAGE_CONFIG}, {@code $DOLPHINSCHEDULER_HOME/conf/}
 * {@code lark-lineage.properties}, {@code lark-lineage.properties} on the classpath; {@code LARK_LINEAGE_*}
 * environment variables override. With no {@code lark.lineage.atlas.url} and no explicit sink, lineage is off.
 * The file is read again at the next task whenever it changes, so no worker restart is needed.
 * ClickHouse/JDBC servers are named by alias: {@code lark.lineage.alias.<host:port>=<alias>}; without one the alias
 * is derived from host and port (replicas then appear as separate datasets, so set aliases in production).
 */
final class LarkLineage {
    private static final Logger LOG = LoggerFactory.getLogger(LarkLineage.class);
    static final String ALIAS_PREFIX = "lark.lineage.alias.";
    private static volatile Settings settings;

    private LarkLineage() {
    }

    /**
     * Loaded once per worker JVM and looked up again when its file changes (other mtime or size), so pointing a
     * running worker at another Atlas or journal needs no restart, and a worker that ran Lark tasks before the file
     * existed picks it up at the next task.
     */
    static final class Settings {
        final LineageHook hook;
        final Map<String, String> properties;
        final String namespace;
        /** Off only because nothing was configured: looked up again at the next emit (no worker restart needed). */
        final boolean unconfigured;
        /** The configuration file as last read (path, mtime, size); null when it is not a file. */
        final String source;

        Settings(LineageHook hook, Map<String, String> properties) {
            this(hook, properties, false, null);
        }

        Settings(LineageHook hook, Map<String, String> properties, boolean unconfigured, String source) {
            this.hook = hook;
            this.properties = properties;
            this.namespace = properties.getOrDefault("lark.lineage.atlas.namespace", "primary");
            this.unconfigured = unconfigured;
            this.source = source;
        }
    }

    static Settings settings() {
        Settings s = settings;
        String source = sourceStamp(configSource());
        if (s == null || s.unconfigured || !Objects.equals(source, s.source)) {
            synchronized (LarkLineage.class) {
                if (settings == null || settings.unconfigured || !Objects.equals(source, settings.source)) {
                    Settings previous = settings;
                    settings = load(previous == null, source);
                    if (previous != null && !previous.unconfigured && settings.source != null) {
                        LOG.info("Lark lineage configuration changed, reloaded from {}", settings.source);
                    }
                }
                s = settings;
            }
        }
        return s;
    }

    private static Settings load(boolean first, String source) {
        try {
            Properties p = new Properties();
            Path file = configFile();
            if (file != null) {
                try (var in = Files.newInputStream(file)) {
                    p.load(in);
                }
            } else {
                try (var in = LarkLineage.class.getClassLoader().getResourceAsStream("lark-lineage.properties")) {
                    if (in != null) {
                        p.load(in);
                    }
                }
            }
            if (!p.containsKey(LineageConfig.JOURNAL_DIR) && System.getenv("LARK_LINEAGE_JOURNAL_DIR") == null) {
                // default: under DS's own data basedir (common.properties data.basedir.path), like task work dirs
                p.setProperty(LineageConfig.JOURNAL_DIR, Paths.get(org.apache.dolphinscheduler.common.utils.PropertyUtils
                        .getString("data.basedir.path", "/tmp/dolphinscheduler"), "lark", "lineage").toString());
            }
            LineageConfig config = LineageConfig.fromProperties(p, System.getenv());
            boolean configured = config.properties().containsKey("lark.lineage.atlas.url")
                    || config.properties().containsKey(LineageConfig.SINK);
            if (!config.enabled()) {
                LOG.info("Lark lineage is off (lark.lineage.enabled=false)");
                return new Settings(LineageHook.disabled(), config.properties(), false, source);
            }
            if (!configured) {
                if (first) {
                    LOG.info("Lark lineage is off (no lark.lineage.atlas.url in {} or LARK_LINEAGE_ATLAS_URL)",
                            file == null ? "lark-lineage.properties" : file);
                }
                return new Settings(LineageHook.disabled(), config.properties(), true, source);
            }
            return new Settings(LineageHooks.shared(config), config.properties(), false, source);
        } catch (Exception | LinkageError e) {
            LOG.error("Lark lineage is off, its configuration could not be loaded: {}", e.toString());
            // keeps the source: a corrected file (new mtime) is read again at the next task
            return new Settings(LineageHook.disabled(), Map.of(), false, source);
        }
    }

    /** The file the configuration comes from: {@link #configFile()}, else the classpath resource if it is a file. */
    static Path configSource() {
        Path file = configFile();
        if (file != null) {
            return file;
        }
        try {
            URL url = LarkLineage.class.getClassLoader().getResource("lark-lineage.properties");
            return url != null && "file".equals(url.getProtocol()) ? Paths.get(url.toURI()) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Path, mtime and size of {@code file}, or null: what tells a changed configuration from the one loaded. */
    static String sourceStamp(Path file) {
        if (file == null) {
            return null;
        }
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return file + " (modified " + a.lastModifiedTime() + ", " + a.size() + " bytes)";
        } catch (Exception e) {
            return file + " (unreadable)";
        }
    }

    private static Path configFile() {
        String explicit = System.getenv("LARK_LINEAGE_CONFIG");
        if (explicit != null && !explicit.isEmpty()) {
            return Paths.get(explicit);
        }
        String home = System.getenv("DOLPHINSCHEDULER_HOME");
        if (home != null) {
            Path p = Paths.get(home, "conf", "lark-lineage.properties");
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Emits the run's lineage; returns the metrics line for the task log, or null when lineage is off. */
    static String emit(TaskExecutionContext request, LineageReport report) {
        Settings s = settings();
        if (s.hook == LineageHook.disabled()) {
            return null;
        }
        RunEvent event = toEvent(request, report, s.properties, s.namespace);
        if (event == null) {
            return null;
        }
        s.hook.emit(event);
        return s.hook.metrics().toString();
    }

    static RunEvent toEvent(TaskExecutionContext r, LineageReport report, Map<String, String> props, String ns) {
        Map<String, Dataset> byKey = new LinkedHashMap<>();
        List<Dataset> inputs = new ArrayList<>();
        List<Dataset> outputs = new ArrayList<>();
        for (LineageReport.Dataset d : report.inputs()) {
            inputs.addAll(datasets(d, props, ns, byKey));
        }
        for (LineageReport.Dataset d : report.outputs()) {
            outputs.addAll(datasets(d, props, ns, byKey));
        }
        if (inputs.isEmpty() && outputs.isEmpty()) {
            return null;
        }
        List<ColumnLineage> columns = new ArrayList<>();
        for (LineageReport.ColumnMapping m : report.columns()) {
            Dataset src = byKey.get(key(m.source()));
            Dataset dst = byKey.get(key(m.target()));
            if (src == null || dst == null || m.sourceColumns().isEmpty() || m.targetColumn() == null) {
                continue;
            }
            List<ColumnRef> in = new ArrayList<>();
            m.sourceColumns().forEach(c -> in.add(ColumnRef.of(src, c)));
            String t = m.transform();
            columns.add(new ColumnLineage(ColumnRef.of(dst, m.targetColumn()), in,
                    t == null || "copy".equalsIgnoreCase(t) ? ColumnLineage.IDENTITY : t));
        }
        JsonNode taskJson = taskJson(r);
        long taskCode = taskJson.path("taskCode").asLong(0);
        if (taskCode <= 0) {
            taskCode = standInTaskCode(r.getProcessDefineCode(), r.getTaskName());
        }
        Run.Builder run = Run.builder().taskInstanceId(r.getTaskInstanceId())
                .workflowInstanceId(r.getProcessInstanceId()).state(RunState.SUCCESS)
                .startTime(instant(r.getStartTime(), Instant.now())).endTime(Instant.now())
                .scheduleTime(instant(r.getScheduleTime(), null));
        if (r.getAppIds() != null && !r.getAppIds().isEmpty()) {
            run.externalId("appIds", r.getAppIds());
        }
        return RunEvent.builder().eventType(EventType.COMPLETE)
                .job(Job.builder().projectCode(r.getProjectCode())
                        .workflowCode(r.getProcessDefineCode() == null ? 0 : r.getProcessDefineCode())
                        .workflowVersion(r.getProcessDefineVersion())
                        .workflowName(text(taskJson, "processInstanceName"))
                        .taskCode(taskCode).taskVersion(taskJson.path("taskDefinitionVersion").asInt(1))
                        .taskName(r.getTaskName()).taskType(r.getTaskType()).build())
                .run(run.build()).inputs(inputs).outputs(outputs).columnLineage(columns).build();
    }

    /**
     * DS 3.1.1 does not give the worker the task definition code (TaskExecutionContext has no field for it and
     * leaves taskJson empty), so a stable stand-in is derived from the workflow code and the task name: the same task
     * keeps its Atlas process across runs and versions; renaming the task starts a new one.
     */
    static long standInTaskCode(Long workflowCode, String taskName) {
        java.util.UUID u = java.util.UUID.nameUUIDFromBytes(("ds-task:" + workflowCode + ":" + taskName)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        long code = u.getMostSignificantBits() & Long.MAX_VALUE;
        return code == 0 ? 1 : code;
    }

    /** One report dataset as lineage datasets (a comma-joined file list becomes several). */
    static List<Dataset> datasets(LineageReport.Dataset d, Map<String, String> props, String ns,
            Map<String, Dataset> byKey) {
        List<Dataset> out = new ArrayList<>();
        String system = d.system().toLowerCase(Locale.ROOT);
        try {
            switch (system) {
                case "stream":
                    return out; // generated/stdout test data: no lineage
                case "kafka":
                    out.add(Datasets.kafkaTopic(props.getOrDefault("lark.lineage.kafka.namespace", ns), d.name()).build());
                    break;
                case "file":
                    for (String path : d.name().split(",")) {
                        if (!path.trim().isEmpty()) {
                            out.add(Datasets.file(ns, host(), Paths.get(path.trim()).toAbsolutePath().toString()).build());
                        }
                    }
                    break;
                case "hdfs":
                    out.add(Datasets.hdfsPath(ns, d.name()).build());
                    break;
                case "hive": {
                    String[] p = d.name().split("\\.", 2);
                    out.add(Datasets.hiveTable(props.getOrDefault("lark.lineage.hive.namespace", ns),
                            p.length == 2 ? p[0] : "default", p[p.length - 1]).build());
                    break;
                }
                default: {
                    String alias = alias(d.location(), props);
                    String[] p = d.name().split("\\.");
                    String db = p.length >= 2 ? p[0] : "default";
                    String schema = p.length >= 3 ? p[1] : null;
                    String table = p[p.length - 1];
                    out.add("clickhouse".equals(system) ? Datasets.clickhouseTable(alias, db, table).build()
                            : Datasets.jdbcTable(system, alias, db, schema, table).build());
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("lineage: dataset {} skipped: {}", d, e.getMessage());
            return out;
        }
        if (out.size() == 1) {
            byKey.put(key(d), out.get(0));
        }
        return out;
    }

    static String alias(String location, Map<String, String> props) {
        String configured = props.get(ALIAS_PREFIX + location);
        if (configured != null) {
            return configured;
        }
        String derived = location.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        return derived.isEmpty() ? "unknown" : derived;
    }

    private static String key(LineageReport.Dataset d) {
        return d.system() + "|" + d.location() + "|" + d.name();
    }

    private static JsonNode taskJson(TaskExecutionContext r) {
        try {
            String json = r.getTaskJson();
            return json == null ? LarkJson.MAPPER.createObjectNode() : LarkJson.MAPPER.readTree(json);
        } catch (Exception e) {
            return LarkJson.MAPPER.createObjectNode();
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(Date d, Instant dflt) {
        return d == null ? dflt : d.toInstant();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
