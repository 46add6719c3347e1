package io.onegrid.gateway.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.coap.CoapSimServer;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.testing.SocatPair;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done-when of the field side: every Modbus and CoAP profile of the shipped catalog, simulated from the profile
 * alone, is read by the probe through the gateway's own drivers — Modbus TCP over loopback, Modbus RTU through a
 * socat pty pair (and through a serial server), CoAP over UDP — and every channel of every device reads GOOD.
 */
class ProbeCatalogIT {
    private Simulation sim;
    private SocatPair line;

    @AfterEach
    void stop() {
        if (sim != null) sim.close();
        if (line != null) line.close();
    }

    private static List<DeviceProfile> catalog(String protocol) {
        return ProfileCatalogs.builtin().all().stream().filter(p -> p.protocol().equals(protocol))
                .sorted(Comparator.comparing(DeviceProfile::id)).toList();
    }

    /** GIVEN one simulated device per catalog profile WHEN each is probed THEN all its channels are read. */
    @Test
    void probeReadsEverySimulatedCatalogDevice(@TempDir Path dir) throws Exception {
        List<DeviceProfile> tcp = catalog("modbus-tcp");
        List<DeviceProfile> rtu = catalog("modbus-rtu");
        List<DeviceProfile> coap = catalog("coap");
        assertThat(tcp).as("Modbus TCP profiles in the catalog").isNotEmpty();
        assertThat(rtu).as("Modbus RTU profiles in the catalog").isNotEmpty();
        assertThat(coap).as("CoAP profiles in the catalog").isNotEmpty();
        // parity none: a pty (the socat pair) refuses a parity setting with EINVAL; real serial ports take it
        StringBuilder yaml = new StringBuilder("name: probe-catalog\nbuses:\n  - {name: riser, baud: 19200, parity: none}\ndevices:\n");
        Map<String, String> uriOf = new LinkedHashMap<>();
        int unit = 1;
        for (DeviceProfile p : tcp) {
            yaml.append("  - {id: tcp-").append(unit).append(", profile: ").append(p.id()).append(", modbus: {unit: ").append(unit).append("}}\n");
            uriOf.put("tcp-" + unit, p.id());
            unit++;
        }
        int rtuUnit = 1;
        for (DeviceProfile p : rtu) {
            yaml.append("  - {id: rtu-").append(rtuUnit).append(", profile: ").append(p.id())
                    .append(", modbus: {unit: ").append(rtuUnit).append(", bus: riser}}\n");
            uriOf.put("rtu-" + rtuUnit, p.id());
            rtuUnit++;
        }
        int coapIndex = 1;
        for (DeviceProfile p : coap) {
            yaml.append("  - {id: coap-").append(coapIndex).append(", profile: ").append(p.id()).append("}\n");
            uriOf.put("coap-" + coapIndex, p.id());
            coapIndex++;
        }
        sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("probe-catalog.yaml", yaml.toString()));
        int tcpPort = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
        line = new SocatPair(dir);
        sim.startModbusRtu("riser", line.a);
        Map<String, Integer> coapPorts = new LinkedHashMap<>();
        for (CoapSimServer s : sim.startCoap("127.0.0.1", 0)) coapPorts.put(s.device().id(), s.address().getPort());

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> e : uriOf.entrySet()) {
            String id = e.getKey();
            String uri;
            if (id.startsWith("tcp-")) {
                uri = "modbus+tcp://127.0.0.1:" + tcpPort + "?unit=" + id.substring(4);
            } else if (id.startsWith("rtu-")) {
                uri = "modbus+rtu://" + line.b + "?baud=19200&parity=N&unit=" + id.substring(4);
            } else {
                uri = "coap://127.0.0.1:" + coapPorts.get(id);
            }
            // WHEN the installer probes the device with its profile
            JsonNode report = probeJson(uri, e.getValue());
            // THEN every readable channel has a value
            for (JsonNode c : report.get("channels")) {
                if (!"GOOD".equals(c.get("quality").asText())) {
                    failures.add(e.getValue() + " at " + uri + ": " + c);
                }
            }
            assertThat(report.get("channels")).as(e.getValue()).isNotEmpty();
        }
        assertThat(failures).isEmpty();
    }

    /** The same RTU devices read through a TCP serial server at the riser (socat between a TCP port and the line). */
    @Test
    void probeReadsRtuThroughASerialServer(@TempDir Path dir) throws Exception {
        DeviceProfile profile = catalog("modbus-rtu").get(0);
        sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("s.yaml",
                "name: s\nbuses:\n  - {name: riser, baud: 9600}\ndevices:\n  - {id: d, profile: " + profile.id()
                        + ", modbus: {unit: 7, bus: riser}}\n"));
        int port = freePort();
        line = SocatPair.serialServer(dir, port);
        sim.startModbusRtu("riser", line.b);
        JsonNode report = probeJson("modbus+rtutcp://127.0.0.1:" + port + "?unit=7", profile.id());
        assertThat(report.get("ok").asBoolean()).as(report.toString()).isTrue();
    }

    private static JsonNode probeJson(String uri, String profile) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ProbeCli.run(new String[] {uri, "--profile", profile, "--json"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(out.toString()).as("probe %s --profile %s printed nothing; stderr: %s", uri, profile, err).isNotBlank();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(code).as("exit code of probe %s --profile %s: %s %s", uri, profile, report, err).isIn(0, 1);
        return report;
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
