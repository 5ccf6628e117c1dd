package dev.lark.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.clickhouse.data.ClickHouseColumn;
import dev.lark.ingest.convert.ConversionException;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.writer.ClickHouseValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConversionsTest {

    private static Object ch(String type, Object v) {
        return ClickHouseValues.convert(v, ClickHouseColumn.of("c", type));
    }

    @Test
    void integersAreRangeCheckedPerClickHouseType() {
        assertThat(ch("Int8", 127L)).isEqualTo((byte) 127);
        assertThatThrownBy(() -> ch("Int8", 128L)).isInstanceOf(ConversionException.class)
                .hasMessage("cannot convert '128' (Long) to Int8 (range -128..127)");
        assertThat(ch("UInt32", "4294967295")).isEqualTo(4294967295L);
        assertThatThrownBy(() -> ch("UInt8", -1L)).hasMessageContaining("UInt8");
        assertThat(ch("UInt64", new BigInteger("18446744073709551615"))).isEqualTo(new BigInteger(
                "18446744073709551615"));
        assertThatThrownBy(() -> ch("UInt64", -5L)).hasMessageContaining("UInt64");
        assertThat(ch("Int128", "-170141183460469231731687303715884105728")).isEqualTo(BigInteger.ONE.shiftLeft(127)
                .negate());
    }

    @Test
    void decimalsRoundToScaleAndRejectOverflow() {
        assertThat(ch("Decimal(10,2)", new BigDecimal("12.345"))).isEqualTo(new BigDecimal("12.35"));
        assertThat(ch("Decimal(10,2)", 7L)).isEqualTo(new BigDecimal("7.00"));
        assertThatThrownBy(() -> ch("Decimal(4,2)", new BigDecimal("123.4"))).hasMessageContaining(
                "too many integer digits");
        assertThatThrownBy(() -> ch("Decimal(10,2)", "abc")).hasMessageContaining("Decimal(10,2)");
    }

    @Test
    void nullableLowCardinalityAndNullsForNonNullable() {
        assertThat(ch("Nullable(String)", null)).isNull();
        assertThat(ch("LowCardinality(String)", 42L)).isEqualTo("42");
        assertThat(ch("LowCardinality(Nullable(String))", null)).isNull();
        assertThatThrownBy(() -> ch("Int32", null)).hasMessage("NULL for non-Nullable column c Int32");
    }

    @Test
    void datesAndDateTime64() {
        assertThat(ch("Date", "2026-11-22")).isEqualTo(LocalDate.of(2026, 11, 22));
        assertThat(ch("DateTime64(3)", "2026-11-22 10:11:12.345")).isEqualTo(LocalDateTime.of(2026, 11, 22, 10, 11,
                12, 345_000_000));
        assertThat(ch("DateTime64(3, 'UTC')", OffsetDateTime.of(2026, 11, 22, 12, 0, 0, 0, ZoneOffset.ofHours(2))))
                .isEqualTo(LocalDateTime.of(2026, 11, 22, 10, 0));
        assertThat(ch("DateTime", LocalDate.of(2026, 1, 2))).isEqualTo(LocalDateTime.of(2026, 1, 2, 0, 0));
        assertThatThrownBy(() -> ch("Date", "22/11/2026")).hasMessageContaining("a date");
    }

    @Test
    void arraysMapsAndTuplesConvertElementWise() {
        assertThat(ch("Array(Int16)", "[1, 2, 3]")).isEqualTo(List.of((short) 1, (short) 2, (short) 3));
        assertThat(ch("Array(Nullable(String))", List.of("a", 1L))).isEqualTo(List.of("a", "1"));
        assertThat(ch("Map(String, UInt8)", "{\"a\": 1, \"b\": 2}")).isEqualTo(Map.of("a", (short) 1, "b",
                (short) 2));
        assertThatThrownBy(() -> ch("Array(Int8)", List.of(1L, 300L))).hasMessageContaining("Int8");
        assertThat((Object[]) ch("Tuple(String, Int64)", List.of("x", "5"))).containsExactly("x", 5L);
    }

    @Test
    void genericConversions() {
        assertThat(Values.toLong("  42 ")).isEqualTo(42);
        assertThat(Values.toLong(3.0)).isEqualTo(3);
        assertThatThrownBy(() -> Values.toLong(3.5)).hasMessageContaining("an integer");
        assertThat(Values.toBoolean("Y")).isTrue();
        assertThat(Values.compareWatermarks("10", "9")).isPositive();
        assertThat(Values.compareWatermarks("2026-01-02T00:00", "2026-01-01T23:59")).isPositive();
        assertThat(Values.display(new byte[] {1, 2})).isEqualTo("AQI=");
    }
}
