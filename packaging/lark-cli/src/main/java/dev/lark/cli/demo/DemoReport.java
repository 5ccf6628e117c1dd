package dev.lark.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one demo did: seeding, each workflow run (task states, durations, row counts), lineage, where to look. */
public final class DemoReport {
    /** A stage of the pipeline that ran, or was skipped and why. */
    public record Stage(String name, boolean available, String note) {
    }

    /**
     * One task instance of a run.
     *
     * @param seconds the task's own "duration" summary line, else DS's start/end (second resolution)
     * @param result the key numbers of the task's summary, e.g. "200,000 rows written, 0 dirty"
     */
    public record TaskResult(String name, String type, String state, double seconds, String result) {
    }

    /** One workflow run and the tables/topics after it. */
    public record Run(int instanceId, String state, List<TaskResult> tasks, Map<String, Long> counts,
            String failureDetail) {
        public boolean succeeded() {
            return "SUCCESS".equals(state);
        }
    }

    long ordersSeeded;
    double ordersSeconds;
    long eventsSeeded;
    long badEvents;
    double eventsSeconds;
    String scheduleTime = "";
    String workflow = "";
    final List<Stage> stages = new ArrayList<>();
    final List<Run> runs = new ArrayList<>();
    String lineage;
    final Map<String, String> lineages = new LinkedHashMap<>();
    String lineageNote;
    final List<String> lookAt = new ArrayList<>();

    public long ordersSeeded() {
        return ordersSeeded;
    }

    public long eventsSeeded() {
        return eventsSeeded;
    }

    public long badEvents() {
        return badEvents;
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    public List<Run> runs() {
        return List.copyOf(runs);
    }

    /** The Atlas lineage chain of dws_orders_daily ("a -> [task] -> b ..."), or null when not found. */
    public String lineage() {
        return lineage;
    }

    /** Upstream chains by table ({@code lark_demo.ods_orders} ...), as found in Atlas. */
    public Map<String, String> lineages() {
        return Map.copyOf(lineages);
    }

    public boolean stageAvailable(String name) {
        return stages.stream().anyMatch(s -> s.name().equals(name) && s.available());
    }

    /** True when every run that happened succeeded and every run left the same counts. */
    public boolean ok() {
        if (runs.isEmpty()) {
            return true;
        }
        return runs.stream().allMatch(Run::succeeded) && runs.stream().map(Run::counts).distinct().count() == 1;
    }

    /** The one-screen summary. */
    public String render() {
        StringBuilder b = new StringBuilder();
        String rule = "-".repeat(100) + "\n";
        b.append(rule).append("Lark demo: sample pipeline on the embedded stack   (schedule time ").append(scheduleTime)
                .append(")\n").append(rule);
        b.append(String.format(Locale.ROOT, "seeded   MariaDB lark.%s          %,10d rows    %6.1f s%n",
                DemoPipeline.ORDERS_TABLE, ordersSeeded, ordersSeconds));
        b.append(String.format(Locale.ROOT, "         Kafka %-22s %,10d events  %6.1f s  (%d broken on purpose)%n",
                DemoPipeline.RAW_TOPIC, eventsSeeded, eventsSeconds, badEvents));
        for (Stage s : stages) {
            b.append(String.format(Locale.ROOT, "%-8s %-22s %s%n", s.available() ? "stage" : "SKIPPED", s.name(),
                    s.available() ? s.note() : "not available yet: " + s.note()));
        }
        if (!runs.isEmpty()) {
            b.append(rule).append("DS workflow ").append(workflow).append('\n');
            b.append(String.format(Locale.ROOT, "%-20s %-22s", "task", "type"));
            for (int i = 0; i < runs.size(); i++) {
                b.append(String.format(Locale.ROOT, " | %-19s", "run " + (i + 1) + " (instance " + runs.get(i)
                        .instanceId() + ")"));
            }
            b.append('\n');
            for (TaskResult t : runs.get(0).tasks()) {
                b.append(String.format(Locale.ROOT, "%-20s %-22s", t.name(), t.type()));
                for (Run r : runs) {
                    TaskResult x = r.tasks().stream().filter(y -> y.name().equals(t.name())).findFirst().orElse(null);
                    b.append(x == null ? String.format(Locale.ROOT, " | %-19s", "-")
                            : String.format(Locale.ROOT, " | %-10s %6.1f s ", x.state(), x.seconds()));
                }
                TaskResult lastRun = runs.get(runs.size() - 1).tasks().stream()
                        .filter(y -> y.name().equals(t.name())).findFirst().orElse(t);
                b.append('\n');
                if (!t.result().isEmpty()) {
                    b.append(String.format(Locale.ROOT, "%-20s %s%n", "", runs.size() > 1 && !lastRun.result()
                            .equals(t.result()) ? "run 1: " + t.result() + "; last run: " + lastRun.result()
                            : t.result()));
                }
            }
            b.append(String.format(Locale.ROOT, "%-43s", "workflow state"));
            for (Run r : runs) {
                b.append(String.format(Locale.ROOT, " | %-19s", r.state()));
            }
            b.append('\n').append(rule);
            b.append(String.format(Locale.ROOT, "%-43s", "rows after each run"));
            for (int i = 0; i < runs.size(); i++) {
                b.append(String.format(Locale.ROOT, " | %-19s", "run " + (i + 1)));
            }
            b.append('\n');
            Map<String, Long> first = runs.get(0).counts();
            for (String k : first.keySet()) {
                b.append(String.format(Locale.ROOT, "%-43s", k));
                for (Run r : runs) {
                    Long v = r.counts().get(k);
                    b.append(String.format(Locale.ROOT, " | %,19d", v == null ? -1 : v));
                }
                boolean same = runs.stream().allMatch(r -> java.util.Objects.equals(r.counts().get(k), first.get(k)));
                b.append(runs.size() > 1 ? (same ? "  same" : "  DIFFERENT") : "").append('\n');
            }
            if (runs.size() > 1) {
                b.append(runs.stream().map(Run::counts).distinct().count() == 1
                        ? "rerun of the same schedule time: identical row counts (idempotent)\n"
                        : "rerun of the same schedule time: row counts DIFFER\n");
            }
            for (Run r : runs) {
                if (r.failureDetail() != null) {
                    b.append("run #").append(r.instanceId()).append(" did not succeed:\n").append(r.failureDetail())
                            .append('\n');
                }
            }
        }
        b.append(rule);
        if (!lineages.isEmpty()) {
            b.append("Atlas lineage (upstream, read back through /api/atlas/v2/lineage):\n");
            lineages.forEach((t, chain) -> b.append("  ").append(chain).append('\n'));
        }
        if (lineageNote != null) {
            b.append("Atlas lineage: ").append(lineageNote).append('\n');
        }
        if (!lookAt.isEmpty()) {
            b.append(rule).append("look at it:\n");
            lookAt.forEach(l -> b.append("  ").append(l).append('\n'));
        }
        b.append(rule);
        return b.toString();
    }
}
