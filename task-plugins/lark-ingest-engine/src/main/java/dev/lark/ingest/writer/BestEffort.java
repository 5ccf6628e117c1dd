package dev.lark.ingest.writer;

/**
 * Cleanup on the failure path ({@link Writer#abort}): a step failing for one item must neither stop the others nor
 * replace the failure that caused the abort, so its exception is dropped here.
 */
final class BestEffort {

    /** One cleanup step on one item. */
    interface Step<T> {
        void run(T item) throws Exception;
    }

    private BestEffort() {
    }

    static <T> void forEach(Iterable<? extends T> items, Step<? super T> step) {
        for (T item : items) {
            try {
                step.run(item);
            } catch (Exception e) {
                // best effort: what is left behind is cleaned up by the next run or expires on its own
            }
        }
    }
}
