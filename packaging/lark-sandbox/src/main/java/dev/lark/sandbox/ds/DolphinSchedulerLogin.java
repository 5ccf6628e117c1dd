package dev.lark.sandbox.ds;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DS's health check: {@code POST /login} answers {@code "code":0} (the API comes up after the log says "Started"), and
 * a worker has registered ({@code GET /monitor/workers} lists one). The worker registers a few seconds after the API
 * answers; DS 3.1.1 does not retry dispatching a stream task that found no worker, so "up" must include the worker.
 */
final class DolphinSchedulerLogin {
    private static final Pattern SUCCESS = Pattern.compile("\"code\"\\s*:\\s*0\\b");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DolphinSchedulerLogin() {
    }

    private static final Pattern SESSION_ID = Pattern.compile("\"sessionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern WORKER_HOST = Pattern.compile("\"host\"\\s*:\\s*\"[^\"]+\"");

    static boolean works(String restUrl, String user, String password) {
        return session(restUrl, user, password) != null;
    }

    /** Logs in and asks the registry for workers; true when at least one is registered. */
    static boolean workerRegistered(String restUrl, String user, String password) {
        String session = session(restUrl, user, password);
        if (session == null) {
            return false;
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(restUrl + "/monitor/workers"))
                .timeout(Duration.ofSeconds(10))
                .header("Cookie", "sessionId=" + session)
                .GET()
                .build();
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && SUCCESS.matcher(r.body()).find() && WORKER_HOST.matcher(r.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The session id of a successful login, else null. */
    private static String session(String restUrl, String user, String password) {
        String form = "userName=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&userPassword="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(restUrl + "/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !SUCCESS.matcher(r.body()).find()) {
                return null;
            }
            Matcher m = SESSION_ID.matcher(r.body());
            return m.find() ? m.group(1) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
