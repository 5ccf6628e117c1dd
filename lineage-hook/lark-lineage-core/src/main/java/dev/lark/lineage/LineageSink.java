package dev.lark.lineage;

import dev.lark.lineage.model.RunEvent;
import java.util.List;

/**
 * Where journaled events go (Atlas REST, Atlas Kafka hook topic, ...). Called from the single dispatcher thread,
 * with events in journal order.
 *
 * <p>Contract: return one {@link DeliveryOutcome} per event, in order. {@code accepted} removes the event from the
 * journal; {@code rejected} parks it (a permanent answer such as an Atlas 4xx type/attribute error, with that
 * answer as the reason). Throwing any exception means "try again later": the whole batch is retried with backoff
 * and nothing after it is sent meanwhile, which keeps per-entity order.
 */
public interface LineageSink extends AutoCloseable {

    List<DeliveryOutcome> deliver(List<RunEvent> events) throws Exception;

    /** Short name for logs and metrics, e.g. {@code atlas-rest}. */
    String name();

    @Override
    default void close() {
    }
}
