package dev.lark.ingest.writer;

import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseDataType;
import dev.lark.ingest.convert.ConversionException;
import dev.lark.ingest.convert.Values;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts engine values to what client-v2's RowBinary serializer expects for a ClickHouse column, handling
 * Nullable, LowCardinality, (U)Int8..256, Float32/64, Decimal(P,S), Date/Date32, DateTime/DateTime64 (wall-clock values
 * are kept as given; zoned values are moved to the column's zone), Bool, UUID, Enum, IPv4/6, Array, Map and Tuple.
 * A value that does not fit throws {@link ConversionException}: the row becomes a dirty record.
 */
public final class ClickHouseValues {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger I128_MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger I128_MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);
    private static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger I256_MIN = BigInteger.ONE.shiftLeft(255).negate();
    private static final BigInteger I256_MAX = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    private static final BigInteger U256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private ClickHouseValues() {
    }

    public static Object convert(Object v, ClickHouseColumn col) {
        if (v == null) {
            if (col.isNullable()) {
                return null;
            }
            throw new ConversionException("NULL for non-Nullable column " + col.getColumnName() + " "
                    + col.getOriginalTypeName());
        }
        ClickHouseDataType t = col.getDataType();
        switch (t) {
            case Int8:
                return (byte) Values.toLong(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "Int8");
            case Int16:
                return (short) Values.toLong(v, Short.MIN_VALUE, Short.MAX_VALUE, "Int16");
            case Int32:
                return (int) Values.toLong(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "Int32");
            case Int64:
                return Values.toLong(v);
            case UInt8:
                return (short) Values.toLong(v, 0, 255, "UInt8");
            case UInt16:
                return (int) Values.toLong(v, 0, 65535, "UInt16");
            case UInt32:
                return Values.toLong(v, 0, 4294967295L, "UInt32");
            case UInt64:
                return Values.toBigInteger(v, BigInteger.ZERO, U64_MAX, "UInt64");
            case Int128:
                return Values.toBigInteger(v, I128_MIN, I128_MAX, "Int128");
            case UInt128:
                return Values.toBigInteger(v, BigInteger.ZERO, U128_MAX, "UInt128");
            case Int256:
                return Values.toBigInteger(v, I256_MIN, I256_MAX, "Int256");
            case UInt256:
                return Values.toBigInteger(v, BigInteger.ZERO, U256_MAX, "UInt256");
            case Float32:
                return (float) Values.toDouble(v);
            case Float64:
                return Values.toDouble(v);
            case Decimal:
            case Decimal32:
            case Decimal64:
            case Decimal128:
            case Decimal256:
                return Values.toDecimal(v, col.getPrecision(), col.getScale());
            case Bool:
                return Values.toBoolean(v);
            case Date:
            case Date32:
                return Values.toLocalDate(v);
            case DateTime:
            case DateTime32:
            case DateTime64:
                return Values.toLocalDateTime(v, zone(col));
            case UUID:
                return Values.toUuid(v);
            case String:
                return v instanceof byte[] ? v : Values.toStringValue(v);
            case FixedString: {
                byte[] b = Values.toBytes(v);
                if (b.length > col.getPrecision() && col.getPrecision() > 0) {
                    throw Values.fail(v, col.getOriginalTypeName() + " (longer than " + col.getPrecision()
                            + " bytes)");
                }
                return Values.toStringValue(v);
            }
            case Enum8:
            case Enum16:
            case Enum:
                return v instanceof Number ? ((Number) v).intValue() : Values.toStringValue(v);
            case IPv4:
            case IPv6:
                try {
                    return v instanceof InetAddress ? v : InetAddress.getByName(Values.toStringValue(v));
                } catch (UnknownHostException e) {
                    throw Values.fail(v, t.name());
                }
            case Array: {
                ClickHouseColumn elem = col.getNestedColumns().isEmpty() ? col.getArrayBaseColumn()
                        : col.getNestedColumns().get(0);
                List<?> in = Values.toList(v);
                List<Object> out = new ArrayList<>(in.size());
                for (Object e : in) {
                    out.add(convert(e, elem));
                }
                return out;
            }
            case Map: {
                Map<?, ?> in = Values.toMap(v);
                Map<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : in.entrySet()) {
                    out.put(convert(e.getKey(), col.getKeyInfo()), convert(e.getValue(), col.getValueInfo()));
                }
                return out;
            }
            case Tuple: {
                List<?> in = Values.toList(v);
                List<ClickHouseColumn> nested = col.getNestedColumns();
                if (in.size() != nested.size()) {
                    throw Values.fail(v, col.getOriginalTypeName() + " (" + nested.size() + " elements)");
                }
                Object[] out = new Object[in.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = convert(in.get(i), nested.get(i));
                }
                return out;
            }
            default:
                return v;
        }
    }

    private static ZoneId zone(ClickHouseColumn col) {
        return col.getTimeZone() == null ? ZoneOffset.UTC : col.getTimeZone().toZoneId();
    }
}
