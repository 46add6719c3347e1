package io.onegrid.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The configuration file of a gateway under test: its hub on loopback, storage in the test's folder, GPIO from the simulator. */
final class GatewayConfig {
    private GatewayConfig() { }

    /** Writes {@code work/gateway.yaml} with {@code devices} (YAML list items, indented two spaces) and returns it. */
    static Path write(Path work, String gatewayId, String secret, int mqttPort, int gpioPort, String devices)
            throws IOException {
        String yaml = """
                gateway:
                  id: %s
                hub:
                  uri: tcp://127.0.0.1:%d
                  password: %s
                storage:
                  dir: %s
                gpio:
                  backend: simulator
                  simulator: 127.0.0.1:%d
                devices:
                %s""".formatted(gatewayId, mqttPort, secret, work.resolve("gateway"), gpioPort, devices);
        Path file = work.resolve("gateway.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
