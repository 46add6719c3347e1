package io.onegrid.bench.hub;

/** An MQTT 5 server the bench clients publish to: the real hub or the acknowledge-at-once reference. */
public interface IngestTarget extends AutoCloseable {
    int mqttPort();

    /** Messages the server reports as handled (stored for the hub, received for the reference). */
    long handled();

    /** One line on anything the server counted as rejected or failed; empty when all is well. */
    String problems();

    @Override
    void close();
}
