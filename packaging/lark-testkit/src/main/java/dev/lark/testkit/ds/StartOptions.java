package dev.lark.testkit.ds;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to start a workflow. With a schedule time the run is what DS calls a complement ("backfill") run for that
 * time: {@code ${system.biz.date}} and friends derive from it, so starting twice with the same time is a rerun of
 * the same schedule.
 */
public final class StartOptions {
    static final DateTimeFormatter DS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final LocalDateTime scheduleTime;
    private final Map<String, String> startParams;
    private final String failureStrategy;
    private final String workerGroup;

    private StartOptions(Builder b) {
        this.scheduleTime = b.scheduleTime;
        this.startParams = Map.copyOf(b.startParams);
        this.failureStrategy = b.failureStrategy;
        this.workerGroup = b.workerGroup;
    }

    public static StartOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Null for a plain manual run. */
    public LocalDateTime scheduleTime() {
        return scheduleTime;
    }

    public Map<String, String> startParams() {
        return startParams;
    }

    public String failureStrategy() {
        return failureStrategy;
    }

    public String workerGroup() {
        return workerGroup;
    }

    public static final class Builder {
        private LocalDateTime scheduleTime;
        private final Map<String, String> startParams = new LinkedHashMap<>();
        private String failureStrategy = "END";
        private String workerGroup = "default";

        public Builder scheduleTime(LocalDateTime time) {
            this.scheduleTime = time;
            return this;
        }

        /** Overrides a global parameter for this run only. */
        public Builder startParam(String name, String value) {
            startParams.put(TaskDefinitionSpec.requireText(name, "startParam"), value == null ? "" : value);
            return this;
        }

        /** {@code END} (default: stop the other branches when a task fails) or {@code CONTINUE}. */
        public Builder failureStrategy(String strategy) {
            this.failureStrategy = TaskDefinitionSpec.requireText(strategy, "failureStrategy");
            return this;
        }

        public Builder workerGroup(String group) {
            this.workerGroup = TaskDefinitionSpec.requireText(group, "workerGroup");
            return this;
        }

        public StartOptions build() {
            return new StartOptions(this);
        }
    }
}
