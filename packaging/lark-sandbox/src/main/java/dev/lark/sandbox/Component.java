package dev.lark.sandbox;

import java.util.Map;

/**
 * One real component of the sandbox (DolphinScheduler, Kafka, ClickHouse, ...).
 *
 * <p>Implementations are stateless: everything they need lives in the {@link SandboxContext} (cache and run
 * directories), so a component started by one process (the {@code lark} CLI) can be found, checked and stopped by
 * another (a test JVM).
 */
public interface Component {

    /** Short lowercase name used on the command line and for the run directory, e.g. {@code kafka}. */
    String name();

    /** Names of components that must be up before this one starts. */
    default java.util.List<String> requires() {
        return java.util.List.of();
    }

    /**
     * Fetches whatever is missing (Maven artifacts, npm packages, Debian packages) into the cache. Needs the
     * package registries; idempotent and cheap when everything is cached. Never called inside the loopback-only
     * network namespace.
     */
    void install(SandboxContext ctx) throws Exception;

    /** Starts the component detached from the caller, waits until it is healthy. Only called when not running. */
    void start(SandboxContext ctx) throws Exception;

    /** True when the component answers its health check. */
    boolean healthy(SandboxContext ctx);

    /** Stops the component cleanly (and forcibly after a grace period). Safe to call when it is not running. */
    void stop(SandboxContext ctx) throws Exception;

    /** How clients reach it: keys such as {@code jdbcUrl}, {@code bootstrapServers}, {@code restUrl}. */
    Map<String, String> endpoints(SandboxContext ctx);
}
