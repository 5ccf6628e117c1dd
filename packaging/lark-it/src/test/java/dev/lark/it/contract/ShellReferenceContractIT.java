package dev.lark.it.contract;

import dev.lark.testkit.ds.TaskDefinitionSpec;
import dev.lark.testkit.ds.WorkflowRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs {@link LarkTaskContract} against DS's own SHELL task, writing files: proves the contract's mechanics (stop
 * and KILL, schedule-time reruns, log reading) in the real DS before the Lark task types exist. The cases that are
 * about Lark's own behaviour (bad-input messages, secret masking, lineage) do not apply to SHELL and show as
 * skipped.
 */
class ShellReferenceContractIT extends LarkTaskContract {
    /** DS's worker runs as this machine's root user in the same file system (sudo disabled in the sandbox). */
    private final Path target = Path.of(System.getProperty("java.io.tmpdir"), "lark-it-shell-contract");

    @Override
    protected String taskType() {
        return "SHELL";
    }

    @Override
    protected void resetTarget() throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.walk(target)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(target);
    }

    @Override
    protected long targetCount() throws IOException {
        long n = 0;
        try (Stream<Path> s = Files.list(target)) {
            for (Path f : s.filter(Files::isRegularFile).collect(Collectors.toList())) {
                List<String> lines = Files.readAllLines(f);
                n += lines.stream().filter(l -> !l.isBlank()).count();
            }
        }
        return n;
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
