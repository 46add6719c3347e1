package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevicesCliTest {
    private static final String FILE = """
            # bldg-7 stairwell gateway
            gateway:
              id: gw-7
            hub:
              uri: tcp://hub:1883
              password: inline-secret
            storage:
              dir: ./run/gw
            gpio:
              backend: simulator
              simulator: 127.0.0.1:7021
            buses:
              - name: riser-a
                kind: rtu
                port: /dev/ttyUSB0
            # everything in the stairwell
            devices:
              - id: smoke-302            # flat 302 hallway
                profile: smoke-detector-gpio
                address: smoke=flat302.smoke,siren=flat302.siren
                site: bldg-7
                unit: "302"
              - id: tank-roof
                profile: water-tank-level-rtu
                bus: riser-a
                unitId: 3
                site: bldg-7
            # keep this comment: it belongs to what follows
            """;

    @TempDir
    Path dir;
    Path config;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeEach
    void writeFile() throws Exception {
        config = dir.resolve("gateway.yaml");
        Files.writeString(config, FILE);
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return DevicesCli.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private String file() throws Exception {
        return Files.readString(config, StandardCharsets.UTF_8);
    }

    /** Adding a device appends exactly its lines after the last entry, every other byte of the file unchanged. */
    @Test
    void addAppendsTheEntryAndKeepsEverythingElse() throws Exception {
        // GIVEN a commented file with two devices
        // WHEN a flat's water-leak sensor is added
        int code = run("add", "leak-302", "--profile", "water-leak-gpio", "--address", "leak=flat302.leak",
                "--site", "bldg-7", "--unit", "302", "--resident", "r-17");
        // THEN it is the only change, at the list's indentation, before the trailing comment
        assertThat(code).as(err.toString()).isZero();
        String added = """
                  - id: "leak-302"
                    profile: "water-leak-gpio"
                    address: "leak=flat302.leak"
                    site: "bldg-7"
                    unit: "302"
                    resident: "r-17"
                """;
        assertThat(file()).isEqualTo(FILE.replace("# keep this comment", added + "# keep this comment"));
        assertThat(out.toString()).contains("added device leak-302").contains("watches the file");
    }

    /** A Modbus RTU device goes in by bus and unit id, and list shows it with what it covers. */
    @Test
    void addOnABusThenListShowsIt() throws Exception {
        // GIVEN the file WHEN a gas detector is added on riser-a as unit 7
        assertThat(run("add", "gas-boiler", "--profile", "gas-detector-rtu", "--bus", "riser-a", "--unit-id", "7",
                "--site", "bldg-7", "--area", "boiler-room")).as(err.toString()).isZero();
        assertThat(file()).contains("    bus: \"riser-a\"\n    unitId: 7\n");
        out.getBuffer().setLength(0);
        // WHEN the devices are listed
        assertThat(run("list")).isZero();
        // THEN each shows its address or bus and unit, and site/unit/area
        assertThat(out.toString()).contains("smoke-302").contains("smoke=flat302.smoke")
                .containsPattern("gas-boiler +gas-detector-rtu +bus riser-a unit 7 +bldg-7/-/boiler-room");
    }

    /** A unit id already taken on the bus is refused with the file, line, column and the other device; nothing is written. */
    @Test
    void unitIdTakenIsRefusedAndNothingWritten() throws Exception {
        // GIVEN tank-roof is unit 3 on riser-a WHEN another device is added as unit 3
        int code = run("add", "gas-2", "--profile", "gas-detector-rtu", "--bus", "riser-a", "--unit-id", "3", "--site", "bldg-7");
        // THEN exit 1, the reason with a position, and the file unchanged
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).containsPattern(Pattern.quote(config.toString()) + ":\\d+:\\d+: .*unit.*3")
                .contains("nothing was changed");
        assertThat(file()).isEqualTo(FILE);
    }

    /** An unknown profile, an undeclared bus and a duplicate id are each refused with a position; nothing is written. */
    @Test
    void badDevicesAreRefusedWithLineAndColumn() throws Exception {
        // GIVEN the file WHEN three bad adds run THEN each exits 1 with a located reason and the file stays as it was
        assertThat(run("add", "x1", "--profile", "smoke-detectr-gpio", "--address", "smoke=1", "--site", "b")).isEqualTo(1);
        assertThat(err.toString()).containsPattern(":\\d+:\\d+: .*profile 'smoke-detectr-gpio' is not in the profile catalog");
        assertThat(run("add", "x2", "--profile", "gas-detector-rtu", "--bus", "riser-b", "--unit-id", "4", "--site", "b")).isEqualTo(1);
        assertThat(err.toString()).containsPattern(":\\d+:\\d+: .*bus 'riser-b' is not declared");
        assertThat(run("add", "smoke-302", "--profile", "smoke-detector-gpio", "--address", "smoke=2", "--site", "b")).isEqualTo(1);
        assertThat(err.toString()).containsPattern(":\\d+:\\d+: .*'smoke-302' is used twice");
        assertThat(file()).isEqualTo(FILE);
    }

    /** A file the gateway already refuses is not edited: its own problems are shown with their lines. */
    @Test
    void aBrokenFileIsNotEdited() throws Exception {
        // GIVEN a file with a device on a bus that does not exist
        String broken = FILE.replace("bus: riser-a", "bus: riser-z");
        Files.writeString(config, broken);
        // WHEN a good device is added
        int code = run("add", "leak-1", "--profile", "water-leak-gpio", "--address", "leak=l1", "--site", "bldg-7");
        // THEN it is refused, pointing at the existing problem (line 25), and the file is unchanged
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(config + ":25:10:").contains("riser-z").contains("fix the file first");
        assertThat(file()).isEqualTo(broken);
    }

    /** Removing a device removes only its lines; removing the last one leaves an empty list the gateway loads. */
    @Test
    void removeTakesOnlyThatEntry() throws Exception {
        // GIVEN the file WHEN smoke-302 is removed THEN only its five lines go (its trailing comment with it)
        assertThat(run("remove", "smoke-302")).as(err.toString()).isZero();
        assertThat(file()).isEqualTo(FILE.replaceAll("(?s)  - id: smoke-302.*?unit: \"302\"\n", ""));
        // WHEN the last device is removed THEN devices: is an empty list and the comments stay
        assertThat(run("remove", "tank-roof")).as(err.toString()).isZero();
        assertThat(file()).contains("# everything in the stairwell\ndevices: []\n# keep this comment")
                .doesNotContain("tank-roof");
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("declares no devices");
    }

    /** Removing an id the file does not declare is refused with the ids it does declare. */
    @Test
    void removeUnknownIsRefused() throws Exception {
        // GIVEN the file WHEN a missing id is removed THEN exit 1 naming the declared ids, file unchanged
        assertThat(run("remove", "smoke-303")).isEqualTo(1);
        assertThat(err.toString()).contains("no device 'smoke-303'").contains("smoke-302, tank-roof");
        assertThat(file()).isEqualTo(FILE);
    }

    /** A file that says devices: [] gets its first entry as a block list, and add then remove gives the file back. */
    @Test
    void firstDeviceIntoAnEmptyList() throws Exception {
        // GIVEN a file with devices: [] (as provision writes it)
        String empty = FILE.substring(0, FILE.indexOf("devices:")) + "devices: []\n";
        Files.writeString(config, empty);
        // WHEN a device is added, then removed
        assertThat(run("add", "leak-1", "--profile", "water-leak-gpio", "--address", "leak=l1", "--site", "bldg-7")).as(err.toString()).isZero();
        assertThat(file()).endsWith("devices:\n  - id: \"leak-1\"\n    profile: \"water-leak-gpio\"\n    address: \"leak=l1\"\n    site: \"bldg-7\"\n");
        assertThat(run("remove", "leak-1")).as(err.toString()).isZero();
        // THEN the file is as it was
        assertThat(file()).isEqualTo(empty);
    }

    /** A file without devices: gets the section at its end; an entry whose dash stands alone is removed whole. */
    @Test
    void noDevicesSectionAndALoneDash() throws Exception {
        // GIVEN a file with no devices: section
        String none = FILE.substring(0, FILE.indexOf("# everything"));
        Files.writeString(config, none);
        // WHEN a device is added THEN the section is appended after a blank line, the rest untouched
        assertThat(run("add", "leak-1", "--profile", "water-leak-gpio", "--address", "leak=l1", "--site", "bldg-7")).as(err.toString()).isZero();
        assertThat(file()).startsWith(none).endsWith("\ndevices:\n  - id: \"leak-1\"\n    profile: \"water-leak-gpio\"\n"
                + "    address: \"leak=l1\"\n    site: \"bldg-7\"\n");
        // GIVEN an entry written as example.yaml writes them ("- # comment", keys below)
        String commented = FILE.replace("  - id: tank-roof\n", "  - # the roof tank\n    id: tank-roof\n");
        Files.writeString(config, commented);
        // WHEN it is removed THEN its comment line goes with it and nothing else changes
        assertThat(run("remove", "tank-roof")).as(err.toString()).isZero();
        assertThat(file()).isEqualTo(commented.replaceAll("(?s)  - # the roof tank.*?site: bldg-7\n", ""));
    }

    /** An edit keeps the file's mode: a 0640 file (it may hold an inline hub password) stays 0640. */
    @Test
    void anEditKeepsTheFilesMode() throws Exception {
        // GIVEN the file with mode 0640
        Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        // WHEN a device is removed THEN the new file has the same mode
        assertThat(run("remove", "smoke-302")).as(err.toString()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-r-----");
    }

    /** A run killed mid-write leaves only a stray temporary: the old file is intact and the next edit cleans it up. */
    @Test
    void anInterruptedWriteLeavesTheOldFile() throws Exception {
        // GIVEN a half-written temporary from a killed run beside the intact file
        Path stray = dir.resolve(PrivateFiles.temporaryPrefix(config) + "123" + PrivateFiles.TEMP_SUFFIX);
        Files.writeString(stray, FILE.substring(0, 40));
        // WHEN the devices are listed THEN the old file is read whole
        assertThat(run("list")).isZero();
        assertThat(out.toString()).contains("smoke-302").contains("tank-roof");
        // WHEN the next edit runs THEN it succeeds and the stray is gone
        assertThat(run("remove", "tank-roof")).as(err.toString()).isZero();
        assertThat(stray).doesNotExist();
        assertThat(file()).contains("smoke-302").doesNotContain("tank-roof");
    }

    /** Missing arguments are usage errors (exit 2), and --address with --bus is refused as one or the other. */
    @Test
    void usageErrors() throws Exception {
        // GIVEN the file WHEN add runs without a way to reach the device, or with both THEN exit 2 and nothing written
        assertThat(run("add", "x", "--profile", "water-leak-gpio")).isEqualTo(2);
        assertThat(run("add", "x", "--profile", "gas-detector-rtu", "--address", "a", "--bus", "riser-a", "--unit-id", "1")).isEqualTo(2);
        assertThat(DevicesCli.run(new String[0], new PrintWriter(out, true), new PrintWriter(err, true))).isEqualTo(2);
        assertThat(file()).isEqualTo(FILE);
    }
}
