package dev.lark.lineage.openlineage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.lineage.DeliveryOutcome;
import dev.lark.lineage.LineageSink;
import dev.lark.lineage.model.ColumnLineage;
import dev.lark.lineage.model.ColumnRef;
import dev.lark.lineage.model.Dataset;
import dev.lark.lineage.model.QualityCheck;
import dev.lark.lineage.model.RunEvent;
import dev.lark.lineage.model.SchemaField;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code lark.lineage.sink=openlineage}: posts each event as an OpenLineage 2-0-2 RunEvent JSON to
 * {@code lark.lineage.openlineage.url} (e.g. Marquez {@code http://host:5000/api/v1/lineage}), with optional
 * {@code lark.lineage.openlineage.apiKey} as a Bearer token. Facets: schema, columnLineage, dataQualityAssertions,
 * nominalTime, parent (the DS workflow run). The run id is derived from the DS task instance, so retries and the
 * START/COMPLETE events of one run share it. Written against the spec JSON, without openlineage-java.
 */
public final class OpenLineageSink implements LineageSink {
    static final String SPEC = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    static final String FACETS = "https://openlineage.io/spec/facets/1-0-1/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String apiKey;
    private final String namespacePrefix;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public OpenLineageSink(URI url, String apiKey, String namespacePrefix) {
        this.url = url;
        this.apiKey = apiKey;
        this.namespacePrefix = namespacePrefix == null ? "dolphinscheduler" : namespacePrefix;
    }

    @Override
    public String name() {
        return "openlineage";
    }

    @Override
    public List<DeliveryOutcome> deliver(List<RunEvent> events) throws Exception {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (RunEvent e : events) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(toOpenLineage(e))));
            if (apiKey != null && !apiKey.isEmpty()) {
                rb.header("Authorization", "Bearer " + apiKey);
            }
            HttpResponse<String> r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            int s = r.statusCode();
            if (s >= 200 && s < 300) {
                out.add(DeliveryOutcome.accepted());
            } else if (s >= 400 && s < 500 && s != 401 && s != 403 && s != 408 && s != 429) {
                out.add(DeliveryOutcome.rejected("POST " + url.getPath() + " -> HTTP " + s + ": " + r.body()));
            } else {
                throw new IOException("OpenLineage endpoint answered HTTP " + s + ": " + r.body());
            }
        }
        return out;
    }

    /** The OpenLineage JSON of one event. */
    public ObjectNode toOpenLineage(RunEvent e) {
        ObjectNode root = JSON.createObjectNode();
        root.put("eventType", e.getEventType().name());
        root.put("eventTime", e.getEventTime().toString());
        root.put("producer", e.getProducer());
        root.put("schemaURL", SPEC);
        ObjectNode run = root.putObject("run");
        run.put("runId", runId("ti", e.getRun().getTaskInstanceId()));
        ObjectNode runFacets = run.putObject("facets");
        if (e.getRun().getScheduleTime() != null) {
            facet(runFacets, "nominalTime", "NominalTimeRunFacet.json")
                    .put("nominalStartTime", e.getRun().getScheduleTime().toString());
        }
        ObjectNode parent = facet(runFacets, "parent", "ParentRunFacet.json");
        parent.putObject("run").put("runId", runId("wi", e.getRun().getWorkflowInstanceId()));
        parent.putObject("job").put("namespace", jobNamespace(e)).put("name", Long.toString(e.getJob().getWorkflowCode()));
        ObjectNode job = root.putObject("job");
        job.put("namespace", jobNamespace(e));
        job.put("name", e.getJob().getWorkflowCode() + "." + e.getJob().getTaskCode());
        job.putObject("facets");
        Map<String, Dataset> byQn = new HashMap<>();
        e.getInputs().forEach(d -> byQn.put(d.qualifiedName(), d));
        e.getOutputs().forEach(d -> byQn.put(d.qualifiedName(), d));
        ArrayNode inputs = root.putArray("inputs");
        for (Dataset d : e.getInputs()) {
            inputs.add(dataset(d, null, byQn));
        }
        ArrayNode outputs = root.putArray("outputs");
        for (Dataset d : e.getOutputs()) {
            outputs.add(dataset(d, e.getColumnLineage(), byQn));
        }
        return root;
    }

    private String jobNamespace(RunEvent e) {
        return namespacePrefix + "." + e.getJob().getProjectCode();
    }

    private static ObjectNode dataset(Dataset d, List<ColumnLineage> lineage, Map<String, Dataset> byQn) {
        ObjectNode n = JSON.createObjectNode();
        n.put("namespace", namespace(d));
        n.put("name", d.getName().toLowerCase());
        ObjectNode facets = n.putObject("facets");
        if (!d.getFields().isEmpty()) {
            ArrayNode fields = facet(facets, "schema", "SchemaDatasetFacet.json").putArray("fields");
            for (SchemaField f : d.getFields()) {
                ObjectNode fn = fields.addObject().put("name", f.getName());
                if (f.getType() != null) {
                    fn.put("type", f.getType());
                }
            }
        }
        if (lineage != null) {
            ObjectNode fields = null;
            for (ColumnLineage cl : lineage) {
                if (!cl.getOutput().getDataset().equals(d.qualifiedName())) {
                    continue;
                }
                if (fields == null) {
                    fields = facet(facets, "columnLineage", "ColumnLineageDatasetFacet.json").putObject("fields");
                }
                ArrayNode in = fields.putObject(cl.getOutput().getColumn()).putArray("inputFields");
                for (ColumnRef r : cl.getInputs()) {
                    Dataset src = byQn.get(r.getDataset());
                    in.addObject().put("namespace", src == null ? "unknown" : namespace(src))
                            .put("name", src == null ? r.getDataset() : src.getName().toLowerCase())
                            .put("field", r.getColumn());
                }
                fields.with(cl.getOutput().getColumn()).put("transformationDescription", cl.getTransformation());
            }
        }
        if (d.getQuality() != null) {
            ArrayNode a = facet(facets, "dataQualityAssertions", "DataQualityAssertionsDatasetFacet.json")
                    .putArray("assertions");
            for (QualityCheck c : d.getQuality().getChecks()) {
                ObjectNode an = a.addObject().put("assertion", c.getRuleCode()).put("success", c.isPassed());
                if (c.getColumn() != null) {
                    an.put("column", c.getColumn());
                }
            }
        }
        return n;
    }

    /** OpenLineage dataset namespaces: {@code <platform>://<server alias or cluster>}. */
    static String namespace(Dataset d) {
        String platform = d.getPlatform() == null ? d.getKind().name().toLowerCase() : d.getPlatform();
        return platform + "://" + d.getNamespace();
    }

    private static ObjectNode facet(ObjectNode facets, String name, String schema) {
        ObjectNode f = facets.putObject(name);
        f.put("_producer", "https://github.com/lark/lark/lineage-hook");
        f.put("_schemaURL", FACETS + schema);
        return f;
    }

    private static String runId(String kind, long id) {
        return UUID.nameUUIDFromBytes(("lark-ds-" + kind + "-" + id).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
