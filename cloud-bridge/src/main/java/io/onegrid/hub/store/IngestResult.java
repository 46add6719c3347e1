package io.onegrid.hub.store;

/** What became of one {@link StoreOp}. */
public record IngestResult(Status status, String detail) {

    public enum Status {
        /** Committed. */
        STORED,
        /** (gateway, boot, seq) was seen before: nothing changed; acknowledge as success. */
        DUPLICATE,
        /** This op failed and was rolled back alone; the sender should retry later. */
        FAILED
    }

    public static final IngestResult STORED = new IngestResult(Status.STORED, null);
    public static final IngestResult DUPLICATE = new IngestResult(Status.DUPLICATE, null);

    public static IngestResult failed(String detail) {
        return new IngestResult(Status.FAILED, detail);
    }

    /** Whether the sender may consider the message delivered. */
    public boolean acknowledged() {
        return status != Status.FAILED;
    }
}
