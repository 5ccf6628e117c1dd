package dev.lark.ingest.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.ingest.convert.Values;
import java.math.BigDecimal;
import java.util.List;

/**
 * One row as a JSON object keyed by column name, the record format the text-like writers share ({@code kafkawriter}
 * {@code format=json}, {@code txtfilewriter} {@code fileFormat=jsonl}). Numbers and booleans stay JSON numbers and
 * booleans so consumers need not parse strings; everything else is written as {@link Values#display}.
 */
final class JsonRow {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonRow() {
    }

    /** {@code columns.get(i)} names {@code row[i]}. */
    static String write(List<String> columns, Object[] row) throws JsonProcessingException {
        ObjectNode n = JSON.createObjectNode();
        for (int i = 0; i < row.length; i++) {
            Object v = row[i];
            String k = columns.get(i);
            if (v == null) {
                n.putNull(k);
            } else if (v instanceof Long || v instanceof Integer) {
                n.put(k, ((Number) v).longValue());
            } else if (v instanceof Double) {
                n.put(k, (Double) v);
            } else if (v instanceof BigDecimal) {
                n.put(k, (BigDecimal) v);
            } else if (v instanceof Boolean) {
                n.put(k, (Boolean) v);
            } else {
                n.put(k, Values.display(v));
            }
        }
        return JSON.writeValueAsString(n);
    }
}
