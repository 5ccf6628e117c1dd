package dev.lark.cli.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's sample data, generated (nothing big is committed) and deterministic: row {@code id} of the orders table
 * and event {@code i} of the raw event topic are pure functions of their number, so every run of the demo and of
 * its integration test sees the same data, and the expected results can be computed here for assertions.
 */
public final class DemoData {
    /** Orders are spread over the seven days before the schedule day. */
    public static final int ORDER_DAYS = 7;
    static final List<String> PRODUCTS = List.of("espresso", "latte", "cappuccino", "flat white", "mocha",
            "americano", "cold brew", "chai", "matcha", "croissant", "bagel", "muffin");
    private static final DateTimeFormatter NGINX_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
    private static final List<String> PATHS = List.of("/", "/menu", "/api/orders", "/api/orders/%d", "/cart",
            "/checkout", "/static/app.js", "/static/logo.png");
    private static final List<String> AGENTS = List.of("Mozilla/5.0 (X11; Linux x86_64)", "curl/8.5.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)", "okhttp/4.12.0");

    private final int orders;
    private final int events;
    private final LocalDate scheduleDay;

    public DemoData(int orders, int events, LocalDate scheduleDay) {
        if (orders < ORDER_DAYS || events < 1) {
            throw new IllegalArgumentException("orders must be >= " + ORDER_DAYS + " and events >= 1 (got orders="
                    + orders + ", events=" + events + ")");
        }
        this.orders = orders;
        this.events = events;
        this.scheduleDay = scheduleDay;
    }

    public int orders() {
        return orders;
    }

    public int events() {
        return events;
    }

    /** One row of {@code lark.orders}. */
    public record Order(long id, int customerId, String product, int quantity, BigDecimal amount, String status,
            LocalDateTime createdAt) {
    }

    /** Row {@code id} (1-based) of the orders table. */
    public Order order(long id) {
        long h = mix(id);
        int customer = 1 + (int) Long.remainderUnsigned(h, 5_000);
        String product = PRODUCTS.get((int) Long.remainderUnsigned(h >>> 13, PRODUCTS.size()));
        int quantity = 1 + (int) Long.remainderUnsigned(h >>> 23, 4);
        int unitCents = 250 + 10 * (int) Long.remainderUnsigned(h >>> 29, 60);
        int s = (int) Long.remainderUnsigned(h >>> 37, 100);
        String status = s < 90 ? "paid" : s < 95 ? "refunded" : "cancelled";
        // spread evenly over the ORDER_DAYS days before the schedule day, so each day has about orders/7 rows
        long secondsInRange = ORDER_DAYS * 86_400L;
        long offset = (id - 1) * secondsInRange / orders;
        LocalDateTime created = scheduleDay.minusDays(ORDER_DAYS).atStartOfDay().plusSeconds(offset);
        return new Order(id, customer, product, quantity,
                BigDecimal.valueOf((long) quantity * unitCents, 2), status, created);
    }

    /** What {@code dws_orders_daily} must hold: per day, the orders that were not cancelled. */
    public record DailyTotals(long orders, long customers, long quantity, BigDecimal revenue) {
    }

    public Map<LocalDate, DailyTotals> expectedDaily() {
        Map<LocalDate, long[]> counts = new TreeMap<>();
        Map<LocalDate, BigDecimal> revenue = new TreeMap<>();
        Map<LocalDate, java.util.BitSet> customers = new TreeMap<>();
        for (long id = 1; id <= orders; id++) {
            Order o = order(id);
            if (o.status().equals("cancelled")) {
                continue;
            }
            LocalDate d = o.createdAt().toLocalDate();
            long[] c = counts.computeIfAbsent(d, k -> new long[2]);
            c[0]++;
            c[1] += o.quantity();
            revenue.merge(d, o.amount(), BigDecimal::add);
            customers.computeIfAbsent(d, k -> new java.util.BitSet()).set(o.customerId());
        }
        Map<LocalDate, DailyTotals> out = new TreeMap<>();
        counts.forEach((d, c) -> out.put(d, new DailyTotals(c[0], customers.get(d).cardinality(), c[1],
                revenue.get(d))));
        return out;
    }

    /** Events that are broken on purpose: they must end in the dead-letter topic, with the reason. */
    public static boolean isBadEvent(int i) {
        return i % 500 == 499 || i % 997 == 996;
    }

    public long badEvents() {
        long n = 0;
        for (int i = 0; i < events; i++) {
            if (isBadEvent(i)) {
                n++;
            }
        }
        return n;
    }

    /** Event {@code i} (0-based): an nginx "combined" access-log line from the schedule day, or a broken one. */
    public String event(int i) {
        if (i % 500 == 499) {
            return "#" + i + " this is not an access log line";
        }
        long h = mix(1_000_000L + i);
        LocalDateTime t = scheduleDay.atStartOfDay().plusSeconds((long) i * 86_400L / events);
        String ip = "10." + (h & 7) + "." + ((h >>> 3) & 255) + "." + (1 + ((h >>> 11) & 127));
        String path = PATHS.get((int) Long.remainderUnsigned(h >>> 17, PATHS.size()));
        if (path.contains("%d")) {
            path = String.format(Locale.ROOT, path, 1 + Long.remainderUnsigned(h >>> 21, orders));
        }
        String method = path.startsWith("/api/orders") && ((h >>> 31) & 3) == 0 ? "POST" : "GET";
        int r = (int) Long.remainderUnsigned(h >>> 33, 100);
        int status = method.equals("POST") ? 201 : r < 88 ? 200 : r < 95 ? 304 : r < 99 ? 404 : 500;
        long bytes = status == 304 ? 0 : 120 + Long.remainderUnsigned(h >>> 40, 40_000);
        String agent = AGENTS.get((int) Long.remainderUnsigned(h >>> 45, AGENTS.size()));
        String time = t.atOffset(ZoneOffset.UTC).format(NGINX_TIME);
        if (i % 997 == 996) {
            time = "99/Xyz/2026:25:61:61 +0000"; // a mangled timestamp: the line no longer parses
        }
        return ip + " - - [" + time + "] \"" + method + " " + path + " HTTP/1.1\" " + status + " " + bytes
                + " \"-\" \"" + agent + "\"";
    }

    /** SplitMix64's finalizer: a cheap, well-spread hash of the row number. */
    static long mix(long x) {
        long z = x * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
