package io.onegrid.hub.http;

import io.onegrid.hub.claims.ClaimCodes;
import io.onegrid.hub.claims.Provisioning;
import java.util.function.Function;

/**
 * What the claim and provisioning routes need from the hub's assembly.
 *
 * @param provisioning    spends claim codes
 * @param codes           makes new claim codes
 * @param gatewayMqttUri  the MQTT URI for a gateway that reached the HTTP API at the given host (null if unknown)
 * @param mqttTls         whether that URI is TLS (the gateway must then trust the hub's certificate)
 * @param gatewayCaPem    the gateway CA's certificate, answered with each certificate it signed (null: no CA in use)
 */
public record ProvisioningApi(Provisioning provisioning, ClaimCodes codes, Function<String, String> gatewayMqttUri,
                              boolean mqttTls, String gatewayCaPem) {
    public ProvisioningApi(Provisioning provisioning, ClaimCodes codes, Function<String, String> gatewayMqttUri,
                           boolean mqttTls) {
        this(provisioning, codes, gatewayMqttUri, mqttTls, null);
    }
}
