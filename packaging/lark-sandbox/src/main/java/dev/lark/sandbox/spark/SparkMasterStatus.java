package dev.lark.sandbox.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The standalone Master's state from its web UI's JSON ({@code /json/}): its own status and its ALIVE workers. */
final class SparkMasterStatus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    final String status;
    final int aliveWorkers;

    private SparkMasterStatus(String status, int aliveWorkers) {
        this.status = status;
        this.aliveWorkers = aliveWorkers;
    }

    /** Empty when the web UI does not answer (yet). */
    static Optional<SparkMasterStatus> fetch(String webUrl) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(webUrl + "/json/"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(resp.body());
            int alive = 0;
            for (JsonNode w : n.path("workers")) {
                if ("ALIVE".equals(w.path("state").asText())) {
                    alive++;
                }
            }
            return Optional.of(new SparkMasterStatus(n.path("status").asText(""), alive));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    boolean ready() {
        return "ALIVE".equals(status) && aliveWorkers >= 1;
    }
}
