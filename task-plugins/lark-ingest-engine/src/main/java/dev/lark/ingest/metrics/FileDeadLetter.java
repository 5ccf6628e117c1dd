package dev.lark.ingest.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.ingest.convert.Values;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * Dirty records as JSON lines: {@code {"ts","stage","reason","record":{col:value}}} or {@code "raw"} for unparsed
 * input. The file is created on the first dirty record only.
 */
public final class FileDeadLetter implements DeadLetter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path path;
    private BufferedWriter out;

    public FileDeadLetter(Path path) {
        this.path = path;
    }

    @Override
    public synchronized void write(String stage, List<String> columns, Object[] values, String raw, String reason)
            throws IOException {
        if (out == null) {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        out.write(JSON.writeValueAsString(toJson(stage, columns, values, raw, reason)));
        out.write('\n');
        out.flush();
    }

    static ObjectNode toJson(String stage, List<String> columns, Object[] values, String raw, String reason) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ts", Instant.now().toString());
        n.put("stage", stage);
        n.put("reason", reason);
        if (values != null) {
            if (columns != null && columns.size() == values.length) {
                ObjectNode rec = n.putObject("record");
                for (int i = 0; i < values.length; i++) {
                    rec.put(columns.get(i), Values.display(values[i]));
                }
            } else {
                ArrayNode a = n.putArray("values");
                for (Object v : values) {
                    a.add(Values.display(v));
                }
            }
        }
        if (raw != null) {
            n.put("raw", raw);
        }
        return n;
    }

    static String toJsonString(String stage, List<String> columns, Object[] values, String raw, String reason) {
        try {
            return JSON.writeValueAsString(toJson(stage, columns, values, raw, reason));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String describe() {
        return "file " + path;
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
