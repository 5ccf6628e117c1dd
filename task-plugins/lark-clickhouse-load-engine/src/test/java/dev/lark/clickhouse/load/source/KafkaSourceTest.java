package dev.lark.clickhouse.load.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lark.clickhouse.load.ConfigException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSourceTest {
    private static KafkaSource.Builder base() {
        return KafkaSource.builder().bootstrapServers("127.0.0.1:9092").topic("orders");
    }

    @Test
    void offsetRangesParsePerPartitionWithAnExclusiveEnd() {
        Map<Integer, long[]> o = KafkaSource.parseOffsets("kafkaOffsets", " 1:500-900, 0:0-1000 ");
        assertThat(o.keySet()).containsExactly(0, 1);
        assertThat(o.get(0)).containsExactly(0, 1000);
        assertThat(o.get(1)).containsExactly(500, 900);
        KafkaSource s = base().offsets(o).build();
        assertThat(s.describe()).isEqualTo("json_each_row records of kafka topic orders (offsets 0:0-1000,1:500-900)");
        assertThat(s.format()).isEqualTo(FileFormat.JSON_EACH_ROW);
    }

    @Test
    void badOffsetRangesNameTheFieldAndTheFix() {
        assertThatThrownBy(() -> KafkaSource.parseOffsets("kafkaOffsets", "0:10-5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("'kafkaOffsets' = \"0:10-5\"").hasMessageContaining("from <= to");
        assertThatThrownBy(() -> KafkaSource.parseOffsets("kafkaOffsets", "0:1-5,0:7-9"))
                .hasMessageContaining("partition 0 is given twice");
        assertThatThrownBy(() -> KafkaSource.parseOffsets("kafkaOffsets", "zero:1-5"))
                .hasMessageContaining("partition:from-to");
        assertThatThrownBy(() -> KafkaSource.parseOffsets("kafkaOffsets", " , "))
                .hasMessageContaining("at least one");
    }

    @Test
    void timeRangesAcceptIsoPlainUtcAndEpochMillis() {
        assertThat(KafkaSource.parseTime("t", "2026-01-15T00:00:00Z")).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(KafkaSource.parseTime("t", "2026-01-15 06:30:00")).isEqualTo(Instant.parse("2026-01-15T06:30:00Z"));
        assertThat(KafkaSource.parseTime("t", "2026-01-15")).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
        assertThat(KafkaSource.parseTime("t", "1768435200000")).isEqualTo(Instant.ofEpochMilli(1768435200000L));
        assertThatThrownBy(() -> KafkaSource.parseTime("kafkaStartTime", "yesterday"))
                .hasMessageContaining("'kafkaStartTime' = \"yesterday\"").hasMessageContaining("2026-01-15T00:00:00Z");
        KafkaSource s = base().timeRange(Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-01-16T00:00:00Z"))
                .format(FileFormat.CSV).build();
        assertThat(s.offsets()).isNull();
        assertThat(s.delimiter()).isEqualTo(',');
        assertThat(s.describe()).contains("time range [2026-01-15T00:00:00Z, 2026-01-16T00:00:00Z)");
    }

    @Test
    void exactlyOneKindOfRangeAndAForwardTimeRange() {
        assertThatThrownBy(() -> base().build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.offsets").hasMessageContaining("either offset ranges");
        assertThatThrownBy(() -> base().offsets(KafkaSource.parseOffsets("o", "0:0-1"))
                .timeRange(Instant.EPOCH, Instant.now()).build()).hasMessageContaining("not both");
        Instant t = Instant.parse("2026-01-15T00:00:00Z");
        assertThatThrownBy(() -> base().timeRange(t, t).build()).hasMessageContaining("kafka.endTime")
                .hasMessageContaining("after the start");
        assertThatThrownBy(() -> base().timeRange(t, null).build()).hasMessageContaining("needs an end");
        assertThatThrownBy(() -> base().topic(" ").offsets(KafkaSource.parseOffsets("o", "0:0-1")).build())
                .hasMessageContaining("kafka.topic");
        assertThatThrownBy(() -> base().format(FileFormat.PARQUET).offsets(KafkaSource.parseOffsets("o", "0:0-1"))
                .build()).hasMessageContaining("jsonl, csv or tsv");
    }
}
