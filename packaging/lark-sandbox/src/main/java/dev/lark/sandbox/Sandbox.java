package dev.lark.sandbox;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Installs, starts, checks and stops sandbox components. Components are found with {@link ServiceLoader} (each
 * implementation is annotated {@code @AutoService(Component.class)}).
 *
 * <p>Each started component leaves {@code endpoints.properties} and {@code startup.properties} in its run
 * directory, so other processes (tests, the CLI) can reach it without starting it again.
 */
public final class Sandbox {
    private final SandboxContext ctx;
    private final Map<String, Component> components;

    public Sandbox(SandboxContext ctx, Collection<Component> components) {
        this.ctx = ctx;
        Map<String, Component> m = new TreeMap<>();
        for (Component c : components) {
            m.put(c.name(), c);
        }
        this.components = m;
    }

    public static Sandbox fromEnvironment() {
        return load(SandboxContext.fromEnvironment());
    }

    public static Sandbox load(SandboxContext ctx) {
        List<Component> found = new ArrayList<>();
        ServiceLoader.load(Component.class, Sandbox.class.getClassLoader()).forEach(found::add);
        return new Sandbox(ctx, found);
    }

    public SandboxContext context() {
        return ctx;
    }

    public Collection<String> names() {
        return components.keySet();
    }

    public Component component(String name) {
        Component c = components.get(name);
        if (c == null) {
            throw new SandboxException(name, "unknown component; known: " + String.join(", ", components.keySet()),
                    null);
        }
        return c;
    }

    /** The named components plus everything they require, dependencies first. {@code all} means every one. */
    public List<Component> withRequirements(Collection<String> names) {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        for (String n : names) {
            if (n.equals("all")) {
                components.keySet().forEach(k -> visit(k, order, new LinkedHashSet<>()));
            } else {
                visit(n, order, new LinkedHashSet<>());
            }
        }
        List<Component> out = new ArrayList<>();
        order.forEach(n -> out.add(components.get(n)));
        return out;
    }

    private void visit(String n, LinkedHashSet<String> order, LinkedHashSet<String> path) {
        if (order.contains(n)) {
            return;
        }
        if (!path.add(n)) {
            throw new SandboxException(n, "circular requirement " + path, null);
        }
        for (String r : component(n).requires()) {
            visit(r, order, path);
        }
        order.add(n);
    }

    public void install(Collection<String> names) throws Exception {
        for (Component c : withRequirements(names)) {
            c.install(ctx);
        }
    }

    /** Starts what is not already healthy; returns the status of each named component. */
    public List<ComponentStatus> up(Collection<String> names) throws Exception {
        List<ComponentStatus> out = new ArrayList<>();
        for (Component c : withRequirements(names)) {
            if (!c.healthy(ctx)) {
                c.install(ctx);
                long t0 = System.nanoTime();
                c.start(ctx);
                double secs = (System.nanoTime() - t0) / 1e9;
                Properties p = new Properties();
                p.setProperty("startSeconds", String.format(java.util.Locale.ROOT, "%.1f", secs));
                p.setProperty("startedAt", java.time.Instant.now().toString());
                store(ctx.runDir(c.name()).resolve("startup.properties"), p);
                Properties e = new Properties();
                e.putAll(c.endpoints(ctx));
                store(ctx.runDir(c.name()).resolve("endpoints.properties"), e);
            }
            out.add(status(c));
        }
        return out;
    }

    /** Stops the named components (and, with {@code all}, everything), dependants first. */
    public void down(Collection<String> names) throws Exception {
        List<Component> list = names.contains("all") ? withRequirements(List.of("all"))
                : names.stream().map(this::component).collect(java.util.stream.Collectors.toList());
        java.util.Collections.reverse(list);
        for (Component c : list) {
            c.stop(ctx);
            Files.deleteIfExists(ctx.runDir(c.name()).resolve("endpoints.properties"));
        }
    }

    public List<ComponentStatus> status() {
        List<ComponentStatus> out = new ArrayList<>();
        components.values().forEach(c -> out.add(status(c)));
        return out;
    }

    public ComponentStatus status(Component c) {
        boolean healthy = c.healthy(ctx);
        Properties s = load(ctx.runDir(c.name()).resolve("startup.properties"));
        double secs = Double.parseDouble(s.getProperty("startSeconds", "0"));
        long rss = 0;
        try (var files = Files.list(ctx.runDir(c.name()))) {
            for (Path pid : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".pid"))::iterator) {
                String proc = pid.getFileName().toString().replace(".pid", "");
                long r = ManagedProcess.of(ctx, c.name(), proc).rssMib();
                rss += Math.max(r, 0);
            }
        } catch (IOException ignored) {
            // no run dir yet
        }
        return new ComponentStatus(c.name(), healthy, secs, rss, healthy ? c.endpoints(ctx) : Map.of());
    }

    /** The endpoints a running component published, read from its run directory. */
    public Map<String, String> endpoints(String name) {
        Properties p = load(ctx.runDir(name).resolve("endpoints.properties"));
        Map<String, String> m = new LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        return m;
    }

    static Properties load(Path f) {
        Properties p = new Properties();
        if (Files.exists(f)) {
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException ignored) {
                // treated as empty
            }
        }
        return p;
    }

    static void store(Path f, Properties p) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            p.store(w, null);
        }
    }
}
