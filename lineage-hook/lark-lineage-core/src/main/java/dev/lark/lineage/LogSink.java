package dev.lark.lineage;

import dev.lark.lineage.model.RunEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code lark.lineage.sink=log}: accepts every event and logs a one-line summary (for trials without Atlas). */
final class LogSink implements LineageSink {
    private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

    @Override
    public List<DeliveryOutcome> deliver(List<RunEvent> events) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (RunEvent e : events) {
            LOG.info("lineage: {}", e);
            out.add(DeliveryOutcome.accepted());
        }
        return out;
    }

    @Override
    public String name() {
        return "log";
    }
}
