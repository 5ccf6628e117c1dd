package dev.lark.lineage.atlas;

import dev.lark.lineage.LineageSink;
import dev.lark.lineage.LineageSinkFactory;
import java.util.Map;

/** {@code lark.lineage.sink=atlas}: the Atlas REST v2 sink configured from {@code lark.lineage.atlas.*}. */
public final class AtlasSinkFactory implements LineageSinkFactory {
    @Override
    public String name() {
        return "atlas";
    }

    @Override
    public LineageSink create(Map<String, String> properties) {
        AtlasSinkConfig config = AtlasSinkConfig.fromProperties(properties);
        String transport = properties.getOrDefault("lark.lineage.atlas.transport", "rest").trim().toLowerCase();
        switch (transport) {
            case "rest":
                return new AtlasSink(config);
            case "kafka":
                return AtlasSink.kafka(config, properties);
            default:
                throw new IllegalArgumentException("lark.lineage.atlas.transport must be 'rest' or 'kafka' (got '"
                        + transport + "')");
        }
    }
}
