package dev.lark.engine.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void masksKeyValuePairsInTextAndJdbcUrls() {
        assertThat(Secrets.redact("jdbc:mysql://h:3306/db?user=u&password=s3cr3t&useSSL=false"))
                .isEqualTo("jdbc:mysql://h:3306/db?user=u&password=******&useSSL=false");
        assertThat(Secrets.redact("password: hunter22 next")).isEqualTo("password: ****** next");
        assertThat(Secrets.redact("ssl.keystore.password=abc")).isEqualTo("ssl.keystore.password=******");
    }

    @Test
    void masksUrlUserInfo() {
        assertThat(Secrets.redact("http://admin:pa55word@127.0.0.1:21000/api"))
                .isEqualTo("http://admin:******@127.0.0.1:21000/api");
    }

    @Test
    void masksJsonMembersInTextAndTrees() throws Exception {
        String json = "{\"username\":\"root\",\"password\":\"p\\\"q\",\"nested\":{\"secretKey\":\"k\"}}";
        assertThat(Secrets.redact(json)).doesNotContain("p\\\"q").contains("\"password\":\"******\"")
                .contains("\"username\":\"root\"").contains("\"secretKey\":\"******\"");
        JsonNode tree = new ObjectMapper().readTree(json);
        JsonNode red = Secrets.redact(tree);
        assertThat(red.get("password").asText()).isEqualTo(Secrets.MASK);
        assertThat(red.get("nested").get("secretKey").asText()).isEqualTo(Secrets.MASK);
        assertThat(tree.get("password").asText()).isEqualTo("p\"q");
    }

    @Test
    void masksRegisteredLiteralsAnywhere() {
        Secrets.register("Tr0ub4dor&3");
        assertThat(Secrets.redact("connect failed for Tr0ub4dor&3 at host")).isEqualTo(
                "connect failed for ****** at host");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(Secrets.redact("copied 10 rows from db.t where id > 5")).isEqualTo(
                "copied 10 rows from db.t where id > 5");
        assertThat(Secrets.isSecretKey("password")).isTrue();
        assertThat(Secrets.isSecretKey("sasl.jaas.config")).isTrue();
        assertThat(Secrets.isSecretKey("username")).isFalse();
    }
}
