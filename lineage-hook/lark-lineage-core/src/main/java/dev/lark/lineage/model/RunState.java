package dev.lark.lineage.model;

/** State of a DS task instance, reduced to what lineage consumers need. */
public enum RunState {
    RUNNING, SUCCESS, FAILURE, KILLED
}
