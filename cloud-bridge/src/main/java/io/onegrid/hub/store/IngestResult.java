package io.onegrid.hub.store;

/** What became of one {@link StoreOp}. */
public record IngestResult(Status status, String detail) {

    public enum Status {
        /** Committed. */
        STORED,
        /** (gateway, boot, seq) was seen before: nothing changed; acknowledge as success. */
        DUPLICATE,
        /** Not stored because of the hub's state (commit failed, queue full, stopping): the sender retries later. */
        FAILED,
        /**
         * Applying this op failed and was rolled back alone, in a way that would repeat on every retry (a
         * constraint it breaks, a bug it triggers): the sender must not retry it, but set it aside.
         */
        UNPROCESSABLE
    }

    public static final IngestResult STORED = new IngestResult(Status.STORED, null);
    public static final IngestResult DUPLICATE = new IngestResult(Status.DUPLICATE, null);

    public static IngestResult failed(String detail) {
        return new IngestResult(Status.FAILED, detail);
    }

    public static IngestResult unprocessable(String detail) {
        return new IngestResult(Status.UNPROCESSABLE, detail);
    }

    /** Whether the sender may consider the message delivered. */
    public boolean acknowledged() {
        return status == Status.STORED || status == Status.DUPLICATE;
    }
}
