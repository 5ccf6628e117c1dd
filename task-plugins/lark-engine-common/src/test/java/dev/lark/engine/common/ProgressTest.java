package dev.lark.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void reportsRowsPercentAndRate() {
        List<String> lines = new ArrayList<>();
        Progress p = Progress.builder("copy").totalRows(200).interval(Duration.ofHours(1)).sink(lines::add).build();
        p.addRows(50);
        p.addBytes(2048);
        p.maybeReport(); // interval not reached: nothing
        assertThat(lines).isEmpty();
        p.reportNow();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("copy: 50 rows (25.0% of 200)").contains("rows/s").contains("2.0 KB");
    }

    @Test
    void countsFromManyThreads() throws Exception {
        Progress p = Progress.builder("x").build();
        Thread[] ts = new Thread[4];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = new Thread(() -> {
                for (int j = 0; j < 10_000; j++) {
                    p.addRows(1);
                }
            });
            ts[i].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(p.rows()).isEqualTo(40_000);
    }
}
