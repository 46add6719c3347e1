package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Gateways and their devices: credentials, what their births declared, their health. */
public interface RegistryStore {
    /**
     * The stored "secret hash" of a gateway that has no password (a certificate only, or a revoked credential):
     * no password verifies against it.
     */
    String NO_PASSWORD = "none";

    Optional<String> gatewaySecretHash(String gatewayId);

    /** The client certificate the hub signed for the gateway, if it has one in force. */
    Optional<GatewayCertificate> gatewayCertificate(String gatewayId);

    /**
     * Withdraws the gateway's MQTT credential, password and certificate alike, so its next CONNECT is refused; a new
     * claim code can then provision it again. The audit log names {@code by}. False if there is no such gateway.
     */
    boolean revokeGatewayCredential(String gatewayId, String by);

    /** The credentials in force of these gateways (missing ids are unknown gateways), in one read. */
    java.util.Map<String, CredentialInForce> gatewayCredentials(java.util.Collection<String> gatewayIds);

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
