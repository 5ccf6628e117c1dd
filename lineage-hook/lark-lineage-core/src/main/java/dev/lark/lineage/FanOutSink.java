package dev.lark.lineage;

import dev.lark.lineage.model.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code lark.lineage.sink=atlas,openlineage}: the same events to several sinks. An event is accepted when every
 * sink accepted it, parked when one rejected it for good; if one sink fails transiently the batch is retried for all
 * (every sink here upserts or is keyed by run id, so a repeat to the sink that already took it is harmless).
 */
final class FanOutSink implements LineageSink {
    private final List<LineageSink> sinks;

    FanOutSink(List<LineageSink> sinks) {
        this.sinks = sinks;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<RunEvent> events) throws Exception {
        List<String> rejections = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            rejections.add(null);
        }
        for (LineageSink s : sinks) {
            List<DeliveryOutcome> outcomes = s.deliver(events);
            for (int i = 0; i < events.size(); i++) {
                if (!outcomes.get(i).isAccepted()) {
                    String r = s.name() + ": " + outcomes.get(i).rejection();
                    rejections.set(i, rejections.get(i) == null ? r : rejections.get(i) + "; " + r);
                }
            }
        }
        return rejections.stream().map(r -> r == null ? DeliveryOutcome.accepted() : DeliveryOutcome.rejected(r))
                .collect(Collectors.toList());
    }

    @Override
    public String name() {
        return sinks.stream().map(LineageSink::name).collect(Collectors.joining("+"));
    }

    @Override
    public void close() {
        sinks.forEach(LineageSink::close);
    }
}
