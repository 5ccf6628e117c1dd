package dev.lark.lineage;

import dev.lark.lineage.journal.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates hooks. In a DS worker use {@link #shared(LineageConfig)}: one hook (one journal, one dispatcher) per
 * journal directory per JVM, shared by all tasks and never closed by them.
 */
public final class LineageHooks {
    private static final Logger LOG = LoggerFactory.getLogger(LineageHooks.class);
    private static final Map<Path, LineageHook> SHARED = new ConcurrentHashMap<>();

    private LineageHooks() {
    }

    /** A new hook that journals in {@code config.journalDir()} and delivers to {@code sink}. */
    public static LineageHook open(LineageConfig config, LineageSink sink) throws IOException {
        if (!config.enabled()) {
            return LineageHook.disabled();
        }
        return new DurableLineageHook(Journal.open(config.journalDir(), config.fsync()), sink, config);
    }

    /** A new hook whose sink comes from the {@link LineageSinkFactory} named by {@code lark.lineage.sink}. */
    public static LineageHook open(LineageConfig config) throws IOException {
        if (!config.enabled()) {
            return LineageHook.disabled();
        }
        return open(config, createSink(config));
    }

    /**
     * The JVM-wide hook for this journal directory, created on first use. Never throws: if the hook cannot be
     * created (bad config, unwritable dir) it logs why and returns a disabled hook, since lineage must not fail a task.
     */
    public static LineageHook shared(LineageConfig config) {
        try {
            return SHARED.computeIfAbsent(config.journalDir(), d -> {
                try {
                    LineageHook hook = open(config);
                    LOG.info("lineage hook started: sink={}, journal={}, fsync={}", config.sink(), d, config.fsync());
                    return hook;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (RuntimeException e) {
            LOG.error("lineage hook disabled, could not start it with {}: {}", config, e.toString());
            return LineageHook.disabled();
        }
    }

    /** The sink(s) named by {@code lark.lineage.sink}: one name, or several separated by commas (fan-out). */
    public static LineageSink createSink(LineageConfig config) {
        List<LineageSink> sinks = new ArrayList<>();
        for (String name : config.sink().split(",")) {
            if (!name.trim().isEmpty()) {
                sinks.add(createSink(name.trim(), config));
            }
        }
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException(LineageConfig.SINK + " is empty; use atlas, openlineage or log");
        }
        return sinks.size() == 1 ? sinks.get(0) : new FanOutSink(sinks);
    }

    private static LineageSink createSink(String name, LineageConfig config) {
        List<String> names = new ArrayList<>();
        for (LineageSinkFactory f : ServiceLoader.load(LineageSinkFactory.class, LineageHooks.class.getClassLoader())) {
            if (f.name().equalsIgnoreCase(name)) {
                return f.create(config.properties());
            }
            names.add(f.name());
        }
        if ("log".equalsIgnoreCase(name)) {
            return new LogSink();
        }
        names.add("log");
        throw new IllegalArgumentException(LineageConfig.SINK + " names '" + name + "', which matches no sink on the"
                + " classpath; available: " + names + " (the Atlas sink is in lark-lineage-atlas)");
    }
}
