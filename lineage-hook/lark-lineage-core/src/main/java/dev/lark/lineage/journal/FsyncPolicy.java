package dev.lark.lineage.journal;

import java.util.Locale;

/**
 * When a journal write is forced to the disk. Either way the event is written to its own file and renamed into
 * {@code pending/} before {@code emit()} returns, so it is on the local file system before any delivery attempt.
 * <ul>
 *   <li>{@code NEVER} (default): no fsync. The file is in the kernel's page cache the moment {@code emit()}
 *       returns, so it survives the DS worker dying in any way (kill -9, OOM, crash); only a kernel crash or power
 *       loss within the writeback window (Linux {@code vm.dirty_expire_centisecs}, 30 s by default) can lose it.
 *       Keeps emit() well under the 5 ms p99 target even on a loaded machine.</li>
 *   <li>{@code ALWAYS}: the file's data and the directory entry are fsynced before {@code emit()} returns; the
 *       event also survives power loss, at the cost of one or two disk flushes per task (measured in
 *       docs/benchmarks/lineage.md: p99 of tens of ms on a busy disk).</li>
 * </ul>
 */
public enum FsyncPolicy {
    ALWAYS, NEVER;

    public static FsyncPolicy parse(String v) {
        try {
            return valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("lark.lineage.journal.fsync must be 'always' or 'never' (got '" + v + "')");
        }
    }
}
