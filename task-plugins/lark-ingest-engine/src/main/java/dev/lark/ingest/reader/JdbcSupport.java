package dev.lark.ingest.reader;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.JdbcEndpoint;
import dev.lark.engine.common.SqlDialect;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.Locale;
import java.util.regex.Pattern;

/** JDBC helpers shared by the JDBC readers and writers. */
public final class JdbcSupport {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final Pattern PLAIN_QUALIFIED = Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*){0,2}");

    private JdbcSupport() {
    }

    /**
     * DataX jobs say {@code jdbc:mysql://}; the bundled driver is MariaDB Connector/J, which only answers to
     * {@code jdbc:mariadb://} (or {@code jdbc:mysql} with {@code permitMysqlScheme}). Rewrite when no MySQL driver
     * is present so stock DataX JSON runs unchanged.
     */
    public static String normalizeUrl(String url) {
        if (url != null && url.startsWith("jdbc:mysql:") && !hasDriverFor(url)) {
            return "jdbc:mariadb:" + url.substring("jdbc:mysql:".length());
        }
        return url;
    }

    private static boolean hasDriverFor(String url) {
        Enumeration<Driver> ds = DriverManager.getDrivers();
        while (ds.hasMoreElements()) {
            Driver d = ds.nextElement();
            try {
                if (d.acceptsURL(url) && !d.getClass().getName().startsWith("org.mariadb")) {
                    return true;
                }
            } catch (SQLException e) {
                // not this one
            }
        }
        return false;
    }

    public static JdbcEndpoint endpoint(String url, String user, String password, String driver) {
        return JdbcEndpoint.builder(normalizeUrl(url)).user(user).password(password).driverClass(driver).build();
    }

    public static boolean isPlainIdentifier(String s) {
        return PLAIN_IDENTIFIER.matcher(s).matches();
    }

    /** Quotes a plain (possibly qualified) name; leaves expressions and already-quoted names as given. */
    public static String quoteName(SqlDialect d, String name) {
        String n = name.trim();
        if (PLAIN_QUALIFIED.matcher(n).matches()) {
            return d.quoteQualified(n);
        }
        return n;
    }

    /** A column entry: plain identifiers are quoted, expressions (functions, constants) are passed through. */
    public static String quoteColumn(SqlDialect d, String column) {
        String c = column.trim();
        return isPlainIdentifier(c) ? d.quote(c) : c;
    }

    /** Removes identifier quotes to get the plain column name used for mapping. */
    public static String plainName(String column) {
        String c = column.trim();
        if (c.length() >= 2 && ((c.startsWith("`") && c.endsWith("`")) || (c.startsWith("\"") && c.endsWith(
                "\"")))) {
            return c.substring(1, c.length() - 1);
        }
        return c;
    }

    /** Reads one value of column {@code i} (1-based) normalized to the engine's value model. */
    public interface Extractor {
        Object get(ResultSet rs) throws SQLException;
    }

    public static Extractor[] extractors(ResultSetMetaData md) throws SQLException {
        Extractor[] ex = new Extractor[md.getColumnCount()];
        for (int i = 0; i < ex.length; i++) {
            ex[i] = extractor(md, i + 1);
        }
        return ex;
    }

    static Extractor extractor(ResultSetMetaData md, int i) throws SQLException {
        int type = md.getColumnType(i);
        String typeName = String.valueOf(md.getColumnTypeName(i)).toUpperCase(Locale.ROOT);
        switch (type) {
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
                return rs -> {
                    long v = rs.getLong(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.BIGINT:
                if (typeName.contains("UNSIGNED") || typeName.startsWith("UINT")) {
                    return rs -> {
                        Object o = rs.getObject(i);
                        if (o == null) {
                            return null;
                        }
                        BigInteger b = o instanceof BigInteger ? (BigInteger) o : new BigInteger(o.toString());
                        return b.bitLength() < 64 ? (Object) b.longValue() : b;
                    };
                }
                return rs -> {
                    long v = rs.getLong(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.DECIMAL:
            case Types.NUMERIC:
                return rs -> rs.getBigDecimal(i);
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
                return rs -> {
                    double v = rs.getDouble(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.BIT:
            case Types.BOOLEAN:
                if (md.getPrecision(i) > 1 && type == Types.BIT) {
                    return rs -> rs.getBytes(i);
                }
                return rs -> {
                    boolean v = rs.getBoolean(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.DATE:
                return rs -> {
                    java.sql.Date d = rs.getDate(i);
                    return d == null ? null : d.toLocalDate();
                };
            case Types.TIMESTAMP:
                return rs -> {
                    Timestamp t = rs.getTimestamp(i);
                    return t == null ? null : t.toLocalDateTime();
                };
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return rs -> rs.getObject(i, OffsetDateTime.class);
            case Types.TIME:
                return rs -> {
                    java.sql.Time t = rs.getTime(i);
                    return t == null ? null : t.toLocalTime();
                };
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return rs -> rs.getBytes(i);
            case Types.ARRAY:
                return rs -> {
                    Array a = rs.getArray(i);
                    if (a == null) {
                        return null;
                    }
                    Object arr = a.getArray();
                    return arr instanceof Object[] ? Arrays.asList((Object[]) arr) : arr;
                };
            case Types.CHAR:
            case Types.VARCHAR:
            case Types.LONGVARCHAR:
            case Types.NCHAR:
            case Types.NVARCHAR:
            case Types.LONGNVARCHAR:
            case Types.CLOB:
            case Types.NCLOB:
                return rs -> rs.getString(i);
            default:
                return rs -> {
                    Object o = rs.getObject(i);
                    if (o == null || o instanceof Number || o instanceof Boolean || o instanceof java.util.Map
                            || o instanceof java.util.List) {
                        return o;
                    }
                    if (o instanceof Timestamp) {
                        return ((Timestamp) o).toLocalDateTime();
                    }
                    if (o instanceof java.sql.Date) {
                        return ((java.sql.Date) o).toLocalDate();
                    }
                    if (o instanceof LocalDateTime || o instanceof LocalDate || o instanceof OffsetDateTime
                            || o instanceof byte[] || o instanceof BigDecimal) {
                        return o;
                    }
                    return rs.getString(i);
                };
        }
    }

    /** The JDBC value to bind for a watermark string against a column of the given JDBC type. */
    public static Object watermarkBinding(String watermark, int jdbcType, String field) {
        try {
            switch (jdbcType) {
                case Types.TINYINT:
                case Types.SMALLINT:
                case Types.INTEGER:
                case Types.BIGINT:
                    return new BigDecimal(watermark).longValueExact();
                case Types.DECIMAL:
                case Types.NUMERIC:
                case Types.REAL:
                case Types.FLOAT:
                case Types.DOUBLE:
                    return new BigDecimal(watermark);
                case Types.DATE:
                    return java.sql.Date.valueOf(LocalDate.parse(watermark.substring(0, 10)));
                case Types.TIMESTAMP:
                case Types.TIMESTAMP_WITH_TIMEZONE:
                    return Timestamp.valueOf(LocalDateTime.parse(watermark.replace(' ', 'T')));
                default:
                    return watermark;
            }
        } catch (RuntimeException e) {
            throw ConfigException.invalid(field, watermark, "the watermark does not match the incremental column's"
                    + " type (" + jdbcType + "); give a number or an ISO date-time");
        }
    }

    /** The string form of a watermark value read with MAX(). */
    public static String watermarkString(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date) {
            return ((java.sql.Date) v).toLocalDate().toString();
        }
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).toPlainString();
        }
        return v.toString();
    }

    public static boolean isIntegerType(int t) {
        return t == Types.TINYINT || t == Types.SMALLINT || t == Types.INTEGER || t == Types.BIGINT;
    }
}
