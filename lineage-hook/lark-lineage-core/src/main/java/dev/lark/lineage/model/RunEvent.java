package dev.lark.lineage.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What one DS task run read, wrote and checked; shaped like an OpenLineage RunEvent (job, run, inputs, outputs,
 * column lineage, facets) but engine-neutral and free of any DS or Atlas class.
 */
@JsonDeserialize(builder = RunEvent.Builder.class)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class RunEvent {
    public static final String DEFAULT_PRODUCER = "https://github.com/lark/lark/lineage-hook";

    private final String eventId;
    private final EventType eventType;
    private final Instant eventTime;
    private final String producer;
    private final Job job;
    private final Run run;
    private final List<Dataset> inputs;
    private final List<Dataset> outputs;
    private final List<ColumnLineage> columnLineage;
    private final Map<String, String> runFacets;

    private RunEvent(Builder b) {
        this.eventId = b.eventId == null ? UUID.randomUUID().toString() : b.eventId;
        this.eventType = Checks.notNull("runEvent.eventType", b.eventType);
        this.eventTime = b.eventTime == null ? Instant.now() : b.eventTime;
        this.producer = b.producer == null ? DEFAULT_PRODUCER : b.producer;
        this.job = Checks.notNull("runEvent.job", b.job);
        this.run = Checks.notNull("runEvent.run", b.run);
        this.inputs = Checks.copy(b.inputs);
        this.outputs = Checks.copy(b.outputs);
        this.columnLineage = Checks.copy(b.columnLineage);
        this.runFacets = Checks.copy(b.runFacets);
        Set<String> known = new HashSet<>();
        inputs.forEach(d -> known.add(d.qualifiedName()));
        outputs.forEach(d -> known.add(d.qualifiedName()));
        for (ColumnLineage cl : columnLineage) {
            requireKnown(known, cl.getOutput());
            cl.getInputs().forEach(in -> requireKnown(known, in));
        }
    }

    private static void requireKnown(Set<String> known, ColumnRef ref) {
        if (!known.contains(ref.getDataset())) {
            throw new IllegalArgumentException("columnLineage refers to dataset '" + ref.getDataset()
                    + "' which is neither an input nor an output of the event (known: " + known
                    + "); add the dataset to inputs/outputs");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().eventId(eventId).eventType(eventType).eventTime(eventTime).producer(producer).job(job)
                .run(run).inputs(inputs).outputs(outputs).columnLineage(columnLineage).runFacets(runFacets);
    }

    public String getEventId() { return eventId; }
    public EventType getEventType() { return eventType; }
    public Instant getEventTime() { return eventTime; }
    public String getProducer() { return producer; }
    public Job getJob() { return job; }
    public Run getRun() { return run; }
    public List<Dataset> getInputs() { return inputs; }
    public List<Dataset> getOutputs() { return outputs; }
    public List<ColumnLineage> getColumnLineage() { return columnLineage; }
    /** Free-form run facts such as rowsRead, rowsWritten, rowsDirty (strings, never secrets). */
    public Map<String, String> getRunFacets() { return runFacets; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RunEvent)) return false;
        RunEvent e = (RunEvent) o;
        return eventId.equals(e.eventId) && eventType == e.eventType && eventTime.equals(e.eventTime)
                && producer.equals(e.producer) && job.equals(e.job) && run.equals(e.run) && inputs.equals(e.inputs)
                && outputs.equals(e.outputs) && columnLineage.equals(e.columnLineage) && runFacets.equals(e.runFacets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId);
    }

    @Override
    public String toString() {
        return "RunEvent{" + eventType + " " + job + " " + run + " in=" + inputs + " out=" + outputs + "}";
    }

    @JsonPOJOBuilder(withPrefix = "")
    public static final class Builder {
        private String eventId;
        private EventType eventType;
        private Instant eventTime;
        private String producer;
        private Job job;
        private Run run;
        private List<Dataset> inputs = new ArrayList<>();
        private List<Dataset> outputs = new ArrayList<>();
        private List<ColumnLineage> columnLineage = new ArrayList<>();
        private Map<String, String> runFacets = new LinkedHashMap<>();

        public Builder eventId(String v) { this.eventId = v; return this; }
        public Builder eventType(EventType v) { this.eventType = v; return this; }
        public Builder eventTime(Instant v) { this.eventTime = v; return this; }
        public Builder producer(String v) { this.producer = v; return this; }
        public Builder job(Job v) { this.job = v; return this; }
        public Builder run(Run v) { this.run = v; return this; }
        public Builder inputs(List<Dataset> v) { this.inputs = new ArrayList<>(v); return this; }
        public Builder input(Dataset v) { this.inputs.add(v); return this; }
        public Builder outputs(List<Dataset> v) { this.outputs = new ArrayList<>(v); return this; }
        public Builder output(Dataset v) { this.outputs.add(v); return this; }
        public Builder columnLineage(List<ColumnLineage> v) { this.columnLineage = new ArrayList<>(v); return this; }
        public Builder addColumnLineage(ColumnLineage v) { this.columnLineage.add(v); return this; }
        public Builder runFacets(Map<String, String> v) { this.runFacets = new LinkedHashMap<>(v); return this; }
        public Builder runFacet(String key, String value) { this.runFacets.put(key, value); return this; }

        public RunEvent build() {
            return new RunEvent(this);
        }
    }
}
