package io.onegrid.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The probe reads simulated devices over real Modbus TCP (the simulator's digitalpetri server, the gateway's
 * j2mod driver) and tells an installer, per channel, what it read or why not.
 */
class ProbeModbusTcpIT {
    private static final String SCENARIO = String.join("\n",
            "name: probe-it",
            "devices:",
            "  - {id: hydrant, profile: hydrant-pressure-modbus, modbus: {unit: 1}, initial: {pressure: 0.35, status: 0}}",
            "  - {id: fire, profile: electrical-fire-modbus, modbus: {unit: 2}, initial: {residual-current: 120, temperature-1: 31.5}}",
            "");

    private Simulation sim;
    private int port;

    @BeforeEach
    void start() throws Exception {
        sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("probe-it.yaml", SCENARIO));
        port = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private record Run(int code, String out, String err) { }

    private static Run probe(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ProbeCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    /** Every channel of a hydrant transmitter is printed with its decoded value and unit; exit 0. */
    @Test
    void readsEveryChannel() {
        // WHEN the installer probes unit 1 with the hydrant profile
        Run run = probe("modbus+tcp://127.0.0.1:" + port + "?unit=1", "--profile", "hydrant-pressure-modbus");
        // THEN the table shows the scenario's pressure in MPa, and every channel was read
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("pressure\\s+0\\.35\\s+MPa\\s+ok").contains("2 of 2 channels read");
    }

    /** --json gives one object a machine can read: every channel with value, unit and quality. */
    @Test
    void jsonForMachines() throws Exception {
        Run run = probe("modbus+tcp://127.0.0.1:" + port + "?unit=2", "--profile", "electrical-fire-modbus", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(run.out());
        assertThat(root.get("ok").asBoolean()).isTrue();
        assertThat(root.get("channels")).hasSize(7);
        JsonNode current = root.get("channels").get(0);
        assertThat(current.get("channel").asText()).isEqualTo("residual-current");
        assertThat(current.get("value").asDouble()).isEqualTo(120.0);
        assertThat(current.get("unit").asText()).isEqualTo("mA");
        assertThat(root.get("channels").get(1).get("value").asDouble()).isEqualTo(31.5);
    }

    /** A unit id nobody answers for and a port nobody listens on end in exit 1 with the reason on every channel. */
    @Test
    void deadDevicesSayWhy() throws Exception {
        Run absent = probe("modbus+tcp://127.0.0.1:" + port + "?unit=9", "--profile", "hydrant-pressure-modbus");
        assertThat(absent.code()).isEqualTo(1);
        assertThat(absent.out()).contains("0 of 2 channels read").containsPattern("pressure\\s+-\\s+MPa\\s+\\S+");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run refused = probe("modbus+tcp://127.0.0.1:" + closed + "?unit=1", "--profile", "hydrant-pressure-modbus", "--json");
        assertThat(refused.code()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(refused.out());
        assertThat(root.get("ok").asBoolean()).isFalse();
        assertThat(root.get("channels").get(0).get("problem").asText()).contains("NO_ROUTE");
    }

    /** --watch repeats at the given interval; --count bounds it. */
    @Test
    void watchRepeats() {
        Run run = probe("modbus+tcp://127.0.0.1:" + port + "?unit=1", "--profile", "hydrant-pressure-modbus",
                "--watch", "--count", "3", "--interval", "50ms", "--json");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"ok\":true"));
    }

    /** An unknown profile, a profile of another protocol and a bad URI are usage errors (exit 2) that say what to do. */
    @Test
    void usageErrors() {
        Run unknown = probe("modbus+tcp://127.0.0.1:" + port + "?unit=1", "--profile", "hydrant");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no profile 'hydrant'").contains("hydrant-pressure-modbus");
        Run gpio = probe("modbus+tcp://127.0.0.1:" + port + "?unit=1", "--profile", "smoke-detector-gpio");
        assertThat(gpio.code()).isEqualTo(2);
        assertThat(gpio.err()).contains("speaks gpio");
        assertThat(probe("modbus+tcp://127.0.0.1:" + port, "--profile", "hydrant-pressure-modbus").code()).isEqualTo(2);
        assertThat(probe("--help").out()).contains("modbus+rtu:///dev/ttyUSB0").contains("Exit codes");
    }
}
