package dev.lark.it.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.testkit.SandboxEndpoints;
import dev.lark.testkit.Sandboxed;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Entities written through Atlas REST v2 are stored with their relationships and found by qualifiedName. */
@Sandboxed({"atlas"})
class AtlasEntityRestIT {

    @Test
    void createsTableInDatabaseAndReadsItBackByQualifiedName(SandboxEndpoints endpoints) throws Exception {
        AtlasHttp atlas = new AtlasHttp(endpoints);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dbName = "rest_db_" + run;
        String tableQn = dbName + ".orders@lark-it";

        ObjectNode[] chain = instanceDbTable("rest_" + run, dbName, "orders");
        chain[2].with("attributes").put("comment", "created by AtlasEntityRestIT");
        ObjectNode body = AtlasHttp.JSON.createObjectNode();
        body.putArray("entities").addAll(java.util.List.of(chain));

        HttpResponse<String> created = atlas.post("/api/atlas/v2/entity/bulk", body);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        JsonNode assigned = AtlasHttp.json(created).path("guidAssignments");
        String dbGuid = assigned.path("-2").asText();
        String tableGuid = assigned.path("-3").asText();
        assertThat(dbGuid).isNotBlank();
        assertThat(tableGuid).isNotBlank().isNotEqualTo(dbGuid);

        HttpResponse<String> read = atlas.entityByQualifiedName("rdbms_table", tableQn);

        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        JsonNode e = AtlasHttp.json(read).path("entity");
        assertThat(e.path("guid").asText()).isEqualTo(tableGuid);
        assertThat(e.path("typeName").asText()).isEqualTo("rdbms_table");
        assertThat(e.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(e.path("attributes").path("qualifiedName").asText()).isEqualTo(tableQn);
        assertThat(e.path("attributes").path("name").asText()).isEqualTo("orders");
        assertThat(e.path("attributes").path("comment").asText()).isEqualTo("created by AtlasEntityRestIT");
        assertThat(e.path("relationshipAttributes").path("db").path("guid").asText()).isEqualTo(dbGuid);

        HttpResponse<String> missing = atlas.entityByQualifiedName("rdbms_table", dbName + ".nope@lark-it");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    /**
     * An rdbms_instance, an rdbms_db in it and an rdbms_table in that (guids -1, -2, -3): the rdbms model's
     * compositions make the parent mandatory ("rdbms_db.instance: mandatory attribute value missing").
     */
    static ObjectNode[] instanceDbTable(String instance, String db, String table) {
        ObjectNode i = entity("rdbms_instance", "-1", instance + "@lark-it", instance);
        i.with("attributes").put("rdbms_type", "mariadb");
        ObjectNode d = entity("rdbms_db", "-2", db + "@lark-it", db);
        d.with("relationshipAttributes").set("instance", reference("-1", "rdbms_instance"));
        ObjectNode t = entity("rdbms_table", "-3", db + "." + table + "@lark-it", table);
        t.with("relationshipAttributes").set("db", reference("-2", "rdbms_db"));
        return new ObjectNode[] {i, d, t};
    }

    static ObjectNode entity(String type, String guid, String qualifiedName, String name) {
        ObjectNode e = AtlasHttp.JSON.createObjectNode();
        e.put("typeName", type);
        e.put("guid", guid);
        e.putObject("attributes").put("qualifiedName", qualifiedName).put("name", name);
        e.putObject("relationshipAttributes");
        return e;
    }

    static ObjectNode reference(String guid, String type) {
        ObjectNode r = AtlasHttp.JSON.createObjectNode();
        r.put("guid", guid);
        r.put("typeName", type);
        return r;
    }
}
