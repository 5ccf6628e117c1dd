package dev.lark.lineage.atlas;

/** Atlas answered with an error status. The message holds method, path, status and Atlas's error JSON, no secrets. */
public final class AtlasHttpException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;

    AtlasHttpException(String method, String path, int status, String body) {
        super(method + " " + path + " -> HTTP " + status + ": " + abbreviate(body));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /**
     * A permanent answer about this request's content (type/attribute errors, missing references): retrying the
     * same bytes cannot succeed. Auth errors, throttling, timeouts and 5xx are not permanent.
     */
    public boolean isPermanent() {
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429;
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
