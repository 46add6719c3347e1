package io.onegrid.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final SimCli cli = new SimCli(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), sim -> { });

    private String out() { return out.toString(StandardCharsets.UTF_8); }

    private String err() { return err.toString(StandardCharsets.UTF_8); }

    /** --help prints the usage and exits 0; no arguments print it and exit 2. */
    @Test
    void printsHelp() {
        assertThat(cli.run("--help")).isEqualTo(SimCli.OK);
        assertThat(out()).contains("run SCENARIO", "validate SCENARIO", "--modbus-port", "--exit-after-timeline");
        assertThat(cli.run()).isEqualTo(SimCli.USAGE);
    }

    /** validate accepts the demo (exit 0) and rejects a bad file with file:line on stderr (exit 2). */
    @Test
    void validatesScenarios(@TempDir Path dir) throws IOException {
        assertThat(cli.run("validate", "scenarios/demo.yaml")).isEqualTo(SimCli.OK);
        assertThat(out()).startsWith("OK scenarios/demo.yaml: scenario demo, 2 devices");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\ndevices:\n  - {id: a, profile: nope}\n");
        assertThat(cli.run("validate", bad.toString())).isEqualTo(SimCli.USAGE);
        assertThat(err()).contains(bad + ":3:22: unknown profile 'nope'");
    }

    /** --profiles DIR adds local profiles to the built-in catalog, and the scenario can use them. */
    @Test
    void usesProfilesFromADirectory(@TempDir Path dir) throws IOException {
        // GIVEN a local energy-meter profile (INT32, low word first, scale 0.01) and a scenario using it
        Path profiles = Files.createDirectory(dir.resolve("profiles"));
        Files.writeString(profiles.resolve("energy-meter-modbus.yaml"), String.join("\n",
                "id: energy-meter-modbus",
                "name: Energy meter",
                "category: energy-meter",
                "manufacturer: test",
                "protocol: modbus-tcp",
                "channels:",
                "  - id: energy",
                "    unit: kWh",
                "    type: int32",
                "    modbus: {table: holding, address: 100, wordOrder: little, scale: 0.01}",
                ""));
        Path scenario = dir.resolve("meter.yaml");
        Files.writeString(scenario, "name: meter\ndevices:\n"
                + "  - {id: m1, profile: energy-meter-modbus, modbus: {unit: 5}, initial: {energy: 1234.56}}\n");
        // WHEN validated with and without --profiles
        int withDir = cli.run("validate", scenario.toString(), "--profiles", profiles.toString());
        int without = cli.run("validate", scenario.toString());
        // THEN only the run that knows the folder accepts it
        assertThat(withDir).as(err()).isEqualTo(SimCli.OK);
        assertThat(without).isEqualTo(SimCli.USAGE);
        assertThat(err()).contains("unknown profile 'energy-meter-modbus'");
    }

    /** Unknown options, bad ports and missing files are usage errors (exit 2) with a sentence. */
    @Test
    void rejectsBadUsage() {
        assertThat(cli.run("run", "scenarios/demo.yaml", "--modbus-prot", "1")).isEqualTo(SimCli.USAGE);
        assertThat(cli.run("run", "scenarios/demo.yaml", "--modbus-port", "99999")).isEqualTo(SimCli.USAGE);
        assertThat(cli.run("run", "scenarios/demo.yaml", "--speed", "0")).isEqualTo(SimCli.USAGE);
        assertThat(cli.run("run", "missing.yaml")).isEqualTo(SimCli.USAGE);
        assertThat(cli.run("fly")).isEqualTo(SimCli.USAGE);
        assertThat(err()).contains("unknown option --modbus-prot", "port number 0..65535", "number > 0",
                "missing.yaml does not exist", "unknown command 'fly'");
    }

    /** run with ephemeral ports and accelerated time prints the listening lines and every step, then exits 0. */
    @Test
    void runsTheDemoAcceleratedAndExits() {
        // WHEN the demo runs 1000x faster on ports chosen by the OS
        int code = cli.run("run", "scenarios/demo.yaml", "--modbus-port", "0", "--gpio-port", "0",
                "--speed", "1000", "--exit-after-timeline");
        // THEN it exits 0 after printing the real ports and the three steps in order
        assertThat(code).as(err()).isEqualTo(SimCli.OK);
        assertThat(out()).containsPattern("Modbus TCP listening on 127\\.0\\.0\\.1:\\d+\n")
                .containsPattern("GPIO lines listening on 127\\.0\\.0\\.1:\\d+\n")
                .doesNotContain("127.0.0.1:0\n")
                .contains("t+10s smoke-302 smoke=true  (smoke in flat 302)\n"
                        + "t+30s hydrant-b7 pressure=0.05  (hydrant pressure falls)\n"
                        + "t+2m30s hydrant-b7 pressure=0.35  (pressure restored)\n");
    }

    /** A port already in use is a runtime failure (exit 1) with a hint, not a stack trace. */
    @Test
    void reportsPortInUse() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int code = cli.run("run", "scenarios/demo.yaml", "--modbus-port", String.valueOf(taken.getLocalPort()),
                    "--gpio-port", "0", "--exit-after-timeline");
            assertThat(code).isEqualTo(SimCli.FAILED);
            assertThat(err()).contains("cannot listen for Modbus TCP on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
