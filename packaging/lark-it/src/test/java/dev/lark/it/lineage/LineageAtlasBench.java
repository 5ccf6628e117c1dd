package dev.lark.it.lineage;

import dev.lark.lineage.LineageConfig;
import dev.lark.lineage.LineageHook;
import dev.lark.lineage.LineageHooks;
import dev.lark.lineage.atlas.AtlasSink;
import dev.lark.lineage.atlas.AtlasSinkConfig;
import dev.lark.lineage.model.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Events/s delivered to the real sandbox Atlas: the hook's batching (many events merged into few bulk requests)
 * against one bulk request per event and one entity per request (what a naive client does). Each event is a DS task
 * run (MariaDB table -> ClickHouse table, 3 columns + column lineage; every other one with 2 quality checks).
 * Not a test: run by hand inside the netns, numbers go to docs/benchmarks/lineage.md.
 *
 * <pre>packaging/bin/lark-netns java -cp ... dev.lark.it.lineage.LineageAtlasBench restUrl user password [events]</pre>
 */
public final class LineageAtlasBench {
    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int events = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        int slowEvents = args.length > 4 ? Integer.parseInt(args[4]) : events;
        AtlasSink warm = new AtlasSink(AtlasSinkConfig.builder().url(url).user(user).password(password).build());
        warm.bootstrap();
        System.out.printf("%d events batched, %d per request modes (~20 entities per event before merging)%n",
                events, slowEvents);
        // name, events per delivery, entities per request
        Object[][] modes = {
                {"batched: 50 events merged per delivery, <=500 entities per request", 50, 500},
                {"one bulk request per event", 1, 500},
                {"one entity per request", 1, 1},
        };
        for (Object[] m : modes) {
            run(url, user, password, (Integer) m[1] == 50 ? events : slowEvents, (String) m[0], (Integer) m[1],
                    (Integer) m[2]);
        }
    }

    private static void run(String url, String user, String password, int n, String name, int batchEvents,
            int batchEntities) throws Exception {
        Path dir = Files.createTempDirectory("lark-atlas-bench");
        LineageEvents w = new LineageEvents(10_000_000L + (System.nanoTime() & 0xFFFFFF));
        AtlasSink sink = new AtlasSink(AtlasSinkConfig.builder().url(url).user(user).password(password)
                .batchEntities(batchEntities).build());
        sink.bootstrap();
        LineageConfig config = LineageConfig.builder().journalDir(dir).batchEvents(batchEvents).build();
        List<RunEvent> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i % 2 == 0 ? w.ingest(1000 + i, 500 + i / 2) : w.load(1000 + i, 500 + i / 2, i % 4 == 1));
        }
        try (LineageHook hook = LineageHooks.open(config, sink)) {
            long t0 = System.nanoTime();
            list.forEach(hook::emit);
            boolean idle = hook.awaitIdle(Duration.ofMinutes(20));
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-70s %6.1f events/s  (%d events in %.1f s, %d bulk entity requests, %d HTTP requests"
                    + " in all, idle=%s)%n", name, n / s, n, s, sink.entityRequests(), sink.client().requestCount(), idle);
        }
    }
}
