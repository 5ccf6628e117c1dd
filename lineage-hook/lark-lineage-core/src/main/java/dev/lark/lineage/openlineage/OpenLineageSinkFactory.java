package dev.lark.lineage.openlineage;

import dev.lark.lineage.LineageSink;
import dev.lark.lineage.LineageSinkFactory;
import java.net.URI;
import java.util.Map;

/** {@code lark.lineage.sink=openlineage} with {@code lark.lineage.openlineage.url} (+ optional {@code .apiKey}). */
public final class OpenLineageSinkFactory implements LineageSinkFactory {
    @Override
    public String name() {
        return "openlineage";
    }

    @Override
    public LineageSink create(Map<String, String> p) {
        String url = p.get("lark.lineage.openlineage.url");
        if (url == null || url.trim().isEmpty()) {
            throw new IllegalArgumentException("lark.lineage.openlineage.url is required with the openlineage sink,"
                    + " e.g. http://marquez:5000/api/v1/lineage");
        }
        return new OpenLineageSink(URI.create(url.trim()), p.get("lark.lineage.openlineage.apiKey"),
                p.get("lark.lineage.openlineage.namespace"));
    }
}
