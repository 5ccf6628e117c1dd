package dev.lark.sandbox.ds;

import dev.lark.sandbox.SandboxContext;
import dev.lark.sandbox.SandboxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration directory of one sandbox DS run, assembled in {@code <run>/conf} from DS's own data files.
 *
 * <p>Two source layouts are understood:
 * <ul>
 *   <li>the source-tree layout of {@code ../shared/dolphinscheduler-3.1.1/} ({@code standalone/*.yaml|xml},
 *       {@code common/*}, {@code sql/});
 *   <li>a DS 3.1.x binary distribution in {@code DS_HOME} ({@code standalone-server/conf/} holding everything,
 *       {@code sql/} included).
 * </ul>
 * {@code common.properties} is rewritten for a sandbox: no sudo (tasks run as the current user), data under the run
 * directory, development state (keeps task working directories for inspection).
 */
final class DolphinSchedulerConf {
    private final Path confDir;
    private final Path dataFilesDir;

    private DolphinSchedulerConf(Path confDir, Path dataFilesDir) {
        this.confDir = confDir;
        this.dataFilesDir = dataFilesDir;
    }

    /** Goes first on the classpath: application.yaml, logback-spring.xml, common.properties, ... */
    Path confDir() {
        return confDir;
    }

    /** Holds {@code sql/} so that {@code classpath:sql/dolphinscheduler_h2.sql} resolves. */
    Path dataFilesDir() {
        return dataFilesDir;
    }

    /** Where DS's data files come from: {@code DS_HOME} (env or {@code -Dds.home}) when set, else the shared dir. */
    static Path source(SandboxContext ctx) {
        String dsHome = System.getenv("DS_HOME");
        if (dsHome == null || dsHome.isBlank()) {
            dsHome = System.getProperty("ds.home");
        }
        if (dsHome != null && !dsHome.isBlank()) {
            return Path.of(dsHome).toAbsolutePath().normalize();
        }
        return ctx.sharedDir().resolve(DolphinSchedulerComponent.STACK);
    }

    static DolphinSchedulerConf assemble(SandboxContext ctx, Path runDir) throws IOException {
        Path source = source(ctx);
        List<Path> files = new ArrayList<>();
        Path dataFiles;
        if (Files.isRegularFile(source.resolve("standalone/application.yaml"))) {
            files.addAll(regularFiles(source.resolve("standalone")));
            files.addAll(regularFiles(source.resolve("common")));
            dataFiles = source;
        } else if (Files.isRegularFile(source.resolve("standalone-server/conf/application.yaml"))) {
            dataFiles = source.resolve("standalone-server/conf");
            files.addAll(regularFiles(dataFiles));
        } else {
            throw new SandboxException(DolphinSchedulerComponent.NAME, "no DolphinScheduler data files in " + source
                    + " (expected standalone/application.yaml, or standalone-server/conf/application.yaml of a DS"
                    + " 3.1.x distribution); set DS_HOME or LARK_SHARED", null);
        }
        if (!Files.isRegularFile(dataFiles.resolve("sql/dolphinscheduler_h2.sql"))) {
            throw new SandboxException(DolphinSchedulerComponent.NAME, "missing " + dataFiles.resolve(
                    "sql/dolphinscheduler_h2.sql") + " (the H2 schema the standalone server loads)", null);
        }

        Path conf = runDir.resolve("conf");
        deleteTree(conf);
        Files.createDirectories(conf);
        for (Path f : files) {
            Files.copy(f, conf.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path common = conf.resolve("common.properties");
        if (!Files.exists(common)) {
            throw new SandboxException(DolphinSchedulerComponent.NAME, "no common.properties in " + source, null);
        }
        Path data = Files.createDirectories(runDir.resolve("data"));
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("data.basedir.path", data.toString());
        overrides.put("sudo.enable", "false");
        overrides.put("development.state", "true");
        overrides.put("resource.storage.type", "NONE");
        Files.write(common, override(Files.readAllLines(common, StandardCharsets.UTF_8), overrides),
                StandardCharsets.UTF_8);
        Path logback = conf.resolve("logback-spring.xml");
        if (Files.exists(logback)) {
            Files.writeString(logback, serverLogWithoutRollover(Files.readString(logback, StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8);
        }

        // a fresh server log per start, so health checks and tests never read a previous run's lines
        Path logs = runDir.resolve("logs");
        Path previous = runDir.resolve("logs.previous");
        if (Files.exists(logs)) {
            deleteTree(previous);
            Files.move(logs, previous);
        }
        Files.createDirectories(logs);
        return new DolphinSchedulerConf(conf, dataFiles);
    }

    /**
     * DS rolls its server log every hour ({@code %d{yyyy-MM-dd_HH}}): past the hour the file no longer holds the
     * start-up lines ("Registered task plugin: ..."), which the health check, the ITs and {@code lark demo} read.
     * The sandbox starts a fresh log at each start anyway, so its server log is one plain file for the whole run.
     */
    static String serverLogWithoutRollover(String logbackXml) {
        return java.util.regex.Pattern.compile("(<appender name=\"STANDALONELOGFILE\" class=\")"
                        + "ch\\.qos\\.logback\\.core\\.rolling\\.RollingFileAppender"
                        + "(\">(?:(?!</appender>).)*?)\\s*<rollingPolicy\\b.*?</rollingPolicy>",
                        java.util.regex.Pattern.DOTALL)
                .matcher(logbackXml).replaceFirst("$1ch.qos.logback.core.FileAppender$2");
    }

    /** Replaces {@code key=value} lines in place and appends the keys that were absent. */
    static List<String> override(List<String> lines, Map<String, String> values) {
        Map<String, String> left = new LinkedHashMap<>(values);
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String t = line.trim();
            int eq = t.indexOf('=');
            String key = eq > 0 && !t.startsWith("#") ? t.substring(0, eq).trim() : null;
            if (key != null && values.containsKey(key)) {
                out.add(key + "=" + values.get(key));
                left.remove(key);
            } else {
                out.add(line);
            }
        }
        left.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    private static List<Path> regularFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }
}
