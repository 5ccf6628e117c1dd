package dev.lark.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    private final DemoData data = new DemoData(10_000, 3_000, LocalDate.of(2026, 11, 21));

    @Test
    void rowsAreAFunctionOfTheirNumber() {
        DemoData again = new DemoData(10_000, 3_000, LocalDate.of(2026, 11, 21));
        for (long id = 1; id <= 100; id++) {
            assertThat(again.order(id)).isEqualTo(data.order(id));
        }
        for (int i = 0; i < 100; i++) {
            assertThat(again.event(i)).isEqualTo(data.event(i));
        }
    }

    @Test
    void ordersSpreadOverTheSevenDaysBeforeTheScheduleDay() {
        assertThat(data.order(1).createdAt()).isEqualTo(LocalDate.of(2026, 11, 14).atStartOfDay());
        assertThat(data.order(10_000).createdAt().toLocalDate()).isEqualTo(LocalDate.of(2026, 11, 20));
        Map<LocalDate, DemoData.DailyTotals> daily = data.expectedDaily();
        assertThat(daily).hasSize(DemoData.ORDER_DAYS);
        long notCancelled = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (long id = 1; id <= data.orders(); id++) {
            DemoData.Order o = data.order(id);
            assertThat(o.amount()).isPositive();
            assertThat(o.status()).isIn("paid", "refunded", "cancelled");
            if (!o.status().equals("cancelled")) {
                notCancelled++;
                revenue = revenue.add(o.amount());
            }
        }
        assertThat(daily.values().stream().mapToLong(DemoData.DailyTotals::orders).sum()).isEqualTo(notCancelled);
        assertThat(daily.values().stream().map(DemoData.DailyTotals::revenue).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(revenue);
        assertThat(notCancelled).isBetween(9_000L, 9_900L); // about 95 %
    }

    @Test
    void onlyTheMarkedEventsAreBrokenAndTheyAreCounted() {
        long bad = 0;
        for (int i = 0; i < data.events(); i++) {
            String line = data.event(i);
            boolean looksLikeAccessLog = line.matches("^\\d+\\.\\d+\\.\\d+\\.\\d+ - - \\[[^]]+\\] \"(GET|POST) \\S+ HTTP/1.1\" \\d{3} \\d+ \"-\" \"[^\"]+\"$")
                    && parsesAsNginxTime(line.substring(line.indexOf('[') + 1, line.indexOf(']')));
            assertThat(looksLikeAccessLog).as("event %d: %s", i, line).isEqualTo(!DemoData.isBadEvent(i));
            if (DemoData.isBadEvent(i)) {
                bad++;
            }
        }
        assertThat(data.badEvents()).isEqualTo(bad).isEqualTo(9);
    }

    private static boolean parsesAsNginxTime(String s) {
        try {
            java.time.OffsetDateTime t = java.time.OffsetDateTime.parse(s, java.time.format.DateTimeFormatter
                    .ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ROOT));
            return t.toLocalDate().equals(LocalDate.of(2026, 11, 21));
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
