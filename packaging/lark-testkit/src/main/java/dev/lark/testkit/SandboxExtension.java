package dev.lark.testkit;

import dev.lark.sandbox.Component;
import dev.lark.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings up the components a {@link Sandboxed} test needs, once per test JVM. What this JVM started it stops at the
 * end of the run (a root-store resource); what was already running is left running.
 */
public final class SandboxExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SandboxExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        requireLoopbackOnlyNetwork();
        Sandboxed annotation = context.getRequiredTestClass().getAnnotation(Sandboxed.class);
        if (annotation == null) {
            return;
        }
        State state = state(context);
        synchronized (state) {
            for (Component c : state.sandbox.withRequirements(Arrays.asList(annotation.value()))) {
                if (!c.healthy(state.sandbox.context())) {
                    state.sandbox.up(List.of(c.name()));
                    state.startedHere.add(c.name());
                }
            }
        }
    }

    /**
     * The sandbox servers (DS's Netty servers, Atlas's ZooKeeper) bind every interface, so integration tests run
     * only inside a loopback-only network namespace ({@code packaging/bin/lark-netns mvn ...}).
     */
    static void requireLoopbackOnlyNetwork() throws java.io.IOException {
        if (Boolean.getBoolean("lark.allowHostNetwork")) {
            return;
        }
        try (var s = Files.list(Path.of("/sys/class/net"))) {
            List<String> ifaces = s.map(p -> p.getFileName().toString()).sorted().collect(
                    java.util.stream.Collectors.toList());
            if (!ifaces.equals(List.of("lo"))) {
                throw new IllegalStateException("integration tests must run inside the loopback-only network"
                        + " namespace, found interfaces " + ifaces + "; run: packaging/bin/lark-netns mvn -o verify -Pit");
            }
        }
    }

    private static State state(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(State.class, k -> new State(),
                State.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == SandboxEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) throws ParameterResolutionException {
        return new SandboxEndpoints(state(e).sandbox);
    }

    /** Per-JVM state, closed by JUnit when the whole run ends. */
    static final class State implements ExtensionContext.Store.CloseableResource {
        final Sandbox sandbox = Sandbox.fromEnvironment();
        final List<String> startedHere = new ArrayList<>();

        @Override
        public void close() throws Exception {
            if (!startedHere.isEmpty() && !Boolean.getBoolean("lark.keepSandbox")) {
                sandbox.down(startedHere);
            }
        }
    }
}
