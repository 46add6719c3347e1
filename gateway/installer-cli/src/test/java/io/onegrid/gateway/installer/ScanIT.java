package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.testing.SocatPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code onegrid-gateway scan} against the simulator, a peer we did not write the drivers for: Modbus RTU through a
 * socat pty pair (by a bus of gateway.yaml) and Modbus TCP (by URI), units 3 and 7 serving catalog profiles.
 */
class ScanIT {
    private Simulation sim;
    private SocatPair line;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void stop() {
        if (sim != null) sim.close();
        if (line != null) line.close();
    }

    private static Simulation simulate(String rtuBus) {
        String buses = rtuBus == null ? "" : "buses:\n  - {name: riser, baud: 19200, parity: none}\n";
        String on = rtuBus == null ? "" : ", bus: riser";
        String tank = rtuBus == null ? "hydrant-pressure-modbus" : "water-tank-level-rtu";
        String gas = rtuBus == null ? "temperature-humidity-modbus" : "gas-detector-rtu";
        return new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("scan.yaml", "name: scan\n" + buses
                + "devices:\n"
                + "  - {id: a, profile: " + tank + ", modbus: {unit: 3" + on + "}}\n"
                + "  - {id: b, profile: " + gas + ", modbus: {unit: 7" + on + "}}\n"));
    }

    private int scan(String... args) {
        return ScanCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true), false);
    }

    /** Over RTU, a scan of the bus declared in gateway.yaml finds exactly units 3 and 7 and names their profiles. */
    @Test
    void scanFindsTheUnitsOnAnRtuBus(@TempDir Path dir) throws Exception {
        // GIVEN the simulator serving units 3 and 7 on one end of a pty pair, and gateway.yaml's bus on the other
        sim = simulate("riser");
        line = new SocatPair(dir);
        sim.startModbusRtu("riser", line.a);
        Path config = dir.resolve("gateway.yaml");
        Files.writeString(config, "gateway: {id: gw-1}\nhub: {uri: \"tcp://hub:1883\", password: x}\nstorage: {dir: "
                + dir.resolve("data") + "}\nbuses:\n  - {name: riser-a, kind: rtu, port: " + line.b + ", baud: 19200, parity: none}\n"
                + "devices: []\n");
        // WHEN unit ids 1 to 10 are scanned through --bus
        int code = scan("--bus", "riser-a", "--config", config.toString(), "--from", "1", "--to", "10");
        // THEN exactly 3 and 7 answered, each with its profile, and the competition warning was given
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("unit "))).hasSize(2);
        assertThat(out.toString()).containsPattern("unit 3: .*fits .*water-tank-level-rtu")
                .containsPattern("unit 7: .*fits .*gas-detector-rtu")
                .doesNotContainPattern("unit 3: .*gas-detector-rtu").doesNotContainPattern("unit 7: .*water-tank-level-rtu");
        assertThat(err.toString()).contains("competes with it");
    }

    /** Over Modbus TCP, a scan by URI finds exactly 3 and 7 (the others get exception 11, which is not a device). */
    @Test
    void scanFindsTheUnitsBehindModbusTcp() throws Exception {
        // GIVEN the simulator's Modbus TCP server with units 3 and 7
        sim = simulate(null);
        int port = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
        // WHEN unit ids 1 to 10 are scanned
        int code = scan("modbus+tcp://127.0.0.1:" + port, "--to", "10");
        // THEN exactly 3 and 7, with their profiles
        assertThat(code).as(out + "\n" + err).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("unit "))).hasSize(2);
        assertThat(out.toString()).containsPattern("unit 3: .*fits .*hydrant-pressure-modbus")
                .containsPattern("unit 7: .*fits .*temperature-humidity-modbus")
                // a hydrant's registers also read GOOD as temperature and humidity: fitting cannot tell them apart
                .doesNotContainPattern("unit 7: .*hydrant-pressure-modbus");
    }

    /** A bus that cannot be reached stops the scan at once with the reason, exit 1, and reports no unit. */
    @Test
    void anUnreachableBusIsOneClearError() throws Exception {
        // GIVEN a TCP port nobody listens on
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // WHEN it is scanned THEN exit 1, one line saying it cannot be reached, no unit listed
        assertThat(scan("modbus+tcp://127.0.0.1:" + port, "--to", "5")).isEqualTo(1);
        assertThat(err.toString()).contains("cannot reach modbus+tcp://127.0.0.1:" + port).contains("NO_ROUTE");
        assertThat(out.toString()).doesNotContain("unit 1");
    }

    /** Nobody answering is exit 1 with advice; a URI with unit= or no bus at all is a usage error (exit 2). */
    @Test
    void nothingAnsweringAndUsage() throws Exception {
        // GIVEN a TCP server with units 3 and 7 WHEN only 1..2 are scanned THEN exit 1 and the advice
        sim = simulate(null);
        int port = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
        assertThat(scan("modbus+tcp://127.0.0.1:" + port, "--to", "2")).isEqualTo(1);
        assertThat(out.toString()).contains("no unit id from 1 to 2 answered");
        // WHEN the command line is wrong THEN exit 2
        assertThat(scan("modbus+tcp://127.0.0.1:" + port + "?unit=3")).isEqualTo(2);
        assertThat(scan()).isEqualTo(2);
        assertThat(scan("modbus+tcp://127.0.0.1:" + port, "--from", "9", "--to", "3")).isEqualTo(2);
    }
}
