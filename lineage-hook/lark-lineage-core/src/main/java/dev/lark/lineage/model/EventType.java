package dev.lark.lineage.model;

/** The run's transition this event reports, as in OpenLineage's eventType. */
public enum EventType {
    START, RUNNING, COMPLETE, FAIL, ABORT;

    /** True for the events that end a run (the ones that carry final outputs and quality results). */
    public boolean isTerminal() {
        return this == COMPLETE || this == FAIL || this == ABORT;
    }
}
