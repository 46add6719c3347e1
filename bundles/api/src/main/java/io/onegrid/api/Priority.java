package io.onegrid.api;

/** Outbox priority: alarms leave first and are never dropped; telemetry is dropped first when full. */
public enum Priority {
    ALARM(0), EVENT(1), TELEMETRY(2);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    /** Lower ranks leave the outbox first. */
    public int rank() {
        return rank;
    }
}
