package dev.lark.clean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random configs (every operator, random arguments and nesting) on random inputs (JSON, broken JSON, logs, CSV,
 * junk): no exception escapes, and every input ends as output, filtered, or exactly one dead letter with a reason.
 */
class CleanPropertiesTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] KEYS = {"a", "b", "c", "d", "e", "ts", "items", "x"};
    private static final String[] OPS = {"json", "json_list", "csv", "delimiter", "kv", "regex", "grok", "dissect", "url_decode",
        "access", "iterate", "select", "branch", "filter", "assign", "replace", "trim", "lower", "upper", "calculate", "rename",
        "drop", "default", "bogus"};
    private static final String[] CONDS = {"equal", "not_equal", "greater", "less", "startswith", "endswith", "contains", "regex",
        "in", "is_null", "and", "or", "not", "true"};

    @Property(tries = 400)
    void everyInputIsAccountedFor(@ForAll long seed, @ForAll("inputs") List<String> inputs) {
        ObjectNode cfg = randomConfig(new Random(seed));
        CleanConfig config = CleanConfig.of(cfg);
        List<ConfigProblem> problems = CleanPlan.validate(config);
        problems.forEach(p -> assertThat(p.fix()).as("problem without a fix: %s", p).isNotBlank());
        boolean valid = problems.stream().noneMatch(p -> p.severity() == ConfigProblem.Severity.ERROR);
        Statistics.label("config").collect(valid ? "valid" : "invalid");
        problems.stream().filter(p -> p.severity() == ConfigProblem.Severity.ERROR).map(ConfigProblem::code).distinct()
                .forEach(code -> Statistics.label("problem").collect(code));
        if (!valid) {
            return;
        }
        CleanPlan plan = CleanPlan.compile(config);
        List<OutputRecord> out = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        CleanSession s = plan.newSession(out::add, dead::add);
        long outcomes = 0;
        for (String in : inputs) {
            int deadBefore = dead.size();
            int outBefore = out.size();
            CleanSession.Outcome o = s.process(in);
            outcomes++;
            Statistics.label("outcome").collect(o == CleanSession.Outcome.FAILED ? "FAILED " + dead.get(dead.size() - 1).kind() : o.name());
            switch (o) {
                case OUTPUT:
                    assertThat(out.size()).isGreaterThan(outBefore);
                    assertThat(dead).hasSize(deadBefore);
                    for (OutputRecord r : out.subList(outBefore, out.size())) {
                        assertThat(r.time()).as("every output record has its time").isNotNull();
                    }
                    break;
                case FAILED:
                    assertThat(dead).hasSize(deadBefore + 1);
                    assertThat(out).hasSize(outBefore);
                    DeadLetter d = dead.get(deadBefore);
                    assertThat(d.kind()).isNotNull();
                    assertThat(d.message()).isNotBlank();
                    assertThat(d.raw()).isEqualTo(in);
                    assertThat(d.kind()).as("unexpected internal error: %s for %s with %s", d, in, cfg).isNotEqualTo(ErrorKind.INTERNAL);
                    break;
                default:
                    assertThat(out).hasSize(outBefore);
                    assertThat(dead).hasSize(deadBefore);
                    assertThat(s.lastFilteredBy()).isNotBlank();
            }
        }
        CleanCounters c = s.counters();
        assertThat(c.inputs()).isEqualTo(outcomes);
        assertThat(c.succeeded() + c.filtered() + c.failed()).isEqualTo(c.inputs());
        assertThat(c.failed()).isEqualTo(dead.size());
        assertThat(c.outputRecords()).isEqualTo(out.size());
        assertThat(c.errors().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(c.failed());
    }

    @Property(tries = 200)
    void validationNeverThrowsOnJunkConfigs(@ForAll("junkConfigs") String text) {
        CleanConfig config;
        try {
            config = CleanConfig.parse(text);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        List<ConfigProblem> problems = CleanPlan.validate(config);
        assertThat(problems).isNotNull();
    }

    @Provide
    Arbitrary<String> junkConfigs() {
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(60);
        Arbitrary<String> mutated = Arbitraries.longs().map(seed -> {
            ObjectNode c = randomConfig(new Random(seed));
            String s = c.toString();
            Random r = new Random(seed);
            StringBuilder b = new StringBuilder(s);
            for (int i = 0; i < 3; i++) {
                int at = r.nextInt(b.length());
                b.setCharAt(at, "{}[]\":,a1 ".charAt(r.nextInt(10)));
            }
            return b.toString();
        });
        return Arbitraries.oneOf(junk, mutated);
    }

    @Provide
    Arbitrary<List<String>> inputs() {
        Arbitrary<String> key = Arbitraries.of(KEYS);
        Arbitrary<String> scalar = Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab1 -:%|,=&\"\\[]{}").ofMaxLength(12).map(s -> new ObjectMapper().valueToTree(s).toString()),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "\"2024-05-01 10:00:00\"", "1714557600000", "\"x\""));
        Arbitrary<String> flat = Combinators.combine(key, scalar).as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(6)
                .map(l -> "{" + String.join(",", l) + "}");
        Arbitrary<String> nested = Combinators.combine(flat, flat.list().ofMaxSize(3))
                .as((o, l) -> o.substring(0, o.length() - 1) + (o.length() > 2 ? "," : "") + "\"items\":[" + String.join(",", l) + "]}");
        Arbitrary<String> array = flat.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> broken = flat.map(s -> s.substring(0, s.length() / 2));
        Arbitrary<String> nginx = Arbitraries.of(
                "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET /a?b=c HTTP/1.1\" 200 2326 \"-\" \"curl/8\"",
                "::1 - u [01/May/2024:10:00:00 +0000] \"POST / HTTP/2.0\" 500 - \"http://x\" \"ua\"");
        Arbitrary<String> text = Arbitraries.strings().withChars("ab1 -:%|,=&\"[]\\\t").ofMaxLength(30);
        return Arbitraries.oneOf(flat, nested, array, broken, nginx, text).list().ofMinSize(1).ofMaxSize(12);
    }

    // ---------------------------------------------------------------- random configs

    static ObjectNode randomConfig(Random r) {
        ObjectNode c = F.objectNode();
        c.put("name", "random");
        ArrayNode steps = c.putArray("steps");
        int[] n = {0};
        steps.add(step(r, 0, n));
        if (r.nextInt(4) == 0) {
            steps.add(step(r, 1, n));
        }
        ObjectNode schema = c.putObject("schema");
        ArrayNode fields = schema.putArray("fields");
        fields.addObject().put("name", "ts").put("type", "timestamp").put("is_time", true);
        String[] types = {"string", "long", "double", "boolean", "decimal", "int", "bigint", "timestamp"};
        for (int i = 0; i < 6; i++) {
            fields.addObject().put("name", "f" + i).put("type", types[r.nextInt(types.length)]);
        }
        ObjectNode time = schema.putObject("time");
        time.putArray("formats").add("yyyy-MM-dd HH:mm:ss").add("unix_millis").add("iso8601").add("dd/MMM/yyyy:HH:mm:ss Z");
        time.put("timezone", r.nextBoolean() ? "UTC" : "Asia/Shanghai");
        time.put("round", new String[] {"none", "second", "hour", "day"}[r.nextInt(4)]);
        return c;
    }

    private static final String[] STRING_OPS = {"json", "json_list", "csv", "delimiter", "kv", "regex", "grok", "dissect",
        "url_decode", "trim", "lower", "upper", "replace", "select", "filter", "branch", "assign"};
    private static final String[] OBJECT_OPS = {"access", "select", "filter", "branch", "assign", "replace", "trim", "lower",
        "upper", "url_decode", "calculate", "rename", "drop", "default"};
    private static final String[] LIST_OPS = {"access", "iterate", "select", "filter", "branch", "assign"};

    /** Shapes as the validator sees them: 'S'tring, 'O'bject, 'L'ist, 'A'ny. Mostly shape-correct, sometimes not. */
    private static ObjectNode step(Random r, int depth, int[] n) {
        return step(r, depth, n, 'S');
    }

    private static ObjectNode step(Random r, int depth, int[] n, char shape) {
        String[] pool = r.nextInt(15) == 0 ? OPS : shape == 'S' ? STRING_OPS : shape == 'O' ? OBJECT_OPS : shape == 'L' ? LIST_OPS : OPS;
        String op = pool[r.nextInt(pool.length)];
        if (depth >= 4) {
            op = "assign";
        }
        ObjectNode s = F.objectNode();
        s.put("label", op + "_" + (n[0]++));
        s.put("op", op);
        String key = KEYS[r.nextInt(KEYS.length)];
        switch (op) {
            case "delimiter": s.put("delimiter", new String[] {"|", ",", " ", "::"}[r.nextInt(4)]); break;
            case "regex": s.put("pattern", new String[] {"(?<a>\\w+)", "^(?<a>\\S+) (?<b>\\d+)", "(?<ts>\\d{4}-\\d\\d-\\d\\d \\S+)"}[r.nextInt(3)]); break;
            case "grok": s.put("pattern", new String[] {"%{COMBINEDAPACHELOG}", "%{IP:a} %{GREEDYDATA:b}", "%{WORD:a}%{SPACE}%{NUMBER:b}"}[r.nextInt(3)]); break;
            case "dissect": s.put("pattern", new String[] {"%{a} %{b}", "%{a}|%{?x}|%{b}", "[%{ts}] %{a}"}[r.nextInt(3)]); break;
            case "url_decode": case "trim": case "lower": case "upper":
                if (shape == 'O' || (shape == 'A' && r.nextBoolean())) {
                    s.put("field", key);
                }
                break;
            case "replace":
                if (r.nextBoolean()) {
                    s.put("pattern", "[0-9]+");
                } else {
                    s.put("from", "-");
                }
                s.put("to", "_");
                if (shape == 'O' || (shape == 'A' && r.nextBoolean())) {
                    s.put("field", key);
                }
                break;
            case "access":
                if (shape == 'O' || (shape != 'L' && r.nextBoolean())) {
                    s.put("key", key);
                } else {
                    s.put("index", r.nextInt(3) - 1);
                }
                if (r.nextBoolean()) {
                    s.put("default", "dflt");
                }
                break;
            case "select": case "filter": s.set("when", cond(r, 0)); break;
            case "branch": {
                ArrayNode cases = s.putArray("cases");
                int k = 1 + r.nextInt(2);
                for (int i = 0; i < k; i++) {
                    ObjectNode cs = cases.addObject();
                    cs.set("when", cond(r, 1));
                    cs.putArray("next").add(step(r, depth + 1, n, shape));
                }
                if (r.nextBoolean()) {
                    s.putArray("default_next").add(step(r, depth + 1, n, shape));
                }
                return s;
            }
            case "assign": {
                ArrayNode fs = s.putArray("fields");
                int k = 1 + r.nextInt(3);
                for (int i = 0; i < k; i++) {
                    ObjectNode f = fs.addObject();
                    int kind = shape == 'O' ? (r.nextInt(5) == 0 ? 2 : 0) : shape == 'L' ? (r.nextInt(5) == 0 ? 2 : 1)
                            : shape == 'S' ? 2 + r.nextInt(2) : r.nextInt(4);
                    if (kind == 0) {
                        f.put("key", KEYS[r.nextInt(KEYS.length)]);
                    } else if (kind == 1) {
                        f.put("index", r.nextInt(3));
                    } else if (kind == 2) {
                        f.put("value", 1714557600000L);
                    }
                    f.put("as", r.nextInt(3) == 0 ? "ts" : "f" + r.nextInt(6));
                    if (r.nextBoolean()) {
                        f.put("default", "0");
                    }
                    if (r.nextBoolean()) {
                        f.put("optional", true);
                    }
                }
                break;
            }
            case "calculate": s.put("expr", new String[] {"a + b", "b * 2 - c / 3", "(a % 2)"}[r.nextInt(3)]).put("as", key); break;
            case "rename": s.put("from", key).put("to", KEYS[r.nextInt(KEYS.length)]); break;
            case "drop": s.putArray("fields").add(key); break;
            case "default": s.put("field", key).put("value", "zz"); break;
            default: break;
        }
        int children = depth >= 3 ? 0 : r.nextInt(3);
        if (children > 0 || !op.equals("assign")) {
            ArrayNode next = s.putArray("next");
            char out = outShape(op, shape);
            for (int i = 0; i < Math.max(1, children); i++) {
                next.add(step(r, depth + 1, n, out));
            }
            if (r.nextInt(3) > 0) {
                ObjectNode a = next.addObject();
                a.put("label", "t_" + (n[0]++)).put("op", "assign");
                a.putArray("fields").addObject().put("value", "2024-05-01 10:00:00").put("as", "ts");
            }
        }
        return s;
    }

    private static char outShape(String op, char in) {
        switch (op) {
            case "json": case "access": case "iterate": return 'A';
            case "json_list": case "csv": case "delimiter": return 'L';
            case "kv": case "regex": case "grok": case "dissect": return 'O';
            default: return in;
        }
    }

    private static ObjectNode cond(Random r, int depth) {
        String op = depth > 2 ? "equal" : CONDS[r.nextInt(CONDS.length)];
        ObjectNode c = F.objectNode();
        c.put("op", op);
        switch (op) {
            case "and": case "or": {
                ArrayNode cs = c.putArray("conditions");
                cs.add(cond(r, depth + 1));
                cs.add(cond(r, depth + 1));
                break;
            }
            case "not": c.set("condition", cond(r, depth + 1)); break;
            case "true": break;
            case "in": c.put("field", KEYS[r.nextInt(KEYS.length)]).putArray("values").add("a").add(1); break;
            case "is_null": c.put("field", KEYS[r.nextInt(KEYS.length)]); break;
            case "regex": c.put("field", KEYS[r.nextInt(KEYS.length)]).put("value", "^[ab]"); break;
            default:
                if (r.nextBoolean()) {
                    c.put("field", KEYS[r.nextInt(KEYS.length)]);
                } else {
                    c.put("index", 0);
                }
                if (r.nextBoolean()) {
                    c.put("value", r.nextInt(100));
                } else {
                    c.put("value", "a");
                }
        }
        return c;
    }
}
