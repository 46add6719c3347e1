package io.onegrid.gateway.probe;

/** One channel as the probe read it: its decoded value, or why it has none. */
record ChannelResult(String channel, Object value, String unit, String quality, String problem) {
    boolean ok() {
        return "GOOD".equals(quality);
    }
}
