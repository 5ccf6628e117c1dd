package dev.lark.ingest.writer;

import dev.lark.engine.common.LineageReport;
import dev.lark.ingest.IngestContext;
import dev.lark.ingest.convert.Values;
import dev.lark.ingest.job.Params;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code streamwriter}: discards rows, or with {@code print: true} logs them (at most {@code maxPrint} lines,
 * default 100, so a big job cannot flood the task log), fields joined by {@code fieldDelimiter}.
 */
public final class StreamWriter implements Writer {
    public static final Set<String> PARAMETERS = Set.of("print", "encoding", "fieldDelimiter", "maxPrint",
            "recordNumBeforeSleep", "sleepTime");
    private final boolean print;
    private final String delimiter;
    private final long maxPrint;
    private final AtomicLong printed = new AtomicLong();
    private IngestContext ctx;
    private List<String> columns;

    public StreamWriter(Params p) {
        p.checkKnown(PARAMETERS);
        this.print = p.bool("print", false);
        this.delimiter = p.string("fieldDelimiter", "\t");
        this.maxPrint = p.longValue("maxPrint", 100);
    }

    @Override
    public void prepare(IngestContext ctx, List<String> sourceColumns) {
        this.ctx = ctx;
        this.columns = sourceColumns;
    }

    @Override
    public WriterChannel open(int channel) {
        return new WriterChannel() {
            @Override
            public void write(List<Object[]> batch, DirtySink dirty) {
                if (!print) {
                    return;
                }
                for (Object[] row : batch) {
                    if (printed.incrementAndGet() > maxPrint) {
                        return;
                    }
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            sb.append(delimiter);
                        }
                        sb.append(Values.display(row[i]));
                    }
                    ctx.log(sb.toString());
                }
            }

            @Override
            public void finish() {
            }
        };
    }

    @Override
    public void commit(CommitRequest request) {
        if (print && printed.get() > maxPrint) {
            ctx.log("streamwriter: printed " + maxPrint + " of " + printed.get() + " rows (maxPrint)");
        }
    }

    @Override
    public void abort() {
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public LineageReport.Dataset dataset() {
        return LineageReport.Dataset.of("stream", "", "stdout");
    }
}
