package dev.lark.ingest.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lark.engine.common.ConfigException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;

/** DataX's transformer semantics, step by step, and the errors for what Lark does not run. */
class TransformersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Transformers parse(String json) throws Exception {
        JsonNode n = JSON.readTree(json);
        return Transformers.parse(n, "job.content[0].transformer");
    }

    private static Transformers one(String name, int column, String... paras) throws Exception {
        StringBuilder p = new StringBuilder();
        for (String s : paras) {
            p.append(p.length() == 0 ? "" : ",").append(JSON.writeValueAsString(s));
        }
        return parse("[{\"name\":\"" + name + "\",\"parameter\":{\"columnIndex\":" + column + ",\"paras\":[" + p
                + "]}}]");
    }

    private static Object[] row(Object... v) {
        return v;
    }

    @Test
    void substrTakesLengthCharactersFromStartAndFewerAtTheEnd() throws Exception {
        Transformers t = one("dx_substr", 1, "1", "3");
        assertThat(t.apply(row(1L, "dataxTest"))).containsExactly(1L, "ata");
        assertThat(t.apply(row(1L, "dat"))).containsExactly(1L, "at");
        assertThat(t.apply(row(1L, null))).containsExactly(1L, null);
        // non-string values are taken as text, as DataX does
        assertThat(one("dx_substr", 0, "0", "2").apply(row(12345L))).containsExactly("12");
        assertThat(t.apply(row(1L, "d"))).containsExactly(1L, "");
        assertThatThrownBy(() -> t.apply(row(1L, ""))).isInstanceOf(TransformException.class)
                .hasMessageContaining("dx_substr").hasMessageContaining("startIndex 1").hasMessageContaining("length 0");
    }

    @Test
    void padFillsLeftOrRightAndCutsLongerValues() throws Exception {
        assertThat(one("dx_pad", 0, "l", "4", "A").apply(row("xyz"))).containsExactly("Axyz");
        assertThat(one("dx_pad", 0, "r", "6", "AB").apply(row("xyz"))).containsExactly("xyzABA");
        assertThat(one("dx_pad", 0, "l", "4", "A").apply(row("xyzzzzz"))).containsExactly("xyzz");
        assertThat(one("dx_pad", 0, "r", "4", "A").apply(row("xyzzzzz"))).containsExactly("xyzz");
        assertThat(one("dx_pad", 0, "l", "2", "0").apply(row((Object) null))).containsExactly("00");
    }

    @Test
    void replaceSwapsTheGivenRange() throws Exception {
        assertThat(one("dx_replace", 0, "2", "4", "****").apply(row("dataxTest"))).containsExactly("da****est");
        assertThat(one("dx_replace", 0, "5", "100", "!").apply(row("dataxTest"))).containsExactly("datax!");
        assertThat(one("dx_replace", 0, "0", "0", ">").apply(row("a"))).containsExactly(">a");
        assertThatThrownBy(() -> one("dx_replace", 0, "9", "1", "x").apply(row("short")))
                .isInstanceOf(TransformException.class).hasMessageContaining("dx_replace");
    }

    @Test
    void filterDropsTheRecordsThatMatch() throws Exception {
        assertThat(one("dx_filter", 0, ">", "10").apply(row(11L))).isNull();
        assertThat(one("dx_filter", 0, ">", "10").apply(row(10L))).containsExactly(10L);
        assertThat(one("dx_filter", 0, ">=", "10").apply(row(10L))).isNull();
        assertThat(one("dx_filter", 0, "<", "2.5").apply(row(new BigDecimal("2.49")))).isNull();
        assertThat(one("dx_filter", 0, "<=", "2.5").apply(row(3.0d))).containsExactly(3.0d);
        assertThat(one("dx_filter", 0, "=", "ok").apply(row("ok"))).isNull();
        assertThat(one("dx_filter", 0, "!=", "ok").apply(row("ok"))).containsExactly("ok");
        assertThat(one("dx_filter", 0, "like", "da.*").apply(row("dataxTest"))).isNull();
        assertThat(one("dx_filter", 0, "like", "da").apply(row("dataxTest"))).containsExactly("dataxTest");
        assertThat(one("dx_filter", 0, "not like", "da.*").apply(row("xx"))).isNull();
        assertThat(one("dx_filter", 0, ">", "2026-11-01").apply(row(Timestamp.valueOf("2026-11-02 00:00:00"))))
                .isNull();
        assertThat(one("dx_filter", 0, ">", "2026-11-01").apply(row(Timestamp.valueOf("2026-10-31 23:00:00"))))
                .isNotNull();
    }

    @Test
    void filterOnNullFollowsDataX() throws Exception {
        assertThat(one("dx_filter", 0, "=", "null").apply(row((Object) null))).isNull();
        assertThat(one("dx_filter", 0, "=", "x").apply(row((Object) null))).isNotNull();
        assertThat(one("dx_filter", 0, "!=", "null").apply(row((Object) null))).isNotNull();
        assertThat(one("dx_filter", 0, "!=", "x").apply(row((Object) null))).isNull();
        assertThat(one("dx_filter", 0, ">", "1").apply(row((Object) null))).isNotNull();
        assertThat(one("dx_filter", 0, "like", ".*").apply(row((Object) null))).isNotNull();
    }

    @Test
    void filterOfANumberWithTextMakesTheRecordDirty() throws Exception {
        assertThatThrownBy(() -> one("dx_filter", 0, ">", "abc").apply(row(5L)))
                .isInstanceOf(TransformException.class).hasMessageContaining("not a number");
    }

    @Test
    void stepsRunInOrderAndStopAtAFilter() throws Exception {
        Transformers t = parse("[{\"name\":\"dx_substr\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"0\",\"2\"]}},"
                + "{\"name\":\"dx_filter\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"=\",\"ab\"]}},"
                + "{\"name\":\"dx_pad\",\"parameter\":{\"columnIndex\":0,\"paras\":[\"l\",\"4\",\"-\"]}}]");
        assertThat(t.names()).containsExactly("dx_substr", "dx_filter", "dx_pad");
        assertThat(t.apply(row("abc"))).isNull();
        assertThat(t.apply(row("xyz"))).containsExactly("--xy");
        assertThat(t.apply(row("xyz", 1L))).containsExactly("--xy", 1L);
        assertThatThrownBy(() -> one("dx_pad", 3, "l", "2", "x").apply(row("a")))
                .isInstanceOf(TransformException.class).hasMessageContaining("columnIndex 3");
    }

    @Test
    void groovyIsRefusedByName() {
        assertThatThrownBy(() -> parse("[{\"name\":\"dx_groovy\",\"parameter\":{\"code\":\"return record;\"}}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("job.content[0].transformer[0].name")
                .hasMessageContaining("dx_groovy").hasMessageContaining("not supported")
                .hasMessageContaining("dx_substr");
    }

    @Test
    void badDefinitionsNameTheField() {
        assertThatThrownBy(() -> parse("[{\"name\":\"dx_upper\",\"parameter\":{\"columnIndex\":0}}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dx_upper").hasMessageContaining("dx_pad");
        assertThatThrownBy(() -> one("dx_substr", 0, "1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("transformer[0].parameter.paras").hasMessageContaining("startIndex");
        assertThatThrownBy(() -> one("dx_substr", 0, "x", "1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("paras[0]").hasMessageContaining("non-negative integer");
        assertThatThrownBy(() -> one("dx_pad", 0, "middle", "3", "x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("paras[0]").hasMessageContaining("\"l\"");
        assertThatThrownBy(() -> one("dx_filter", 0, "~", "x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("paras[0]").hasMessageContaining("not like");
        assertThatThrownBy(() -> one("dx_filter", 0, "like", "(")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("paras[1]").hasMessageContaining("regular expression");
        assertThatThrownBy(() -> parse("[{\"name\":\"dx_substr\",\"parameter\":{\"paras\":[\"0\",\"1\"]}}]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("columnIndex");
        assertThatThrownBy(() -> parse("{\"name\":\"dx_substr\"}")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("job.content[0].transformer");
    }
}
