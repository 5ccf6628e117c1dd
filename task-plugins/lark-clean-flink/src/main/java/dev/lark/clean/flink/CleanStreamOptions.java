package dev.lark.clean.flink;

import dev.lark.clean.CleanConfig;
import dev.lark.clean.CleanPlan;
import dev.lark.clean.ConfigProblem;
import dev.lark.engine.common.ConfigException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The stream job's arguments ({@code --name value}), validated before the job graph is built: every problem names
 * the option and the fix. The cleaning config travels inside the job graph as text, so the TaskManagers need no
 * access to the file it came from.
 */
public final class CleanStreamOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the job starts reading when its consumer group has no committed offsets (or always, for EARLIEST/LATEST). */
    public enum StartingOffsets { EARLIEST, COMMITTED, LATEST }

    /** The Kafka sinks' guarantee; EXACTLY_ONCE writes in Kafka transactions committed on checkpoints. */
    public enum Delivery { AT_LEAST_ONCE, EXACTLY_ONCE }

    static final List<String> OPTIONS = Arrays.asList("config", "config-file", "bootstrap-servers", "source-topic", "group-id",
            "starting-offsets", "sink-topic", "dead-letter-topic", "delivery", "checkpoint-interval-ms", "job-name");

    private final String configText;
    private final String bootstrapServers;
    private final String sourceTopic;
    private final String groupId;
    private final StartingOffsets startingOffsets;
    private final String sinkTopic;
    private final String deadLetterTopic;
    private final Delivery delivery;
    private final long checkpointIntervalMs;
    private final String jobName;

    private CleanStreamOptions(Map<String, String> o) {
        String inline = o.get("config");
        String file = o.get("config-file");
        if ((inline == null) == (file == null)) {
            throw ConfigException.missing("--config-file", "give the cleaning config as --config-file <path> (or inline as --config <text>), one of the two");
        }
        if (file != null) {
            try {
                this.configText = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ConfigException.invalid("--config-file", file, "cannot read it on the submitting machine: " + e.getMessage());
            }
        } else {
            this.configText = inline;
        }
        CleanPlan.validate(parse(configText)).stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).findFirst()
                .ifPresent(p -> {
                    throw ConfigException.invalid(file != null ? "--config-file" : "--config", file != null ? file : "<cleaning config>", p.toString());
                });
        this.bootstrapServers = require(o, "bootstrap-servers", "host:9092");
        this.sourceTopic = require(o, "source-topic", "the topic of raw records");
        this.sinkTopic = require(o, "sink-topic", "the topic for cleaned records (JSON)");
        this.deadLetterTopic = require(o, "dead-letter-topic", "the topic for failed records with their reasons");
        this.groupId = o.getOrDefault("group-id", "lark-clean-" + sourceTopic);
        this.startingOffsets = parse(o, "starting-offsets", StartingOffsets.COMMITTED, StartingOffsets.class);
        this.delivery = parse(o, "delivery", Delivery.AT_LEAST_ONCE, Delivery.class);
        String interval = o.getOrDefault("checkpoint-interval-ms", "5000");
        try {
            this.checkpointIntervalMs = Long.parseLong(interval);
        } catch (NumberFormatException e) {
            throw ConfigException.invalid("--checkpoint-interval-ms", interval, "use milliseconds, e.g. 5000");
        }
        if (checkpointIntervalMs < 100) {
            throw ConfigException.invalid("--checkpoint-interval-ms", interval, "use at least 100 ms (checkpoints commit offsets and outputs)");
        }
        this.jobName = o.getOrDefault("job-name", "lark-clean " + parse(configText).name() + ": " + sourceTopic + " -> " + sinkTopic);
    }

    /** Parses {@code --name value} pairs; unknown names are errors (with the list of known ones). */
    public static CleanStreamOptions fromArgs(String... args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw ConfigException.invalid("argument " + (i + 1), a, "options look like --name value");
            }
            String name = a.substring(2);
            if (!OPTIONS.contains(name)) {
                throw ConfigException.unknown("--" + name, a, OPTIONS.stream().map(n -> "--" + n).collect(Collectors.toList()));
            }
            if (i + 1 >= args.length) {
                throw ConfigException.missing(a, "give it a value");
            }
            m.put(name, args[++i]);
        }
        return new CleanStreamOptions(m);
    }

    private static CleanConfig parse(String text) {
        try {
            return CleanConfig.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.invalid("--config", "<cleaning config>", e.getMessage());
        }
    }

    private static String require(Map<String, String> o, String name, String example) {
        String v = o.get(name);
        if (v == null || v.trim().isEmpty()) {
            throw ConfigException.missing("--" + name, "e.g. " + example);
        }
        return v.trim();
    }

    private static <E extends Enum<E>> E parse(Map<String, String> o, String name, E dflt, Class<E> type) {
        String v = o.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ConfigException.unknown("--" + name, v, Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(Collectors.toList()));
        }
    }

    public String configText() { return configText; }
    public String bootstrapServers() { return bootstrapServers; }
    public String sourceTopic() { return sourceTopic; }
    public String groupId() { return groupId; }
    public StartingOffsets startingOffsets() { return startingOffsets; }
    public String sinkTopic() { return sinkTopic; }
    public String deadLetterTopic() { return deadLetterTopic; }
    public Delivery delivery() { return delivery; }
    public long checkpointIntervalMs() { return checkpointIntervalMs; }
    public String jobName() { return jobName; }
}
