package dev.lark.lineage.atlas;

import java.io.IOException;
import java.util.List;

/** How bulk entity bodies reach Atlas: REST {@code /v2/entity/bulk} or the Kafka {@code ATLAS_HOOK} topic. */
interface EntityTransport extends AutoCloseable {
    String name();

    /**
     * Sends the bodies in order. Returns once each is accepted (REST: stored; Kafka: acknowledged by all in-sync
     * replicas). Throws {@link AtlasHttpException} for Atlas's answers, {@link IOException} for transient failures.
     */
    void send(List<byte[]> bulkBodies) throws IOException, AtlasHttpException, InterruptedException;

    /** True when entities exist in Atlas as soon as {@link #send} returns (REST), false when Atlas consumes later. */
    boolean synchronous();

    @Override
    default void close() {
    }
}
