package dev.lark.ingest.state;

/**
 * Incremental-sync state kept on the target (table {@code lark_ingest_state}): one row per (jobKey, runKey) with the
 * range that run loaded. Writers update it inside their commit, so state and data move together where the target
 * has transactions.
 */
public interface WatermarkStore {

    /** The range loaded by an earlier attempt of the same run, or null. */
    RunState forRun(String jobKey, String runKey) throws Exception;

    /** The highest watermark committed for the job (by the latest commit), or null. */
    String latest(String jobKey) throws Exception;

    /** The state of one run. */
    final class RunState {
        private final String low;
        private final String high;

        public RunState(String low, String high) {
            this.low = low;
            this.high = high;
        }

        public String low() {
            return low;
        }

        public String high() {
            return high;
        }
    }
}
