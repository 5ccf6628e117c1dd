package dev.lark.lineage;

import dev.lark.lineage.journal.Journal;
import java.io.IOException;
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
    private static final Map<Path, Shared> SHARED = new ConcurrentHashMap<>();

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
     * The JVM-wide hook for this journal directory, created on first use. When the configuration for that directory
     * changed (e.g. another Atlas URL), a new hook replaces the old one, which is closed: its undelivered events stay
     * in the journal and the new hook delivers them. Never throws: if the hook cannot be created (bad config,
     * unwritable dir) it logs why and returns a disabled hook, since lineage must not fail a task.
     */
    public static LineageHook shared(LineageConfig config) {
        try {
            Shared current = SHARED.get(config.journalDir());
            if (current != null && current.properties.equals(config.properties())) {
                return current.hook;
            }
            synchronized (SHARED) {
                Shared old = SHARED.get(config.journalDir());
                if (old != null && old.properties.equals(config.properties())) {
                    return old.hook;
                }
                LineageHook hook = open(config);
                SHARED.put(config.journalDir(), new Shared(config.properties(), hook));
                LOG.info("lineage hook {}: sink={}, journal={}, fsync={}", old == null ? "started" : "restarted with a"
                        + " changed configuration", config.sink(), config.journalDir(), config.fsync());
                if (old != null) {
                    old.hook.close();
                }
                return hook;
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("lineage hook disabled, could not start it with {}: {}", config, e.toString());
            return LineageHook.disabled();
        }
    }

    /** A shared hook and the configuration it was made with. */
    private static final class Shared {
        final Map<String, String> properties;
        final LineageHook hook;

        Shared(Map<String, String> properties, LineageHook hook) {
            this.properties = properties;
            this.hook = hook;
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
