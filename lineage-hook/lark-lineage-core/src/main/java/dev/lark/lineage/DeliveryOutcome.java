package dev.lark.lineage;

/** The sink's answer for one event: accepted, or rejected for good with the sink's answer. */
public final class DeliveryOutcome {
    private static final DeliveryOutcome ACCEPTED = new DeliveryOutcome(true, null);

    private final boolean accepted;
    private final String rejection;

    private DeliveryOutcome(boolean accepted, String rejection) {
        this.accepted = accepted;
        this.rejection = rejection;
    }

    public static DeliveryOutcome accepted() {
        return ACCEPTED;
    }

    /** {@code reason}: what the sink answered (status and body), stored beside the parked event. */
    public static DeliveryOutcome rejected(String reason) {
        return new DeliveryOutcome(false, reason == null ? "rejected" : reason);
    }

    public boolean isAccepted() {
        return accepted;
    }

    public String rejection() {
        return rejection;
    }

    @Override
    public String toString() {
        return accepted ? "accepted" : "rejected: " + rejection;
    }
}
