package dev.lark.clean;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A validated, compiled cleaning config. Immutable and shared: create one {@link CleanSession} per record stream
 * (thread); sessions share the plan's compiled patterns and conditions, never mutable state.
 */
public final class CleanPlan {
    private final String name;
    private final OutputSchema schema;
    private final ErrorBudget budget;
    private final Step[] roots;
    private final List<Step> steps;
    private final List<ConfigProblem> warnings;

    private CleanPlan(String name, PlanCompiler c) {
        this.name = name;
        this.schema = c.schema;
        this.budget = c.budget;
        this.roots = c.roots;
        this.steps = Collections.unmodifiableList(new ArrayList<>(c.all));
        this.warnings = List.copyOf(c.problems.list);
    }

    /** Every problem (errors and warnings) of a config; empty means it compiles cleanly. */
    public static List<ConfigProblem> validate(CleanConfig config) {
        PlanCompiler c = new PlanCompiler();
        c.compile(config.toJson());
        return List.copyOf(c.problems.list);
    }

    /** @throws InvalidConfigException listing every error, each with the step label and a fix */
    public static CleanPlan compile(CleanConfig config) {
        PlanCompiler c = new PlanCompiler();
        c.compile(config.toJson());
        if (c.problems.hasErrors()) {
            throw new InvalidConfigException(c.problems.list);
        }
        return new CleanPlan(config.name(), c);
    }

    public String name() { return name; }
    public OutputSchema schema() { return schema; }
    public ErrorBudget errorBudget() { return budget; }
    /** Warnings found while compiling (never errors: those stop compilation). */
    public List<ConfigProblem> warnings() { return warnings; }

    Step[] roots() { return roots; }
    List<Step> steps() { return steps; }

    /** Labels of all steps in id order. */
    public List<String> stepLabels() {
        List<String> l = new ArrayList<>();
        steps.forEach(s -> l.add(s.label));
        return l;
    }

    public CleanSession newSession(RecordSink out, DeadLetterSink deadLetters) {
        return new CleanSession(this, out, deadLetters);
    }
}
