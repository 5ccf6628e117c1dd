package dev.lark.clean;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs a config on sample inputs and shows, per sample, the value after every step, the output records and the
 * error: the JSON API behind {@code lark clean debug}. Invalid configs are reported, not thrown.
 */
public final class CleanDebugger {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern ACCESS_LOG = Pattern.compile("^\\S+ \\S+ \\S+ \\[[^]]+] \"");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern TIME_LIKE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d[ T]\\d\\d:\\d\\d.*|\\d{8} \\d\\d:\\d\\d:\\d\\d"
            + "|\\d\\d/[A-Za-z]{3}/\\d{4}:\\d\\d:\\d\\d:\\d\\d [+-]\\d{4}");

    private CleanDebugger() {
    }

    /**
     * @param hints add "hints" (suggested next steps by output type) to every step
     * @return {"config", "problems": [...], "valid", "samples": [{"input", "steps": [...], "records", "outcome",
     *     "error"}], "counters"}
     */
    public static ObjectNode debug(CleanConfig config, List<String> samples, boolean hints) {
        ObjectNode result = F.objectNode();
        result.put("config", config.name());
        List<ConfigProblem> problems = CleanPlan.validate(config);
        ArrayNode pa = result.putArray("problems");
        problems.forEach(p -> pa.add(p.toJson()));
        boolean valid = problems.stream().noneMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
        result.put("valid", valid);
        ArrayNode sa = result.putArray("samples");
        if (!valid) {
            return result;
        }
        CleanPlan plan = CleanPlan.compile(config);
        ArrayNode[] records = new ArrayNode[1];
        CleanSession session = plan.newSession(r -> records[0].add(r.toNode()), DeadLetterSink.DISCARD);
        ArrayNode[] steps = new ArrayNode[1];
        session.tracer((step, out) -> {
            ObjectNode s = steps[0].addObject();
            s.put("label", step.label).put("op", step.op).put("output_type", Values.typeName(out));
            s.set("output", Values.toNode(out));
            if (hints) {
                s.set("hints", hints(out));
            }
        });
        for (String sample : samples) {
            ObjectNode so = sa.addObject();
            so.put("input", sample);
            steps[0] = so.putArray("steps");
            records[0] = F.arrayNode();
            CleanSession.Outcome o = session.process(sample);
            so.set("records", records[0]);
            so.put("outcome", o.name());
            if (o == CleanSession.Outcome.FAILED) {
                DeadLetter d = session.lastDeadLetter();
                ObjectNode e = d.toJson();
                e.remove("raw");
                so.set("error", e);
                steps[0].addObject().put("label", d.stepLabel()).put("error", d.kind().name() + ": " + d.message());
            } else if (o == CleanSession.Outcome.FILTERED) {
                so.put("filtered_by", session.lastFilteredBy());
            }
        }
        result.set("counters", session.counters().toJson());
        return result;
    }

    /** Suggested next steps for a value, by its type (object, list, string, number). */
    public static ArrayNode hints(Object v) {
        ArrayNode h = F.arrayNode();
        if (v instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) v;
            StringBuilder scalars = new StringBuilder();
            for (Map.Entry<?, ?> e : new java.util.TreeMap<>(m).entrySet()) {
                Object x = e.getValue();
                if (x instanceof Map) {
                    h.add("access {\"key\": \"" + e.getKey() + "\"} to go into the nested object");
                } else if (x instanceof List) {
                    h.add("access {\"key\": \"" + e.getKey() + "\"} then iterate: one record per element of '" + e.getKey() + "' ("
                            + ((List<?>) x).size() + " elements)");
                } else {
                    if (scalars.length() > 0) {
                        scalars.append(", ");
                    }
                    scalars.append("{\"key\": \"").append(e.getKey()).append("\", \"type\": \"").append(guessType(x)).append("\"}");
                }
            }
            if (scalars.length() > 0) {
                h.add("assign {\"fields\": [" + scalars + "]}");
            }
            h.add("branch/select/filter on a key, e.g. {\"op\":\"equal\",\"field\":\"" + (m.isEmpty() ? "k" : new java.util.TreeMap<>(m).firstKey()) + "\",\"value\":...}");
            h.add("rename / drop / default / calculate to reshape keys before assign");
        } else if (v instanceof List) {
            List<?> l = (List<?>) v;
            h.add("iterate: one output record per element (" + l.size() + " elements)");
            if (!l.isEmpty()) {
                h.add("access {\"index\": 0} to take one element (" + Values.typeName(l.get(0)) + ")");
                h.add("assign {\"fields\": [{\"index\": 0, \"as\": \"...\"}, ...]} for fixed positions (csv/delimiter output)");
            }
        } else if (v instanceof String) {
            String s = ((String) v).trim();
            if (s.startsWith("{")) {
                h.add("json: the text is a JSON object");
            } else if (s.startsWith("[")) {
                h.add("json_list: the text is a JSON array");
            }
            if (ACCESS_LOG.matcher(s).find()) {
                h.add("grok {\"pattern\": \"%{COMBINEDAPACHELOG}\"}: looks like an nginx/apache access log");
            }
            if (s.contains("=") && (s.contains("&") || s.contains(" "))) {
                h.add("kv {\"pair_separator\": \"" + (s.contains("&") ? "&" : " ") + "\", \"kv_separator\": \"=\"}: looks like key=value pairs");
            }
            if (s.contains("%")) {
                h.add("url_decode: the text has %-escapes");
            }
            for (String d : new String[] {"|", "\t", ","}) {
                if (s.contains(d)) {
                    h.add((d.equals(",") ? "csv" : "delimiter {\"delimiter\": \"" + (d.equals("\t") ? "\\t" : d) + "\"}")
                            + ": split on '" + (d.equals("\t") ? "\\t" : d) + "' into a list");
                    break;
                }
            }
            h.add("regex with named groups, dissect or grok for free-form text");
            h.add("assign {\"fields\": [{\"as\": \"...\"}]} to keep the text as one field");
        } else if (v != null) {
            h.add("assign {\"fields\": [{\"as\": \"...\", \"type\": \"" + guessType(v) + "\"}]}");
        }
        return h;
    }

    private static String guessType(Object x) {
        if (x instanceof Long) {
            return "long";
        } else if (x instanceof Double) {
            return "double";
        } else if (x instanceof Boolean) {
            return "boolean";
        } else if (x instanceof String && TIME_LIKE.matcher((String) x).matches()) {
            return "timestamp";
        } else if (x instanceof String && NUMBER.matcher((String) x).matches()) {
            return ((String) x).contains(".") ? "double" : "long";
        }
        return "string";
    }
}
