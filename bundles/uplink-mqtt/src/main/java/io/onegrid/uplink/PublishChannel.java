package io.onegrid.uplink;

/** Where the drain loop publishes: one live MQTT session (QoS 1). Lets the loop be tested without a broker. */
public interface PublishChannel {
    /** The outcome of one QoS 1 publish. Called on the transport's thread. */
    interface Result {
        /** A PUBACK arrived with this reason code (below 0x80 is success). */
        void acknowledged(int reasonCode);

        /** No PUBACK will come (connection lost, client closed). */
        void failed(Throwable error);
    }

    /** Publishes asynchronously; throws when it cannot even be queued (not connected, window full). */
    void publish(String topic, byte[] payload, Result result) throws Exception;
}
