package dev.lark.ingest.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.engine.common.ConfigException;
import dev.lark.ingest.transform.Transformers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A DataX job: {@code {"job":{"setting":{...},"content":[{"reader":{...},"writer":{...}}]}}}, validated at the
 * boundary ({@code content[].transformer} included, see {@link Transformers}). Lark extensions live beside DataX's own keys ({@code setting.errorLimit.deadLetter},
 * {@code setting.jobKey}, {@code setting.runKey}); DataX's {@code core} section is accepted and ignored.
 */
public final class JobSpec {
    static final Set<String> JOB_KEYS = Set.of("setting", "content");
    static final Set<String> SETTING_KEYS = Set.of("speed", "errorLimit", "jobKey", "runKey", "progressSeconds");
    static final Set<String> SPEED_KEYS = Set.of("channel", "byte", "record", "batchSize");
    static final Set<String> ERROR_LIMIT_KEYS = Set.of("record", "percentage", "deadLetter");

    private final int channel;
    private final long byteLimit;
    private final long recordLimit;
    private final int batchSize;
    private final long errorRecordLimit;
    private final double errorPercentageLimit;
    private final Params deadLetter;
    private final String jobKey;
    private final String runKey;
    private final int progressSeconds;
    private final List<Content> content;

    private JobSpec(int channel, long byteLimit, long recordLimit, int batchSize, long errorRecordLimit,
            double errorPercentageLimit, Params deadLetter, String jobKey, String runKey, int progressSeconds,
            List<Content> content) {
        this.channel = channel;
        this.byteLimit = byteLimit;
        this.recordLimit = recordLimit;
        this.batchSize = batchSize;
        this.errorRecordLimit = errorRecordLimit;
        this.errorPercentageLimit = errorPercentageLimit;
        this.deadLetter = deadLetter;
        this.jobKey = jobKey;
        this.runKey = runKey;
        this.progressSeconds = progressSeconds;
        this.content = Collections.unmodifiableList(content);
    }

    /** Parses and validates the structure (plugin names and parameters are validated by the plugins). */
    public static JobSpec from(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw ConfigException.invalid("(root)", root == null ? null : root.getNodeType(),
                    "a DataX job is a JSON object {\"job\": {...}}");
        }
        JsonNode job = root.has("job") ? root.get("job") : null;
        if (job == null || !job.isObject()) {
            throw ConfigException.missing("job", "a DataX job is {\"job\":{\"setting\":{...},\"content\":[...]}}");
        }
        Params jobP = new Params("job", job);
        jobP.checkKnown(JOB_KEYS);
        Params setting = jobP.object("setting");
        setting.checkKnown(SETTING_KEYS);
        Params speed = setting.object("speed");
        speed.checkKnown(SPEED_KEYS);
        Params errorLimit = setting.object("errorLimit");
        errorLimit.checkKnown(ERROR_LIMIT_KEYS);

        int channel = speed.positiveInt("channel", 1);
        long byteLimit = speed.longValue("byte", -1);
        long recordLimit = speed.longValue("record", -1);
        int batchSize = speed.positiveInt("batchSize", 1024);
        long errRecords = errorLimit.longValue("record", -1);
        double errPct = errorLimit.doubleValue("percentage", -1);
        if (errPct > 1) {
            throw ConfigException.invalid("job.setting.errorLimit.percentage", errPct,
                    "give a fraction between 0 and 1 (0.02 = 2%)");
        }
        Params deadLetter = errorLimit.has("deadLetter") ? errorLimit.object("deadLetter") : null;

        JsonNode contentNode = job.get("content");
        if (contentNode == null || !contentNode.isArray() || contentNode.size() == 0) {
            throw ConfigException.missing("job.content", "give at least one {\"reader\":{...},\"writer\":{...}}");
        }
        List<Content> contents = new ArrayList<>();
        for (int i = 0; i < contentNode.size(); i++) {
            String p = "job.content[" + i + "]";
            Params c = new Params(p, contentNode.get(i));
            c.checkKnown(Set.of("reader", "writer", "transformer"));
            contents.add(new Content(plugin(c, "reader"), plugin(c, "writer"), Transformers.parse(
                    contentNode.get(i).get("transformer"), p + ".transformer")));
        }
        return new JobSpec(channel, byteLimit, recordLimit, batchSize, errRecords, errPct, deadLetter,
                setting.string("jobKey", null), setting.string("runKey", null), setting.positiveInt(
                        "progressSeconds", 5), contents);
    }

    private static Plugin plugin(Params c, String role) {
        Params p = c.object(role);
        if (!c.has(role)) {
            throw ConfigException.missing(c.path(role), "give {\"name\":\"...\",\"parameter\":{...}}");
        }
        p.checkKnown(Set.of("name", "parameter"));
        String name = p.requireString("name", "name the " + role + " plugin, e.g. mysql" + role);
        return new Plugin(role, name, p.object("parameter"));
    }

    public int channel() {
        return channel;
    }

    public long byteLimit() {
        return byteLimit;
    }

    public long recordLimit() {
        return recordLimit;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Max dirty records, or -1 for no limit. */
    public long errorRecordLimit() {
        return errorRecordLimit;
    }

    /** Max dirty fraction (0..1), or -1 for no limit. */
    public double errorPercentageLimit() {
        return errorPercentageLimit;
    }

    public Params deadLetter() {
        return deadLetter;
    }

    public String jobKey() {
        return jobKey;
    }

    public String runKey() {
        return runKey;
    }

    public int progressSeconds() {
        return progressSeconds;
    }

    public List<Content> content() {
        return content;
    }

    /** One reader/writer pair. */
    public static final class Content {
        private final Plugin reader;
        private final Plugin writer;
        private final Transformers transformers;

        Content(Plugin reader, Plugin writer, Transformers transformers) {
            this.reader = reader;
            this.writer = writer;
            this.transformers = transformers;
        }

        /** DataX {@code transformer} steps applied between reader and writer (none when absent). */
        public Transformers transformers() {
            return transformers;
        }

        public Plugin reader() {
            return reader;
        }

        public Plugin writer() {
            return writer;
        }
    }

    /** A named plugin with its parameter object. */
    public static final class Plugin {
        private final String role;
        private final String name;
        private final Params parameter;

        Plugin(String role, String name, Params parameter) {
            this.role = role;
            this.name = name;
            this.parameter = parameter;
        }

        public String role() {
            return role;
        }

        public String name() {
            return name;
        }

        public Params parameter() {
            return parameter;
        }
    }
}
