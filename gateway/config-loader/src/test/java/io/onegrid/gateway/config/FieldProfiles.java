package io.onegrid.gateway.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Profiles of the two protocols the shipped catalog does not cover yet (Modbus RTU, CoAP), written into a
 * profiles.directory the way an installer would add them; ids as example.yaml uses them.
 */
final class FieldProfiles {
    static final String RTU = "gas-detector-rtu";
    static final String COAP = "environment-coap";

    private FieldProfiles() {
    }

    /** Writes both profiles into {@code dir} (created) and returns it. */
    static Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(RTU + ".yaml"), """
                id: gas-detector-rtu
                name: Combustible gas detector on an RS-485 bus
                category: gas-detector
                protocol: modbus-rtu
                poll: {interval: 2s, timeout: 500ms}
                channels:
                  - id: gas
                    unit: "%LEL"
                    type: uint16
                    modbus: {table: input, address: 0, scale: 0.1}
                alarms:
                  - id: gas-high
                    kind: threshold
                    channel: gas
                    above: 25
                    hysteresis: 2
                    severity: critical
                    caseType: fire.gas-leak
                    message: Combustible gas above {above} %LEL
                """);
        Files.writeString(dir.resolve(COAP + ".yaml"), """
                id: environment-coap
                name: CoAP environmental sensor
                category: environment
                protocol: coap
                poll: {interval: 30s, timeout: 2s}
                channels:
                  - id: co2
                    unit: ppm
                    type: float32
                    coap: {path: /sensors/co2, contentFormat: 50, observe: true, pointer: /value}
                alarms:
                  - id: co2-high
                    kind: threshold
                    channel: co2
                    above: 1500
                    severity: minor
                    caseType: environment.air
                    message: CO2 above {above} ppm
                """);
        return dir;
    }
}
