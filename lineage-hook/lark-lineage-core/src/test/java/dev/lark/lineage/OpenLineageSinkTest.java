package dev.lark.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.lark.lineage.journal.FsyncPolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenLineage sink through the hook, against a local HTTP endpoint that records what it receives. */
class OpenLineageSinkTest {
    @TempDir
    Path dir;

    @Test
    void eventsArePostedAsOpenLineageRunEventsWithFacets() throws Exception {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/lineage", ex -> {
            received.add(new ObjectMapper().readTree(ex.getRequestBody()));
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            ex.sendResponseHeaders(received.size() == 2 ? 422 : 201, -1);
            ex.close();
        });
        server.start();
        try {
            LineageConfig config = LineageConfig.builder().journalDir(dir).fsync(FsyncPolicy.NEVER).sink("openlineage,log")
                    .property("lark.lineage.openlineage.url",
                            "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/lineage")
                    .property("lark.lineage.openlineage.apiKey", "k3y").build();
            assertThat(config.toString()).doesNotContain("k3y");
            try (LineageHook hook = LineageHooks.open(config)) {
                hook.emit(SampleEvents.ingest(5));
                hook.emit(SampleEvents.ingest(6)); // the endpoint answers 422: parked, with its answer
                assertThat(hook.awaitIdle(Duration.ofSeconds(20))).isTrue();
                assertThat(hook.metrics().sent()).isEqualTo(1);
                assertThat(hook.metrics().parked()).isEqualTo(1);
                assertThat(hook.metrics().sink()).isEqualTo("openlineage+log");
            }
        } finally {
            server.stop(0);
        }
        JsonNode e = received.get(0);
        assertThat(auth.get(0)).isEqualTo("Bearer k3y");
        assertThat(e.path("eventType").asText()).isEqualTo("COMPLETE");
        assertThat(e.path("job").path("namespace").asText()).isEqualTo("dolphinscheduler.1001");
        assertThat(e.path("job").path("name").asText()).isEqualTo("2002.3003");
        assertThat(e.path("run").path("facets").path("parent").path("job").path("name").asText()).isEqualTo("2002");
        assertThat(e.path("inputs").get(0).path("namespace").asText()).isEqualTo("mariadb://mariadb-main");
        assertThat(e.path("inputs").get(0).path("name").asText()).isEqualTo("shop.orders");
        JsonNode out = e.path("outputs").get(0);
        assertThat(out.path("namespace").asText()).isEqualTo("clickhouse://ch-prod");
        assertThat(out.path("facets").path("schema").path("fields")).hasSize(2);
        assertThat(out.path("facets").path("columnLineage").path("fields").path("amount").path("inputFields").get(0)
                .path("field").asText()).isEqualTo("amount");
        assertThat(out.path("facets").path("dataQualityAssertions").path("assertions")).hasSize(2);
        // run ids come from the task instance: another instance, another run
        assertThat(received.get(1).path("run").path("runId").asText()).isNotEqualTo(e.path("run").path("runId").asText());
    }
}
