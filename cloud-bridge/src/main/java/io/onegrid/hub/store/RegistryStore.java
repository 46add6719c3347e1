package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Gateways and their devices: credentials, what their births declared, their health. */
public interface RegistryStore {

    Optional<String> gatewaySecretHash(String gatewayId);

    /** Registers a new gateway; false if the id is taken. */
    boolean createGateway(String gatewayId, String secretHash);

    /** Creates the gateway or replaces its secret (gateways pre-registered from configuration). */
    void putGatewaySecret(String gatewayId, String secretHash);

    /** The gateways in scope (a gateway is placed where its devices are). */
    List<GatewayView> gateways(Scope scope);

    Optional<GatewayView> gateway(String gatewayId, Scope scope);

    /** Devices in scope, each with its communication state and last values. */
    List<GatewayView.DeviceView> devices(Scope scope);

    /** Counts a message the MQTT endpoint refused before it reached the store (malformed, too large). */
    void countRejected(String gatewayId);

    /**
     * Health sweep: gateways silent for longer than {@code missingAfter} become missing (offline); a gateway or
     * device offline for longer than {@code faultAfter} gets a device-fault case for the site's maintenance.
     * Returns how many records changed.
     */
    int sweepHealth(Duration missingAfter, Duration faultAfter);
}
