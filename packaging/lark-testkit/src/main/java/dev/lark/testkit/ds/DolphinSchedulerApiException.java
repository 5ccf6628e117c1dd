package dev.lark.testkit.ds;

/** DS answered a REST call with a non-zero {@code code} (or a non-JSON / HTTP error). */
public final class DolphinSchedulerApiException extends RuntimeException {
    private final int code;

    public DolphinSchedulerApiException(String call, int code, String message) {
        super("DolphinScheduler " + call + " failed: code " + code + ": " + message);
        this.code = code;
    }

    /** DS's status code (e.g. 10009 "os tenant code already exists"), or the HTTP status for transport errors. */
    public int code() {
        return code;
    }
}
