package io.onegrid.sim.modbus;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.testing.ThirdPartyPeers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Interop with Debian's mbpoll, a C Modbus master (libmodbus); skipped where mbpoll is missing, failed in CI. */
class MbpollIT {

    /** mbpoll reads the hydrant's FLOAT32 pressure (big word order) as the scenario's 0.35 MPa. */
    @Test
    void mbpollReadsPressure() throws Exception {
        String mbpoll = ThirdPartyPeers.require("mbpoll", "mbpoll").toString();
        // GIVEN the hydrant served on an ephemeral port
        String yaml = "name: mbpoll\ndevices:\n"
                + "  - {id: h, profile: hydrant-pressure-modbus, modbus: {unit: 1}, initial: {pressure: 0.35}}\n";
        try (Simulation sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).parse("m.yaml", yaml))) {
            int port = sim.startModbus("127.0.0.1", 0).orElseThrow().address().getPort();
            // WHEN mbpoll reads one float from holding register 0 (PDU addressing), big-endian word order, once
            Process p = new ProcessBuilder(List.of(mbpoll, "-m", "tcp", "-p", String.valueOf(port), "-a", "1",
                    "-t", "4:float", "-0", "-r", "0", "-c", "1", "-B", "-1", "-o", "2", "127.0.0.1"))
                    .redirectErrorStream(true).start();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // THEN it prints register [0] with 0.35
            assertThat(p.exitValue()).as(output).isZero();
            assertThat(output).containsPattern("\\[0\\]:\\s+0\\.35");
        }
    }
}
