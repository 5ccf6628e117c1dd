package dev.lark.cli.demo;

import java.time.Duration;
import java.time.LocalDateTime;

/**
 * What the demo does: how much data it generates, the DS schedule time its runs use, how many runs (the second run
 * of the same schedule time shows idempotency) and how long it waits.
 *
 * @param orders rows generated into MariaDB {@code lark.orders}
 * @param events raw access-log lines produced to Kafka (a few of them broken on purpose)
 * @param scheduleTime the schedule time of every run (a DS complement run for that time)
 * @param runs how many times the workflow runs for that schedule time
 * @param runTimeout per workflow run
 * @param lineageWait how long to wait for the lineage to show up in Atlas (delivery is asynchronous)
 */
public record DemoSettings(int orders, int events, LocalDateTime scheduleTime, int runs, Duration runTimeout,
        Duration lineageWait) {

    public static final LocalDateTime DEFAULT_SCHEDULE = LocalDateTime.of(2026, 11, 21, 0, 0);

    public DemoSettings {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be >= 1, got " + runs);
        }
    }

    public static DemoSettings defaults() {
        return new DemoSettings(200_000, 3_000, DEFAULT_SCHEDULE, 2, Duration.ofMinutes(15), Duration.ofSeconds(90));
    }

    DemoData data() {
        return new DemoData(orders, events, scheduleTime.toLocalDate());
    }
}
