package dev.lark.lineage.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A durable, ordered journal of events on local disk: one file per event.
 *
 * <pre>
 *   &lt;dir&gt;/pending/&lt;id&gt;.json          waiting for delivery (oldest id first)
 *   &lt;dir&gt;/parked/&lt;id&gt;.json           rejected for good by the sink
 *   &lt;dir&gt;/parked/&lt;id&gt;.reason.txt     the sink's answer
 * </pre>
 *
 * An append writes a hidden temp file, (with {@link FsyncPolicy#ALWAYS}) forces it to disk, then renames it
 * atomically into {@code pending/} and forces the directory: a crash leaves either no event or a whole one, never a
 * torn one. One file per event keeps removal after delivery a single unlink, needs no compaction, and lets several
 * processes (DS worker, {@code lark lineage replay}) share the directory safely. Ids are
 * {@code <19-digit microsecond sequence>-<writer token>}, so names sort in append order across writers.
 */
public final class Journal {
    static final String PENDING = "pending";
    static final String PARKED = "parked";
    private static final String SUFFIX = ".json";
    private static final String REASON_SUFFIX = ".reason.txt";

    private final Path dir;
    private final Path pendingDir;
    private final Path parkedDir;
    private final FsyncPolicy fsync;
    private final String writerToken;
    private final AtomicLong lastSequence = new AtomicLong();
    private final NavigableSet<JournalEntry> pending = new ConcurrentSkipListSet<>();

    private Journal(Path dir, FsyncPolicy fsync) throws IOException {
        this.dir = dir;
        this.pendingDir = dir.resolve(PENDING);
        this.parkedDir = dir.resolve(PARKED);
        this.fsync = fsync;
        this.writerToken = Long.toString(ProcessHandle.current().pid(), 36)
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        Files.createDirectories(pendingDir);
        Files.createDirectories(parkedDir);
        removeStaleTempFiles();
        rescan();
    }

    /** Opens (creating if needed) the journal in {@code dir}; every event left there by earlier runs is pending. */
    public static Journal open(Path dir, FsyncPolicy fsync) throws IOException {
        return new Journal(dir.toAbsolutePath().normalize(), fsync);
    }

    public Path directory() {
        return dir;
    }

    /** Writes one event durably (per the fsync policy) and returns its entry. */
    public JournalEntry append(byte[] event) throws IOException {
        JournalEntry entry = new JournalEntry(nextId());
        writeAtomically(pendingDir, entry.id() + SUFFIX, event);
        pending.add(entry);
        return entry;
    }

    private String nextId() {
        long now = TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
        long seq = lastSequence.updateAndGet(prev -> Math.max(prev + 1, now));
        return String.format("%019d-%s", seq, writerToken);
    }

    private void writeAtomically(Path targetDir, String name, byte[] bytes) throws IOException {
        Path tmp = targetDir.resolve("." + name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            if (fsync == FsyncPolicy.ALWAYS) {
                ch.force(true);
            }
        }
        try {
            Files.move(tmp, targetDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, targetDir.resolve(name));
        }
        if (fsync == FsyncPolicy.ALWAYS) {
            forceDirectory(targetDir);
        }
    }

    private static void forceDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some file systems cannot fsync a directory; the rename is still atomic there
        }
    }

    /** Up to {@code max} pending entries, oldest first. */
    public List<JournalEntry> pending(int max) {
        List<JournalEntry> out = new ArrayList<>(Math.min(max, 64));
        for (JournalEntry e : pending) {
            if (out.size() >= max) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    public int pendingCount() {
        return pending.size();
    }

    /** The oldest pending entry, or null. */
    public JournalEntry oldestPending() {
        return pending.isEmpty() ? null : pending.first();
    }

    /** The event bytes of a pending entry; {@link NoSuchFileException} if another process already removed it. */
    public byte[] read(JournalEntry entry) throws IOException {
        return Files.readAllBytes(pendingDir.resolve(entry.id() + SUFFIX));
    }

    /** The sink accepted the event: remove it for good. */
    public void acknowledge(JournalEntry entry) throws IOException {
        Files.deleteIfExists(pendingDir.resolve(entry.id() + SUFFIX));
        pending.remove(entry);
    }

    /** The sink rejected the event for good: move it to {@code parked/} with the sink's answer. */
    public void park(JournalEntry entry, String reason) throws IOException {
        writeAtomically(parkedDir, entry.id() + REASON_SUFFIX,
                (Instant.now() + "\n" + reason).getBytes(StandardCharsets.UTF_8));
        Path src = pendingDir.resolve(entry.id() + SUFFIX);
        if (Files.exists(src)) {
            Files.move(src, parkedDir.resolve(entry.id() + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        }
        pending.remove(entry);
        if (fsync == FsyncPolicy.ALWAYS) {
            forceDirectory(parkedDir);
            forceDirectory(pendingDir);
        }
    }

    /** All parked events with the sink's answers, oldest first. */
    public List<ParkedEntry> parked() throws IOException {
        List<ParkedEntry> out = new ArrayList<>();
        for (JournalEntry e : list(parkedDir)) {
            Path reasonFile = parkedDir.resolve(e.id() + REASON_SUFFIX);
            Instant at = null;
            String reason = "(no reason recorded)";
            if (Files.exists(reasonFile)) {
                String text = new String(Files.readAllBytes(reasonFile), StandardCharsets.UTF_8);
                int nl = text.indexOf('\n');
                try {
                    at = Instant.parse(nl < 0 ? text : text.substring(0, nl));
                } catch (RuntimeException ignored) {
                    // unreadable timestamp: keep the reason
                }
                reason = nl < 0 ? reason : text.substring(nl + 1);
            }
            out.add(new ParkedEntry(e, at, reason));
        }
        return out;
    }

    public int parkedCount() throws IOException {
        return list(parkedDir).size();
    }

    /** The bytes of a parked event. */
    public byte[] readParked(JournalEntry entry) throws IOException {
        return Files.readAllBytes(parkedDir.resolve(entry.id() + SUFFIX));
    }

    /**
     * Moves parked events back to pending (at the end of the queue, with a new id) for another delivery attempt,
     * e.g. after a typedef fix. Returns the number re-queued.
     */
    public int replayParked(List<ParkedEntry> which) throws IOException {
        int n = 0;
        for (ParkedEntry p : which) {
            Path src = parkedDir.resolve(p.entry().id() + SUFFIX);
            if (!Files.exists(src)) {
                continue;
            }
            append(Files.readAllBytes(src));
            Files.deleteIfExists(src);
            Files.deleteIfExists(parkedDir.resolve(p.entry().id() + REASON_SUFFIX));
            n++;
        }
        return n;
    }

    /**
     * Re-reads {@code pending/} so events written by other processes sharing the directory are seen, and entries
     * removed by them are forgotten.
     */
    public synchronized void rescan() throws IOException {
        long appendedBefore = lastSequence.get();
        List<JournalEntry> onDisk = list(pendingDir);
        java.util.Set<JournalEntry> present = new java.util.HashSet<>(onDisk);
        // keep what is on disk, and what this process appended while the directory was being listed
        pending.removeIf(e -> !present.contains(e) && !(e.id().endsWith("-" + writerToken)
                && e.sequence() > appendedBefore));
        pending.addAll(onDisk);
    }

    private static List<JournalEntry> list(Path d) throws IOException {
        List<JournalEntry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, "*" + SUFFIX)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                String id = f.substring(0, f.length() - SUFFIX.length());
                if (!f.startsWith(".") && JournalEntry.isValidId(id)) {
                    out.add(new JournalEntry(id));
                }
            }
        }
        Collections.sort(out);
        return out;
    }

    /** Temp files are appends that never returned to their caller (crash mid-write): drop them after a minute. */
    private void removeStaleTempFiles() throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minusSeconds(60));
        for (Path d : new Path[] {pendingDir, parkedDir}) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, ".*.tmp")) {
                for (Path p : ds) {
                    try {
                        if (Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                            Files.deleteIfExists(p);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }
}
