package dev.lark.clickhouse.load.source;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the top-level column names, physical types and row count from a Parquet footer (Thrift compact protocol),
 * so a Parquet file's columns can be checked against the table before any byte is sent. Only the few footer fields
 * needed are decoded; everything else is skipped.
 */
public final class ParquetFooter {
    public static final String[] PHYSICAL = {"BOOLEAN", "INT32", "INT64", "INT96", "FLOAT", "DOUBLE", "BYTE_ARRAY",
            "FIXED_LEN_BYTE_ARRAY"};

    /** A top-level column and its Parquet physical type name (GROUP for nested). */
    public static final class Column {
        public final String name;
        public final String physicalType;
        public final boolean optional;

        Column(String name, String physicalType, boolean optional) {
            this.name = name;
            this.physicalType = physicalType;
            this.optional = optional;
        }
    }

    private final List<Column> columns;
    private final long rows;

    private ParquetFooter(List<Column> columns, long rows) {
        this.columns = columns;
        this.rows = rows;
    }

    public List<Column> columns() {
        return columns;
    }

    public long rows() {
        return rows;
    }

    public static ParquetFooter read(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long size = f.length();
            if (size < 12) {
                throw new IOException(file + " is too short to be Parquet");
            }
            byte[] tail = new byte[8];
            f.seek(size - 8);
            f.readFully(tail);
            if (tail[4] != 'P' || tail[5] != 'A' || tail[6] != 'R' || tail[7] != '1') {
                throw new IOException(file + " is not a Parquet file (no PAR1 magic at the end)");
            }
            int footerLen = (tail[0] & 0xff) | (tail[1] & 0xff) << 8 | (tail[2] & 0xff) << 16 | (tail[3] & 0xff) << 24;
            if (footerLen <= 0 || footerLen > size - 12) {
                throw new IOException(file + " has a corrupt Parquet footer length " + footerLen);
            }
            byte[] footer = new byte[footerLen];
            f.seek(size - 8 - footerLen);
            f.readFully(footer);
            return parse(footer);
        }
    }

    static ParquetFooter parse(byte[] footer) throws IOException {
        Compact in = new Compact(footer);
        List<Column> cols = new ArrayList<>();
        long rows = -1;
        short last = 0;
        while (true) {
            int header = in.u8();
            if (header == 0) {
                break;
            }
            int type = header & 0x0f;
            int delta = header >>> 4;
            short id = delta == 0 ? (short) in.zigzag() : (short) (last + delta);
            last = id;
            if (id == 2 && type == 9) { // list<SchemaElement>
                int h = in.u8();
                int size = h >>> 4 == 15 ? (int) in.varint() : h >>> 4;
                List<Object[]> elements = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    elements.add(schemaElement(in));
                }
                // element 0 is the root; its children are the top-level columns
                int idx = 1;
                int rootChildren = elements.isEmpty() ? 0 : (Integer) elements.get(0)[3];
                for (int c = 0; c < rootChildren && idx < elements.size(); c++) {
                    Object[] e = elements.get(idx);
                    int children = (Integer) e[3];
                    String phys = children > 0 ? "GROUP" : ((Integer) e[1] >= 0 && (Integer) e[1] < PHYSICAL.length
                            ? PHYSICAL[(Integer) e[1]] : "UNKNOWN");
                    cols.add(new Column((String) e[0], phys, ((Integer) e[2]) == 1));
                    idx = skipSubtree(elements, idx);
                }
            } else if (id == 3 && type == 6) {
                rows = in.zigzag();
            } else {
                in.skip(type);
            }
        }
        return new ParquetFooter(cols, rows);
    }

    private static int skipSubtree(List<Object[]> elements, int idx) {
        int children = (Integer) elements.get(idx)[3];
        idx++;
        for (int i = 0; i < children; i++) {
            idx = skipSubtree(elements, idx);
        }
        return idx;
    }

    /** name, type, repetition, numChildren. */
    private static Object[] schemaElement(Compact in) throws IOException {
        Object[] e = {"", -1, 0, 0};
        short last = 0;
        while (true) {
            int header = in.u8();
            if (header == 0) {
                return e;
            }
            int type = header & 0x0f;
            int delta = header >>> 4;
            short id = delta == 0 ? (short) in.zigzag() : (short) (last + delta);
            last = id;
            if (id == 1 && type == 5) {
                e[1] = (int) in.zigzag();
            } else if (id == 3 && type == 5) {
                e[2] = (int) in.zigzag();
            } else if (id == 4 && type == 8) {
                e[0] = in.string();
            } else if (id == 5 && type == 5) {
                e[3] = (int) in.zigzag();
            } else {
                in.skip(type);
            }
        }
    }

    /** Minimal Thrift compact-protocol reader. */
    private static final class Compact {
        private final byte[] b;
        private int pos;

        Compact(byte[] b) {
            this.b = b;
        }

        int u8() throws IOException {
            if (pos >= b.length) {
                throw new IOException("truncated Parquet footer");
            }
            return b[pos++] & 0xff;
        }

        long varint() throws IOException {
            long v = 0;
            int shift = 0;
            while (true) {
                int x = u8();
                v |= (long) (x & 0x7f) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long zigzag() throws IOException {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        String string() throws IOException {
            int n = (int) varint();
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        void skip(int type) throws IOException {
            switch (type) {
                case 1: case 2: return; // bool true/false inline
                case 3: pos++; return; // byte
                case 4: case 5: case 6: varint(); return; // i16 i32 i64
                case 7: pos += 8; return; // double
                case 8: { // binary; read the length first: "pos += varint()" would lose varint's own advance
                    int n = (int) varint();
                    pos += n;
                    return;
                }
                case 9: case 10: { // list, set
                    int h = u8();
                    int size = h >>> 4 == 15 ? (int) varint() : h >>> 4;
                    int et = h & 0x0f;
                    for (int i = 0; i < size; i++) {
                        skipElem(et);
                    }
                    return;
                }
                case 11: { // map
                    int size = (int) varint();
                    if (size == 0) {
                        return;
                    }
                    int kv = u8();
                    for (int i = 0; i < size; i++) {
                        skipElem(kv >>> 4);
                        skipElem(kv & 0x0f);
                    }
                    return;
                }
                case 12: { // struct
                    while (true) {
                        int header = u8();
                        if (header == 0) {
                            return;
                        }
                        if ((header >>> 4) == 0) {
                            zigzag();
                        }
                        skip(header & 0x0f);
                    }
                }
                default:
                    throw new IOException("unknown Thrift type " + type + " in Parquet footer");
            }
        }

        private void skipElem(int type) throws IOException {
            if (type == 1 || type == 2) {
                pos++; // booleans in collections take a byte
            } else {
                skip(type);
            }
        }
    }
}
