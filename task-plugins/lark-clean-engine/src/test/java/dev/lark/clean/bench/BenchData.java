package dev.lark.clean.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The benchmark records (deterministic): used by JMH and written to files for the side-by-side engine runs. */
public final class BenchData {
    final List<String> flat = new ArrayList<>();
    final List<String> nested = new ArrayList<>();
    final List<String> delimited = new ArrayList<>();
    final List<String> nginx = new ArrayList<>();

    static BenchData generate(int n) {
        BenchData d = new BenchData();
        Random r = new Random(42);
        String[] verbs = {"GET", "POST", "PUT", "DELETE"};
        String[] agents = {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36", "curl/8.4.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15"};
        for (int i = 0; i < n; i++) {
            String ts = String.format("2024-05-%02d %02d:%02d:%02d", 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60));
            d.flat.add(String.format("{\"ts\":\"%s\",\"user_id\":%d,\"session\":\"s-%08x\",\"page\":\"/p/%d\",\"duration_ms\":%d,"
                            + "\"score\":%.3f,\"country\":\"%s\",\"is_new\":%b,\"amount\":\"%d.%02d\",\"device\":\"%s\"}",
                    ts, r.nextInt(1_000_000), r.nextInt(), r.nextInt(500), r.nextInt(60_000), r.nextDouble() * 100,
                    new String[] {"DE", "CN", "US", "BR"}[r.nextInt(4)], r.nextBoolean(), r.nextInt(1000), r.nextInt(100),
                    new String[] {"ios", "android", "web"}[r.nextInt(3)]));
            StringBuilder items = new StringBuilder();
            for (int k = 0; k < 5; k++) {
                items.append(k == 0 ? "" : ",").append(String.format("{\"sku\":\"SKU-%05d\",\"qty\":%d,\"price\":\"%d.%02d\"}",
                        r.nextInt(100_000), 1 + r.nextInt(5), r.nextInt(500), r.nextInt(100)));
            }
            d.nested.add(String.format("{\"event_time\":\"%s\",\"user\":%d,\"type\":\"order\",\"meta\":{\"app\":\"shop\",\"ver\":\"1.2.%d\"},\"items\":[%s]}",
                    ts, r.nextInt(1_000_000), r.nextInt(10), items));
            d.delimited.add(String.format("%s|%d|s-%08x|/p/%d|%d|%.3f|%s|%b|%d.%02d|%s", ts, r.nextInt(1_000_000), r.nextInt(), r.nextInt(500),
                    r.nextInt(60_000), r.nextDouble() * 100, "DE", r.nextBoolean(), r.nextInt(1000), r.nextInt(100), "web"));
            d.nginx.add(String.format("%d.%d.%d.%d - - [%02d/May/2024:%02d:%02d:%02d +0000] \"%s /api/v1/items/%d?page=%d HTTP/1.1\" %d %d \"https://shop.example.com/p/%d\" \"%s\"",
                    10 + r.nextInt(200), r.nextInt(256), r.nextInt(256), r.nextInt(256), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60),
                    verbs[r.nextInt(4)], r.nextInt(100_000), r.nextInt(20), new int[] {200, 200, 200, 304, 404, 500}[r.nextInt(6)],
                    r.nextInt(100_000), r.nextInt(500), agents[r.nextInt(3)]));
        }
        return d;
    }

    /** Writes flat.txt, nested.txt, delimited.txt, nginx.txt with n records each into dir (args: dir n). */
    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args[0]);
        int n = Integer.parseInt(args[1]);
        Files.createDirectories(dir);
        BenchData d = generate(n);
        Files.write(dir.resolve("flat.txt"), d.flat, StandardCharsets.UTF_8);
        Files.write(dir.resolve("nested.txt"), d.nested, StandardCharsets.UTF_8);
        Files.write(dir.resolve("delimited.txt"), d.delimited, StandardCharsets.UTF_8);
        Files.write(dir.resolve("nginx.txt"), d.nginx, StandardCharsets.UTF_8);
    }
}
