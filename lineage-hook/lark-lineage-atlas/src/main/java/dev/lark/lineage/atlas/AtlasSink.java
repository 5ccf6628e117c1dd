package dev.lark.lineage.atlas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lark.lineage.DeliveryOutcome;
import dev.lark.lineage.LineageSink;
import dev.lark.lineage.model.QualityCheck;
import dev.lark.lineage.model.RunEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to Atlas over REST v2: typedef bootstrap once, then the entities of the whole batch merged into
 * as few bulk requests as the size limits allow ({@code POST /api/atlas/v2/entity/bulk}), then quality metadata.
 *
 * <p>If Atlas rejects a merged batch for good (4xx), the events are sent one by one so that only the bad event is
 * rejected (and parked by the dispatcher) and the others go through. Network errors, 5xx, 401/403 and 429 are
 * thrown: the dispatcher retries the whole batch later. Every request is an upsert by qualifiedName, so a retry
 * after a partial success creates nothing twice.
 */
public final class AtlasSink implements LineageSink {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasSink.class);
    static final String BM = "DataQuality";
    static final String ISSUE = "DataQualityIssue";

    private final AtlasRestClient client;
    private final EntityTransport transport;
    private final AtlasEntityMapper mapper;
    private final AtlasSinkConfig config;
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean bootstrapped;

    /** REST v2 transport. */
    public AtlasSink(AtlasSinkConfig config) {
        this.config = config;
        this.client = new AtlasRestClient(config);
        this.transport = new RestTransport(client);
        this.mapper = new AtlasEntityMapper(config.namespace());
    }

    /**
     * Kafka {@code ATLAS_HOOK} transport for entities ({@code lark.lineage.atlas.kafka.bootstrap}, {@code .topic});
     * typedefs and quality metadata (business metadata, classification) still go over REST, which has no Kafka
     * equivalent.
     */
    public static AtlasSink kafka(AtlasSinkConfig config, Map<String, String> properties) {
        return new AtlasSink(config, new KafkaHookTransport(properties, config));
    }

    private AtlasSink(AtlasSinkConfig config, EntityTransport transport) {
        this.config = config;
        this.client = new AtlasRestClient(config);
        this.transport = transport;
        this.mapper = new AtlasEntityMapper(config.namespace());
    }

    @Override
    public String name() {
        return transport.name();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** REST: {@code POST /api/atlas/v2/entity/bulk}, one call per body. */
    private static final class RestTransport implements EntityTransport {
        private final AtlasRestClient client;

        RestTransport(AtlasRestClient client) {
            this.client = client;
        }

        @Override
        public String name() {
            return "atlas-rest";
        }

        @Override
        public boolean synchronous() {
            return true;
        }

        @Override
        public void send(List<byte[]> bodies) throws IOException, AtlasHttpException, InterruptedException {
            for (byte[] body : bodies) {
                client.post("/api/atlas/v2/entity/bulk", body);
            }
        }
    }

    /** Bulk entity requests sent so far (for benchmarks). */
    public long entityRequests() {
        return requests.get();
    }

    public AtlasRestClient client() {
        return client;
    }

    /** Creates/updates Lark's typedefs if needed (also done lazily before the first delivery). */
    public AtlasTypedefs.Result bootstrap() throws IOException, AtlasHttpException, InterruptedException {
        AtlasTypedefs.Result r = AtlasTypedefs.bootstrap(client);
        bootstrapped = true;
        return r;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<RunEvent> events) throws Exception {
        if (!bootstrapped) {
            try {
                bootstrap();
            } catch (AtlasHttpException e) {
                // a typedef Atlas refuses is a deployment problem, not one event's: keep retrying, loudly
                throw new IOException("Atlas typedef bootstrap failed: " + e.getMessage(), e);
            }
        }
        List<AtlasPayload> payloads = new ArrayList<>(events.size());
        DeliveryOutcome[] outcomes = new DeliveryOutcome[events.size()];
        for (int i = 0; i < events.size(); i++) {
            try {
                payloads.add(mapper.map(events.get(i)));
            } catch (RuntimeException e) {
                payloads.add(null);
                outcomes[i] = DeliveryOutcome.rejected("cannot map to Atlas entities: " + e.getMessage());
            }
        }
        List<AtlasPayload> ok = payloads.stream().filter(p -> p != null).collect(Collectors.toList());
        if (ok.size() > 1) {
            try {
                sendEntities(ok);
                applyQuality(latestPerDataset(ok)); // older results in the batch would be overwritten anyway
                for (int i = 0; i < events.size(); i++) {
                    if (payloads.get(i) != null) {
                        outcomes[i] = DeliveryOutcome.accepted();
                    }
                }
                return Arrays.asList(outcomes);
            } catch (AtlasHttpException e) {
                if (!e.isPermanent()) {
                    throw e;
                }
                LOG.info("Atlas rejected a merged batch of {} events ({}); sending them one by one to isolate it",
                        ok.size(), e.getMessage());
            }
        }
        for (int i = 0; i < events.size(); i++) {
            AtlasPayload p = payloads.get(i);
            if (p == null) {
                continue;
            }
            try {
                sendEntities(Collections.singletonList(p));
                applyQuality(p.quality);
                outcomes[i] = DeliveryOutcome.accepted();
            } catch (AtlasHttpException e) {
                if (!e.isPermanent()) {
                    throw e;
                }
                outcomes[i] = DeliveryOutcome.rejected(e.getMessage());
            }
        }
        List<DeliveryOutcome> out = new ArrayList<>(outcomes.length);
        Collections.addAll(out, outcomes);
        return out;
    }

    private void sendEntities(List<AtlasPayload> payloads) throws IOException, AtlasHttpException,
            InterruptedException {
        List<EntityDraft> all = new ArrayList<>();
        payloads.forEach(p -> all.addAll(p.entities));
        List<byte[]> bodies = BulkRequests.split(BulkRequests.mergeAndOrder(all), config.batchEntities(),
                config.maxRequestBytes());
        transport.send(bodies);
        requests.addAndGet(bodies.size());
    }

    /** The last quality update per dataset across the batch, carrying every rule of the batch to prune. */
    static List<AtlasPayload.QualityUpdate> latestPerDataset(List<AtlasPayload> payloads) {
        Map<String, AtlasPayload.QualityUpdate> latest = new LinkedHashMap<>();
        Map<String, Set<EntityDraft.Ref>> rules = new LinkedHashMap<>();
        for (AtlasPayload p : payloads) {
            for (AtlasPayload.QualityUpdate q : p.quality) {
                latest.remove(q.dataset.key());
                latest.put(q.dataset.key(), q);
                rules.computeIfAbsent(q.dataset.key(), k -> new LinkedHashSet<>()).addAll(q.rules);
            }
        }
        List<AtlasPayload.QualityUpdate> out = new ArrayList<>();
        for (AtlasPayload.QualityUpdate q : latest.values()) {
            out.add(new AtlasPayload.QualityUpdate(q.dataset, q.facet, q.checkTimeMillis,
                    new ArrayList<>(rules.get(q.dataset.key()))));
        }
        return out;
    }

    /** Business metadata + classification on the dataset, and the check-run history pruned to the last N. */
    private void applyQuality(List<AtlasPayload.QualityUpdate> updates) throws IOException, AtlasHttpException,
            InterruptedException {
        for (AtlasPayload.QualityUpdate q : updates) {
            JsonNode dataset = client.entityHeader(q.dataset.typeName, q.dataset.qualifiedName);
            for (int i = 0; dataset == null && !transport.synchronous() && i < 60; i++) {
                Thread.sleep(500); // Atlas consumes the hook topic asynchronously (seconds)
                dataset = client.entityHeader(q.dataset.typeName, q.dataset.qualifiedName);
            }
            if (dataset == null) { // not there yet: try the batch again later (re-sending is idempotent)
                throw new IOException("dataset " + q.dataset + " not in Atlas yet; its quality metadata waits");
            }
            String guid = dataset.path("guid").asText();
            boolean tagged = false;
            for (JsonNode c : dataset.path("classifications")) {
                tagged |= ISSUE.equals(c.path("typeName").asText()) && guid.equals(c.path("entityGuid").asText(guid));
            }
            ObjectNode bm = AtlasRestClient.JSON.createObjectNode();
            ObjectNode attrs = bm.putObject(BM);
            attrs.put("score", q.facet.score());
            attrs.put("status", q.facet.status().name());
            attrs.put("rulesPassed", q.facet.rulesPassed());
            attrs.put("rulesFailed", q.facet.rulesFailed());
            attrs.put("lastCheckTime", q.checkTimeMillis);
            client.post("/api/atlas/v2/entity/guid/" + guid + "/businessmetadata?isOverwrite=false",
                    AtlasRestClient.JSON.writeValueAsBytes(bm));

            String classificationPath = "/api/atlas/v2/entity/guid/" + guid + "/classifications";
            if (q.facet.rulesFailed() > 0) {
                ArrayNode tags = AtlasRestClient.JSON.createArrayNode();
                ObjectNode tag = tags.addObject();
                tag.put("typeName", ISSUE);
                tag.put("propagate", false);
                ObjectNode ta = tag.putObject("attributes");
                ta.put("failedRules", q.facet.getChecks().stream().filter(c -> !c.isPassed())
                        .map(QualityCheck::getRuleCode).collect(Collectors.joining(",")));
                ta.put("checkTime", q.checkTimeMillis);
                ta.put("score", q.facet.score());
                byte[] body = AtlasRestClient.JSON.writeValueAsBytes(tags);
                if (tagged) {
                    client.put(classificationPath, body); // adding an existing tag is a 400 in Atlas: update it
                } else {
                    client.post(classificationPath, body);
                }
            } else if (tagged) {
                try {
                    client.delete("/api/atlas/v2/entity/guid/" + guid + "/classification/" + ISSUE);
                } catch (AtlasHttpException e) {
                    if (!e.isPermanent()) {
                        throw e;
                    } // not tagged: nothing to remove
                }
            }
            for (EntityDraft.Ref rule : q.rules) {
                pruneCheckRuns(rule);
            }
        }
    }

    private void pruneCheckRuns(EntityDraft.Ref rule) throws IOException, AtlasHttpException, InterruptedException {
        JsonNode e = client.entityByQualifiedName(rule.typeName, rule.qualifiedName);
        if (e == null) {
            return;
        }
        List<long[]> runs = new ArrayList<>(); // [taskInstanceId, index]
        List<String> guids = new ArrayList<>();
        for (JsonNode r : e.path("relationshipAttributes").path("checkRuns")) {
            if (!"ACTIVE".equals(r.path("entityStatus").asText("ACTIVE"))
                    || !"ACTIVE".equals(r.path("relationshipStatus").asText("ACTIVE"))) {
                continue;
            }
            String text = r.path("displayText").asText("");
            int hash = text.lastIndexOf('#');
            long ti = 0;
            try {
                ti = Long.parseLong(text.substring(hash + 1).trim());
            } catch (RuntimeException ignored) {
                // unknown name format: treat as oldest
            }
            runs.add(new long[] {ti, guids.size()});
            guids.add(r.path("guid").asText());
        }
        if (runs.size() <= config.dqHistory()) {
            return;
        }
        runs.sort((a, b) -> Long.compare(b[0], a[0]));
        StringBuilder q = new StringBuilder();
        for (long[] r : runs.subList(config.dqHistory(), runs.size())) {
            q.append(q.length() == 0 ? "?" : "&").append("guid=").append(guids.get((int) r[1]));
        }
        client.delete("/api/atlas/v2/entity/bulk" + q);
    }
}
