package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The sandbox Atlas is up, secured, loaded with the shipped models and serves its web UI. */
@Sandboxed({"atlas"})
class AtlasServerIT {

    @Test
    void serverIsActive(SandboxEndpoints endpoints) throws Exception {
        HttpResponse<String> r = new AtlasHttp(endpoints).get("/api/atlas/admin/status");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(AtlasHttp.json(r).path("Status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void restRefusesCallersWithoutTheAdminPassword(SandboxEndpoints endpoints) throws Exception {
        AtlasHttp wrong = new AtlasHttp(endpoints.get("atlas", "restUrl"), "admin", "admin");

        // (admin/status itself is open to anyone, for load balancers)
        String typedef = "/api/atlas/v2/types/typedef/name/DataSet";
        assertThat(new AtlasHttp(endpoints).getAnonymous(typedef).statusCode()).isEqualTo(401);
        assertThat(wrong.get(typedef).statusCode()).isEqualTo(401);
        assertThat(new AtlasHttp(endpoints).get(typedef).statusCode()).isEqualTo(200);
    }

    @Test
    void baseModelDefinesDataSetAndProcess(SandboxEndpoints endpoints) throws Exception {
        AtlasHttp atlas = new AtlasHttp(endpoints);

        JsonNode dataSet = AtlasHttp.json(atlas.get("/api/atlas/v2/types/typedef/name/DataSet"));
        JsonNode process = AtlasHttp.json(atlas.get("/api/atlas/v2/types/typedef/name/Process"));

        assertThat(dataSet.path("category").asText()).isEqualTo("ENTITY");
        assertThat(dataSet.path("superTypes").toString()).contains("Asset");
        assertThat(process.path("category").asText()).isEqualTo("ENTITY");
        assertThat(process.path("attributeDefs").findValuesAsText("name")).contains("inputs", "outputs");
    }

    @Test
    void builtInTypesTheLineageHookReusesExist(SandboxEndpoints endpoints) throws Exception {
        AtlasHttp atlas = new AtlasHttp(endpoints);

        for (String type : new String[] {"rdbms_table", "kafka_topic", "hive_table", "hdfs_path",
                "ProcessExecution"}) {
            HttpResponse<String> r = atlas.get("/api/atlas/v2/types/typedef/name/" + type);
            assertThat(r.statusCode()).as("typedef %s", type).isEqualTo(200);
            assertThat(AtlasHttp.json(r).path("name").asText()).isEqualTo(type);
        }
    }

    @Test
    void webUiIsServed(SandboxEndpoints endpoints) throws Exception {
        AtlasHttp atlas = new AtlasHttp(endpoints);

        HttpResponse<String> index = atlas.get("/index.html");
        HttpResponse<String> login = atlas.getAnonymous("/login.jsp");

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).containsIgnoringCase("<html").contains("Atlas");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("name=\"username\"", "name=\"password\"");
    }
}
