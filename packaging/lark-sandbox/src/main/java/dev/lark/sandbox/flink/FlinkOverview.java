package dev.lark.sandbox.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The cluster summary from the JobManager's REST {@code /overview}: registered TaskManagers and slots. */
final class FlinkOverview {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final int taskManagers;
    final int slotsTotal;
    final int slotsAvailable;

    private FlinkOverview(int taskManagers, int slotsTotal, int slotsAvailable) {
        this.taskManagers = taskManagers;
        this.slotsTotal = slotsTotal;
        this.slotsAvailable = slotsAvailable;
    }

    /** Empty when the REST endpoint does not answer (yet). */
    static Optional<FlinkOverview> fetch(String restUrl) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(restUrl + "/overview"))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<String> resp = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(resp.body());
            return Optional.of(new FlinkOverview(n.path("taskmanagers").asInt(0), n.path("slots-total").asInt(0),
                    n.path("slots-available").asInt(0)));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return taskManagers + " TaskManager(s), " + slotsAvailable + "/" + slotsTotal + " slots free";
    }
}
