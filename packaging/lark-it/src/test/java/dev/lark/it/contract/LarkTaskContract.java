package dev.lark.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import dev.lark.testkit.ds.DolphinSchedulerApiException;
import dev.lark.testkit.ds.DolphinSchedulerClient;
import dev.lark.testkit.ds.StartOptions;
import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.TaskRun;
import dev.lark.testkit.ds.Workflow;
import dev.lark.testkit.ds.WorkflowRun;
import dev.lark.testkit.ds.WorkflowSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every Lark task type promises inside the real DolphinScheduler. A task type's integration test extends this
 * class and supplies fixtures; the contract runs them as DS workflows through the REST API.
 *
 * <ul>
 *   <li>kill mid-run: the run ends STOP, the task KILL, and the target is as before the run;
 *   <li>a rerun of the same schedule time leaves no duplicates in the target;
 *   <li>bad input ends FAILURE, and the task log names the offending field;
 *   <li>a secret given in the parameters or the datasource never appears in the task log, nor in what Lark's code
 *       writes to the DS server log (DS 3.1.1 itself logs request arguments and dispatched task params there);
 *   <li>lineage is emitted for a successful run (the check is the lineage module's hook).
 * </ul>
 *
 * A fixture method may return {@link Optional#empty()} when a case does not apply to the task type; the case then
 * shows as skipped with the reason, never as passed.
 *
 * <p>Subclasses need {@code @Sandboxed} with {@code dolphinscheduler} plus the components their targets need (it is
 * inherited, so {@code dolphinscheduler} alone needs no annotation).
 */
@Sandboxed({"dolphinscheduler"})
public abstract class LarkTaskContract {
    /** A safety net against a hung server, not a speed check. */
    protected static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

    protected DolphinSchedulerClient ds;
    protected long project;
    protected SandboxEndpoints endpoints;

    /** The DS task type under test, e.g. {@code LARK_INGEST}. */
    protected abstract String taskType();

    /** Brings the target (table, topic, directory) to a known, empty state before each case. */
    protected abstract void resetTarget() throws Exception;

    /** Rows (records, lines) in the target now. */
    protected abstract long targetCount() throws Exception;

    /**
     * A task that runs long enough to be stopped while running (at least a minute) and writes into the target only
     * at the end, or atomically.
     */
    protected abstract Optional<TaskDefinitionSpec.Builder> slowTask(String name);

    /**
     * A task that writes a known, non-empty set of rows for the run's schedule time
     * ({@code ${system.biz.date}}, {@code ${system.datetime}} ...) into the target.
     */
    protected abstract Optional<TaskDefinitionSpec.Builder> scheduledTask(String name);

    /**
     * A task whose parameters are wrong in one field, in a way only the run can tell (the API server's
     * {@code checkParameters()} must accept it; a save-time rejection shows users only DS's generic error 50020);
     * {@link #badField()} names it.
     */
    protected abstract Optional<TaskDefinitionSpec.Builder> badInputTask(String name);

    /** The field {@link #badInputTask} gets wrong, as it must appear in the task log's error. */
    protected abstract String badField();

    /** A task that is given {@code secret} (password in its params or its datasource) and uses it. */
    protected abstract Optional<TaskDefinitionSpec.Builder> taskWithSecret(String name, String secret);

    /**
     * Checks that the run's lineage reached the lineage backend (hook for the lineage module: e.g. query Atlas for
     * the process entity of this run). Return false when the task type has no lineage yet: the case is skipped.
     */
    protected abstract boolean verifyLineage(WorkflowRun run) throws Exception;

    @BeforeEach
    void connect(SandboxEndpoints endpoints) throws Exception {
        this.endpoints = endpoints;
        ds = DolphinSchedulerClient.login(endpoints);
        ds.ensureTenant(DolphinSchedulerClient.DEFAULT_TENANT);
        project = ds.ensureProject("lark-contract-" + taskType().toLowerCase().replace('_', '-'));
        resetTarget();
    }

    @Test
    void killMidRunEndsInKillAndLeavesTheTargetUntouched() throws Exception {
        TaskDefinitionSpec.Builder task = fixture(slowTask("slow"), "slowTask");
        long before = targetCount();
        Workflow wf = workflow("kill", task);
        int id = ds.start(wf, StartOptions.defaults(), RUN_TIMEOUT);
        ds.awaitTaskRunning(project, id, "slow", RUN_TIMEOUT);

        ds.stop(project, id);
        WorkflowRun run = ds.awaitFinal(project, id, RUN_TIMEOUT);

        assertThat(run.state()).as(run.describe()).isEqualTo("STOP");
        assertThat(run.task("slow").state()).as(run.describe()).isEqualTo("KILL");
        assertThat(targetCount()).as("rows in the target after the killed run").isEqualTo(before);
    }

    @Test
    void rerunOfTheSameScheduleTimeLeavesNoDuplicates() throws Exception {
        TaskDefinitionSpec.Builder task = fixture(scheduledTask("scheduled"), "scheduledTask");
        Workflow wf = workflow("rerun", task);
        StartOptions at = StartOptions.builder().scheduleTime(LocalDateTime.of(2026, 1, 15, 2, 0)).build();

        WorkflowRun first = ds.run(wf, at, RUN_TIMEOUT);
        assertThat(first.state()).as(first.describe()).isEqualTo("SUCCESS");
        long afterFirst = targetCount();
        assertThat(afterFirst).as("rows after the first run").isPositive();

        WorkflowRun second = ds.run(wf, at, RUN_TIMEOUT);
        assertThat(second.state()).as(second.describe()).isEqualTo("SUCCESS");
        assertThat(targetCount()).as("rows after rerunning the same schedule time").isEqualTo(afterFirst);
    }

    @Test
    void badInputFailsWithAnErrorNamingTheField() throws Exception {
        TaskDefinitionSpec.Builder task = fixture(badInputTask("bad"), "badInputTask");
        Workflow wf;
        try {
            wf = workflow("bad-input", task);
        } catch (DolphinSchedulerApiException e) {
            // DS shows the user only "process node bad parameter invalid" (50020) for this; the contract wants a
            // mistake the task reports itself, with the field named
            throw new AssertionError("the API server rejected the badInputTask fixture at save time (" + e.getMessage()
                    + "); give a fixture that passes checkParameters() and fails when it runs", e);
        }
        WorkflowRun run = ds.run(wf, StartOptions.defaults(), RUN_TIMEOUT);

        assertThat(run.state()).as(run.describe()).isEqualTo("FAILURE");
        TaskRun bad = run.task("bad");
        assertThat(bad.state()).isEqualTo("FAILURE");
        assertThat(bad.log()).as("the task log names the bad field").contains(badField());
    }

    @Test
    void secretsNeverAppearInLogs() throws Exception {
        String secret = "lark-secret-" + UUID.randomUUID();
        TaskDefinitionSpec.Builder task = fixture(taskWithSecret("secretive", secret), "taskWithSecret");
        WorkflowRun run = ds.run(workflow("secret", task), StartOptions.defaults(), RUN_TIMEOUT);

        for (TaskRun t : run.tasks()) {
            assertThat(t.log()).as("log of task " + t.name()).isNotEmpty().doesNotContain(secret);
        }
        // DS 3.1.1 itself writes request arguments (AccessLogAspect) and dispatch commands, task params included,
        // into its server log; what Lark's own code logs there must be clean
        List<String> larkEntries = larkEntries(Files.readString(Path.of(endpoints.get("dolphinscheduler",
                "serverLog")), StandardCharsets.UTF_8));
        assertThat(larkEntries).as("Lark's entries in the DS server log").isNotEmpty()
                .noneMatch(e -> e.contains(secret));
    }

    /** Server log entries (a header line plus its continuation lines) logged by a dev.lark class. */
    static List<String> larkEntries(String serverLog) {
        List<String> entries = new ArrayList<>();
        StringBuilder current = null;
        for (String line : serverLog.split("\n")) {
            if (line.matches("^\\[(INFO|WARN|ERROR|DEBUG|TRACE)\\] .*")) {
                if (current != null) {
                    entries.add(current.toString());
                }
                current = new StringBuilder(line);
            } else if (current != null) {
                current.append('\n').append(line);
            }
        }
        if (current != null) {
            entries.add(current.toString());
        }
        entries.removeIf(e -> !e.substring(0, Math.min(e.length(), 160)).contains("dev.lark."));
        return entries;
    }

    @Test
    void lineageIsEmittedForASuccessfulRun() throws Exception {
        TaskDefinitionSpec.Builder task = fixture(scheduledTask("lineage"), "scheduledTask");
        WorkflowRun run = ds.run(workflow("lineage", task), StartOptions.builder()
                .scheduleTime(LocalDateTime.of(2026, 2, 1, 0, 0)).build(), RUN_TIMEOUT);
        assertThat(run.state()).as(run.describe()).isEqualTo("SUCCESS");

        assumeTrue(verifyLineage(run), taskType() + " has no lineage check yet");
    }

    /** A one-task workflow, released. */
    protected Workflow workflow(String purpose, TaskDefinitionSpec.Builder task) {
        Workflow wf = ds.createWorkflow(project, WorkflowSpec.builder(purpose + "-" + UUID.randomUUID())
                .task(task).build());
        ds.release(wf, true);
        return wf;
    }

    private TaskDefinitionSpec.Builder fixture(Optional<TaskDefinitionSpec.Builder> f, String what) {
        assumeTrue(f.isPresent(), taskType() + " supplies no " + what + " fixture");
        return f.get();
    }
}
