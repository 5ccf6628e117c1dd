package dev.lark.clickhouse.load.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a CSV / TSV / JSON-lines byte stream into batches at record boundaries, each at most {@code maxRows}
 * records and about {@code maxBytes} bytes (a single record larger than that still forms a batch). CSV records may
 * contain newlines inside quotes; TSV and JSON lines escape them, so a newline always ends a record there.
 * Memory stays bounded by one batch plus one read buffer.
 */
public final class RecordBatcher {
    private final InputStream in;
    private final boolean csvQuotes;
    private final byte quote;
    private final int maxRows;
    private final int maxBytes;
    private byte[] buf;
    private int len;
    private boolean eof;
    private boolean inQuote;
    /** Scan position inside buf for the batch being formed, kept between reads. */
    private int scanned;
    private int rowsInScanned;
    private int lastBoundary;
    private long consumed;

    public RecordBatcher(InputStream in, boolean csvQuotes, int maxRows, int maxBytes) {
        this.in = in;
        this.csvQuotes = csvQuotes;
        this.quote = '"';
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.buf = new byte[Math.min(maxBytes + 65536, 1 << 20)];
    }

    /** One batch: bytes [0, length) of {@code data}, holding {@code rows} complete records. */
    public static final class Batch {
        public final byte[] data;
        public final int length;
        public final int rows;

        public Batch(byte[] data, int length, int rows) {
            this.data = data;
            this.length = length;
            this.rows = rows;
        }
    }

    /** Reads one record (the header line), without its line end; null at end of input. */
    public byte[] readHeaderLine() throws IOException {
        Batch b = next(1, Integer.MAX_VALUE);
        if (b == null) {
            return null;
        }
        int end = b.length;
        while (end > 0 && (b.data[end - 1] == '\n' || b.data[end - 1] == '\r')) {
            end--;
        }
        return Arrays.copyOf(b.data, end);
    }

    /** Bytes of the input handed out so far (header line and batches). */
    public long consumed() {
        return consumed;
    }

    /** The next batch of at most {@code rows} records (and the byte limit), or null at end of input. */
    public Batch next(int rows) throws IOException {
        return next(Math.max(1, rows), maxBytes);
    }

    /** The next batch, or null at end of input. */
    public Batch next() throws IOException {
        return next(maxRows, maxBytes);
    }

    private Batch next(int rowLimit, int byteLimit) throws IOException {
        while (true) {
            // scan what we have for record ends
            while (scanned < len && rowsInScanned < rowLimit && lastBoundary < byteLimit) {
                byte c = buf[scanned++];
                if (csvQuotes && c == quote) {
                    inQuote = !inQuote; // "" inside quotes toggles twice: correct
                } else if (c == '\n' && !inQuote) {
                    rowsInScanned++;
                    lastBoundary = scanned;
                }
            }
            boolean full = rowsInScanned >= rowLimit || (lastBoundary >= byteLimit && rowsInScanned > 0);
            if (full || (eof && scanned >= len)) {
                int cut = lastBoundary;
                int rows = rowsInScanned;
                if (eof && scanned >= len && !full && len > lastBoundary) {
                    // last record without trailing newline
                    if (!isBlank(lastBoundary, len)) {
                        rows++;
                    }
                    cut = len;
                }
                if (cut == 0) {
                    return null;
                }
                Batch out = new Batch(Arrays.copyOf(buf, cut), cut, rows);
                consumed += cut;
                System.arraycopy(buf, cut, buf, 0, len - cut);
                len -= cut;
                scanned = scanned - cut;
                rowsInScanned = 0;
                lastBoundary = 0;
                // records after the cut were not counted yet: rescan them next time (quote state stays correct
                // because cuts happen only outside quotes)
                scanned = 0;
                inQuote = false;
                return out;
            }
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            int n = in.read(buf, len, buf.length - len);
            if (n < 0) {
                eof = true;
            } else {
                len += n;
            }
        }
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != '\n' && buf[i] != '\r' && buf[i] != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The records of a batch as strings (at most {@code limit}), for validation and dead-letter reasons. */
    public static java.util.List<String> records(byte[] data, int length, boolean csvQuotes, int limit) {
        java.util.List<String> out = new java.util.ArrayList<>();
        boolean q = false;
        int start = 0;
        for (int i = 0; i < length && out.size() < limit; i++) {
            byte c = data[i];
            if (csvQuotes && c == '"') {
                q = !q;
            } else if (c == '\n' && !q) {
                out.add(new String(data, start, i + 1 - start, java.nio.charset.StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < length && out.size() < limit) {
            String last = new String(data, start, length - start, java.nio.charset.StandardCharsets.UTF_8);
            if (!last.trim().isEmpty()) {
                out.add(last);
            }
        }
        return out;
    }
}
