package io.onegrid.bench.field;

import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The devices the field bench reads: a meter with 10 contiguous holding registers (the physical-limit figure of
 * DEPENDENCIES.md is for exactly this read), on Modbus TCP and RTU, and a CoAP sensor with one polled and one
 * observed JSON resource. Written to a folder so the simulator's child process serves the same profiles.
 */
final class BenchProfiles {
    static final String TCP = "bench-meter-tcp";
    static final String RTU = "bench-meter-rtu";
    static final String COAP = "bench-sensor-coap";

    private BenchProfiles() { }

    private static String meter(String id, String protocol) {
        StringBuilder y = new StringBuilder("""
                id: %s
                name: Bench meter, 10 holding registers
                category: meter
                protocol: %s
                poll: {interval: 5s, timeout: 1s}
                channels:
                """.formatted(id, protocol));
        for (int i = 0; i < 10; i++) {
            y.append("  - {id: r").append(i).append(", type: uint16, modbus: {table: holding, address: ").append(i).append("}}\n");
        }
        return y.toString();
    }

    private static final String SENSOR = """
            id: bench-sensor-coap
            name: Bench CoAP sensor
            category: environment
            protocol: coap
            poll: {interval: 5s, timeout: 1s}
            channels:
              - {id: temperature, unit: °C, type: float32, coap: {path: /polled, contentFormat: 50, pointer: /t}}
              - {id: level, type: float32, coap: {path: /observed, contentFormat: 50, observe: true, pointer: /v}}
            """;

    static Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(TCP + ".yaml"), meter(TCP, "modbus-tcp"));
        Files.writeString(dir.resolve(RTU + ".yaml"), meter(RTU, "modbus-rtu"));
        Files.writeString(dir.resolve(COAP + ".yaml"), SENSOR);
        return dir;
    }

    static DeviceProfile load(Path dir, String id) {
        return ProfileLoader.load(dir.resolve(id + ".yaml"));
    }
}
