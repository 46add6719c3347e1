package io.onegrid.api;

/**
 * Writes an output channel of a configured device (siren, relay, LED), through that device's bus queue.
 * Provided by the poller; used by edge rules for local actuation.
 */
public interface ChannelWriter {
    void write(String deviceId, String channel, Object value) throws DriverException;
}
