package dev.lark.sandbox;

import java.util.Map;

/** What {@code lark sandbox status} shows for one component. */
public final class ComponentStatus {
    public final String name;
    public final boolean healthy;
    public final double startSeconds;
    public final long rssMib;
    public final Map<String, String> endpoints;

    public ComponentStatus(String name, boolean healthy, double startSeconds, long rssMib,
            Map<String, String> endpoints) {
        this.name = name;
        this.healthy = healthy;
        this.startSeconds = startSeconds;
        this.rssMib = rssMib;
        this.endpoints = Map.copyOf(endpoints);
    }

    @Override
    public String toString() {
        return String.format("%-16s %-8s start %6.1f s  rss %5d MiB  %s", name, healthy ? "UP" : "DOWN",
                startSeconds, rssMib, printable(endpoints));
    }

    /** Endpoints as shown on a console: values of secret keys (password, token, secret) masked. */
    static Map<String, String> printable(Map<String, String> endpoints) {
        Map<String, String> out = new java.util.TreeMap<>();
        endpoints.forEach((k, v) -> out.put(k, k.toLowerCase(java.util.Locale.ROOT).matches(".*(password|secret|token).*")
                ? "******" : v));
        return out;
    }
}
