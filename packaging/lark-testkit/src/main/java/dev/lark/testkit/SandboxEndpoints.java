package dev.lark.testkit;

import dev.lark.sandbox.Sandbox;
import java.util.Map;

/** Endpoints of the running sandbox components, as published in their run directories. */
public final class SandboxEndpoints {
    private final Sandbox sandbox;

    SandboxEndpoints(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** All endpoints of one component. */
    public Map<String, String> of(String component) {
        return sandbox.endpoints(component);
    }

    /** One endpoint; fails with a clear message when the component did not publish it. */
    public String get(String component, String key) {
        String v = of(component).get(key);
        if (v == null) {
            throw new IllegalStateException("component '" + component + "' publishes no endpoint '" + key
                    + "' (has: " + of(component).keySet() + ")");
        }
        return v;
    }

    public Sandbox sandbox() {
        return sandbox;
    }
}
