package dev.lark.it.contract;

import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.WorkflowRun;
import java.util.Optional;

/**
 * Runs {@link LarkTaskContract} against DS's own SHELL task, writing files: proves the contract's mechanics (stop
 * and KILL, schedule-time reruns, log reading) in the real DS before the Lark task types exist. The cases that are
 * about Lark's own behaviour (bad-input messages, secret masking, lineage) do not apply to SHELL and show as
 * skipped.
 */
class ShellReferenceContractIT extends FileTargetContract {
    ShellReferenceContractIT() {
        super("lark-it-shell-contract");
    }

    @Override
    protected String taskType() {
        return "SHELL";
    }



    @Override
    protected Optional<TaskDefinitionSpec.Builder> slowTask(String name) {
        return Optional.of(TaskDefinitionSpec.shell(name,
                "echo working; sleep 600; printf 'a\\nb\\n' > " + target + "/slow.csv"));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> scheduledTask(String name) {
        // one file per business date, replaced as a whole: idempotent per schedule time
        return Optional.of(TaskDefinitionSpec.shell(name, "printf 'a\\nb\\nc\\n' > " + target
                + "/part-${bizdate}.tmp && mv " + target + "/part-${bizdate}.tmp " + target
                + "/part-${bizdate}.csv; echo biz date ${bizdate}").inParam("bizdate", "${system.biz.date}"));
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> badInputTask(String name) {
        return Optional.empty();
    }

    @Override
    protected String badField() {
        return "rawScript";
    }

    @Override
    protected Optional<TaskDefinitionSpec.Builder> taskWithSecret(String name, String secret) {
        return Optional.empty(); // DS logs a SHELL task's script after substitution; masking is Lark tasks' job
    }

    @Override
    protected boolean verifyLineage(WorkflowRun run) {
        return false;
    }
}
