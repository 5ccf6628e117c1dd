package dev.lark.ingest.split;

import dev.lark.engine.common.ConfigException;
import dev.lark.engine.common.SqlDialect;
import dev.lark.ingest.reader.JdbcSupport;
import dev.lark.ingest.reader.Split;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a table read on {@code splitPk} into ranges. Integer keys: equal-width ranges between MIN and MAX (DataX's
 * way). Other keys (strings, dates, decimals, UUIDs): ranges between quantiles of a random sample that the database
 * itself sorts, so the ranges follow the database's collation and partition the rows exactly. Rows with a NULL key
 * get their own split. Every range is a predicate with bound values.
 */
public final class KeyRangeSplitter {
    private final SqlDialect dialect;
    private final String from;
    private final String pk;
    private final String field;
    private final String base;
    private final List<Object> baseBindings;
    private final int target;
    private final int sampleSize;

    public KeyRangeSplitter(SqlDialect dialect, String from, String pk, String field, String base,
            List<Object> baseBindings, int target, int sampleSize) {
        this.dialect = dialect;
        this.from = from;
        this.pk = pk;
        this.field = field;
        this.base = base;
        this.baseBindings = baseBindings;
        this.target = Math.max(1, target);
        this.sampleSize = sampleSize;
    }

    public List<Split> split(Connection c) throws SQLException {
        String q = dialect.quote(pk);
        int type;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT " + q + " FROM " + from
                + " WHERE 1=0")) {
            type = rs.getMetaData().getColumnType(1);
        } catch (SQLException e) {
            throw ConfigException.invalid(field, pk, "no such column (" + e.getMessage() + ")");
        }
        List<Object> bounds = JdbcSupport.isIntegerType(type) ? integerBounds(c, q) : sampledBounds(c, q);
        List<Split> out = new ArrayList<>();
        String andBase = base == null ? "" : " AND " + base;
        if (bounds.isEmpty()) {
            // empty table or a single key value: one split for the non-null rows
            out.add(split(out.size(), "non-null keys", q + " IS NOT NULL" + andBase, List.of()));
        } else {
            out.add(split(out.size(), pk + " < " + bounds.get(0), q + " < ?" + andBase, List.of(bounds.get(0))));
            for (int i = 0; i + 1 < bounds.size(); i++) {
                out.add(split(out.size(), bounds.get(i) + " <= " + pk + " < " + bounds.get(i + 1), q + " >= ? AND " + q
                        + " < ?" + andBase, List.of(bounds.get(i), bounds.get(i + 1))));
            }
            Object last = bounds.get(bounds.size() - 1);
            out.add(split(out.size(), pk + " >= " + last, q + " >= ?" + andBase, List.of(last)));
        }
        out.add(split(out.size(), pk + " IS NULL", q + " IS NULL" + andBase, List.of()));
        return out;
    }

    private Split split(int i, String desc, String predicate, List<Object> rangeBindings) {
        List<Object> b = new ArrayList<>(rangeBindings);
        b.addAll(baseBindings);
        return new Split(i, desc, predicate, b, null);
    }

    /** Inner boundaries b1 < b2 < ... for equal-width integer ranges. */
    private List<Object> integerBounds(Connection c, String q) throws SQLException {
        BigInteger min;
        BigInteger max;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(" + q + "), MAX(" + q + ") FROM " + from
                + (base == null ? "" : " WHERE " + base))) {
            bind(ps, baseBindings, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Object a = rs.getObject(1);
                Object b = rs.getObject(2);
                if (a == null || b == null) {
                    return List.of();
                }
                min = new BigInteger(a.toString());
                max = new BigInteger(b.toString());
            }
        }
        BigInteger span = max.subtract(min).add(BigInteger.ONE);
        int n = span.compareTo(BigInteger.valueOf(target)) < 0 ? span.intValue() : target;
        List<Object> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            BigInteger bound = min.add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(n)));
            Object v = bound.bitLength() < 64 ? (Object) bound.longValue() : bound;
            if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
                out.add(v);
            }
        }
        // the first range is "pk < b1": make it start at min so it is not empty by construction
        return out;
    }

    /** Quantile boundaries from a random sample sorted by the database. */
    private List<Object> sampledBounds(Connection c, String q) throws SQLException {
        long count;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + from + (base == null ? ""
                : " WHERE " + base))) {
            bind(ps, baseBindings, 1);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        if (count == 0) {
            return List.of();
        }
        double fraction = Math.min(1.0, (double) sampleSize / count);
        String rand;
        switch (dialect) {
            case MYSQL:
                rand = "RAND()";
                break;
            case CLICKHOUSE:
                rand = "(rand() / 4294967295.0)";
                break;
            default:
                rand = "random()";
                break;
        }
        String sql = "SELECT " + q + " FROM " + from + " WHERE " + q + " IS NOT NULL" + (base == null ? ""
                : " AND " + base) + (fraction < 1.0 ? " AND " + rand + " < " + fraction : "") + " ORDER BY " + q;
        List<Object> sample = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, baseBindings, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sample.add(rs.getObject(1));
                }
            }
        }
        List<Object> out = new ArrayList<>();
        if (sample.size() < 2) {
            return out;
        }
        for (int i = 1; i < target; i++) {
            Object v = sample.get((int) ((long) i * sample.size() / target));
            if (out.isEmpty() || !out.get(out.size() - 1).equals(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static void bind(PreparedStatement ps, List<Object> values, int from) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setObject(from + i, values.get(i));
        }
    }
}
