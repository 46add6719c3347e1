package io.onegrid.hub.config;

/** A gateway registered from configuration (demo, tests) rather than through the REST API. */
public record GatewayCredential(String gatewayId, String secret) {

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "GatewayCredential[" + gatewayId + ", secret=***]";
    }
}
