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
 */
public record ProvisioningApi(Provisioning provisioning, ClaimCodes codes, Function<String, String> gatewayMqttUri,
                              boolean mqttTls) { }
