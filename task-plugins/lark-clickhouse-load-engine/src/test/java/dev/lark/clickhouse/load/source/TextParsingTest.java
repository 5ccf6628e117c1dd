package dev.lark.clickhouse.load.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextParsingTest {
    @Test
    void batchesCutAtRecordBoundariesAndRespectQuotedNewlines() throws Exception {
        String csv = "id,txt\n1,\"a\nb\"\n2,plain\n3,\"x\"\"y\"\n4,last";
        RecordBatcher b = new RecordBatcher(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), true, 2, 1 << 16);
        assertThat(new String(b.readHeaderLine(), StandardCharsets.UTF_8)).isEqualTo("id,txt");
        List<Integer> rows = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        RecordBatcher.Batch batch;
        while ((batch = b.next()) != null) {
            rows.add(batch.rows);
            all.append(new String(batch.data, 0, batch.length, StandardCharsets.UTF_8));
        }
        assertThat(rows).containsExactly(2, 2);
        assertThat(all.toString()).isEqualTo(csv.substring("id,txt\n".length()));
    }

    @Test
    void batchesRespectTheByteLimit() throws Exception {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            s.append(i).append(",").append("x".repeat(20)).append('\n');
        }
        RecordBatcher b = new RecordBatcher(new ByteArrayInputStream(s.toString().getBytes(StandardCharsets.UTF_8)),
                true, 1_000_000, 65536);
        long total = 0;
        RecordBatcher.Batch batch;
        int batches = 0;
        while ((batch = b.next()) != null) {
            assertThat(batch.length).isLessThanOrEqualTo(65536 + 40);
            assertThat(batch.data[batch.length - 1]).isEqualTo((byte) '\n');
            total += batch.rows;
            batches++;
        }
        assertThat(total).isEqualTo(10_000);
        assertThat(batches).isGreaterThan(3);
    }

    @Test
    void fieldParsing() throws Exception {
        assertThat(TextRecords.csv("1,\"a,b\",\\N,\"\\N\"\n", ',')).containsExactly("1", "a,b", null, "\\N");
        assertThat(TextRecords.tsv("1\ta\\tb\t\\N\n")).containsExactly("1", "a\tb", null);
        assertThat(TextRecords.json("{\"a\":1,\"b\":null,\"c\":[1,2]}")).containsEntry("a", "1").containsEntry("b", null)
                .containsEntry("c", "[1,2]");
        assertThat(RecordBatcher.records("a\n\"b\nc\"\nd".getBytes(StandardCharsets.UTF_8), 9, true, 10))
                .containsExactly("a\n", "\"b\nc\"\n", "d");
    }

    @Test
    void valueChecks() {
        assertThat(ValueChecker.problem("Int32", "12")).isNull();
        assertThat(ValueChecker.problem("Int32", "abc")).isEqualTo("not an integer");
        assertThat(ValueChecker.problem("UInt8", "256")).isEqualTo("out of range for UInt8");
        assertThat(ValueChecker.problem("UInt8", "-1")).isEqualTo("out of range for UInt8");
        assertThat(ValueChecker.problem("Nullable(Int64)", null)).isNull();
        assertThat(ValueChecker.problem("Int64", null)).contains("NULL in a non-Nullable");
        assertThat(ValueChecker.problem("Float64", "1e3")).isNull();
        assertThat(ValueChecker.problem("Decimal(5, 2)", "123.45")).isNull();
        assertThat(ValueChecker.problem("Decimal(5, 2)", "1234.5")).contains("too many digits");
        assertThat(ValueChecker.problem("Date", "2026-11-21")).isNull();
        assertThat(ValueChecker.problem("Date", "21/11/2026")).contains("not a date");
        assertThat(ValueChecker.problem("DateTime64(3, 'UTC')", "2026-11-21 10:00:00.123")).isNull();
        assertThat(ValueChecker.problem("DateTime", "2026-11-21T10:00:00Z")).isNull();
        assertThat(ValueChecker.problem("DateTime", "yesterday")).contains("date-time");
        assertThat(ValueChecker.problem("LowCardinality(String)", "anything")).isNull();
        assertThat(ValueChecker.problem("Array(Int32)", "[1,2]")).isNull();
        assertThat(ValueChecker.problem("UUID", "nope")).isEqualTo("not a UUID");
        assertThat(Arrays.asList(ValueChecker.problem("Bool", "true"), ValueChecker.problem("Bool", "maybe")))
                .containsExactly(null, "not a boolean");
    }
}
