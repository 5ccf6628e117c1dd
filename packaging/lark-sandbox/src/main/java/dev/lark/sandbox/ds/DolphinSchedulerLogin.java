package dev.lark.sandbox.ds;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/** DS's health check: {@code POST /login} answers {@code "code":0}. The API comes up after the log says "Started". */
final class DolphinSchedulerLogin {
    private static final Pattern SUCCESS = Pattern.compile("\"code\"\\s*:\\s*0\\b");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DolphinSchedulerLogin() {
    }

    static boolean works(String restUrl, String user, String password) {
        String form = "userName=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&userPassword="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(restUrl + "/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && SUCCESS.matcher(r.body()).find();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
