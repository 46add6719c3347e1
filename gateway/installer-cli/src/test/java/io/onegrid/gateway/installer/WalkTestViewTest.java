package io.onegrid.gateway.installer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkTestViewTest {
    private static final List<String> DECLARED = List.of("smoke-302", "hydrant-b7");

    private static JsonNode hub(String json) throws Exception {
        return HubClient.JSON.readTree(json);
    }

    /**
     * GIVEN the hub saw smoke-302 trigger and a device the file does not declare WHEN the view is built THEN the live
     * lines show smoke-302 triggered with value and round trip, hydrant-b7 waiting, and the undeclared one not at all.
     */
    @Test
    void liveLinesShowWhatTheHubSawOfTheDeclaredDevices() throws Exception {
        WalkTestView v = WalkTestView.of(DECLARED, hub("""
                {"id":4,"active":true,"devices":[
                  {"device":"smoke-302","firstTriggeredAt":"2026-12-02T08:03:10Z","value":"smoke=true","roundTripMs":95},
                  {"device":"not-in-the-file","firstTriggeredAt":"2026-12-02T08:03:11Z"}],
                 "notSeen":["hydrant-b7"]}"""), ZoneOffset.UTC);
        assertThat(v.lines()).containsExactly(
                "  smoke-302   triggered at 08:03:10, smoke=true, hub round trip 95 ms",
                "  hydrant-b7  waiting");
        assertThat(v.allTriggered()).isFalse();
        assertThat(v.untested()).containsExactly("hydrant-b7");
    }

    /**
     * GIVEN the hub saw hydrant-b7 only report that it stopped answering (still raised) and smoke-302 trigger after a
     * fault that is over WHEN the view is built THEN the live lines show the fault, hydrant-b7 stays untested (a fault
     * is no trigger), and the printed report lists the fault as still raised.
     */
    @Test
    void faultsShowButNeverCountAsTriggers() throws Exception {
        WalkTestView v = WalkTestView.of(DECLARED, hub("""
                {"devices":[{"device":"smoke-302","firstTriggeredAt":"2026-12-02T08:03:10Z","value":"smoke=true","roundTripMs":95}],
                 "faults":[{"device":"hydrant-b7","caseType":"device.comm-fault","detail":"not answering for 1m","raised":true},
                           {"device":"smoke-302","caseType":"device.fault","detail":"sensor fault","raised":false}]}"""),
                ZoneOffset.UTC);
        assertThat(v.lines()).containsExactly(
                "  smoke-302   triggered at 08:03:10, smoke=true, hub round trip 95 ms  (fault earlier: sensor fault; over)",
                "  hydrant-b7  waiting  FAULT: not answering for 1m");
        assertThat(v.untested()).containsExactly("hydrant-b7");
        assertThat(v.allTriggered()).isFalse();

        List<String> printed = WalkTestView.printReport(hub("""
                {"gateway":"gw-1","walkTest":4,"id":9,"devices":[],"untested":["hydrant-b7"],
                 "faults":[{"device":"hydrant-b7","caseType":"device.comm-fault","detail":"not answering for 1m","raised":true}]}"""),
                ZoneOffset.UTC);
        assertThat(printed).contains("  untested: hydrant-b7",
                "  fault: hydrant-b7 device.comm-fault, not answering for 1m (still raised: check the device)");
    }

    /** GIVEN one device triggered WHEN the report is built THEN it names that device with its trigger and the other as untested. */
    @Test
    void reportListsTestedAndUntestedDevices() throws Exception {
        WalkTestView v = WalkTestView.of(DECLARED, hub("""
                {"devices":[{"device":"hydrant-b7","firstTriggeredAt":"2026-12-02T08:04:00Z","value":null,"roundTripMs":-3}]}"""),
                ZoneOffset.UTC);
        assertThat(v.report(4L, null).toString()).isEqualTo("{\"walkTest\":4,\"devices\":[{\"device\":\"hydrant-b7\","
                + "\"triggeredAt\":\"2026-12-02T08:04:00Z\",\"roundTripMs\":0}],\"untested\":[\"smoke-302\"]}");
    }

    /** GIVEN every declared device triggered THEN the view is complete; with no devices at all it never is. */
    @Test
    void completeOnlyWhenEveryDeclaredDeviceTriggered() throws Exception {
        JsonNode both = hub("""
                {"devices":[{"device":"smoke-302","firstTriggeredAt":"2026-12-02T08:03:10Z"},
                            {"device":"hydrant-b7","firstTriggeredAt":"2026-12-02T08:04:00Z"}]}""");
        assertThat(WalkTestView.of(DECLARED, both, ZoneOffset.UTC).allTriggered()).isTrue();
        assertThat(WalkTestView.of(List.of(), both, ZoneOffset.UTC).allTriggered()).isFalse();
    }

    /** GIVEN the hub's stored report THEN the printout has a line per tested device and the untested ones. */
    @Test
    void storedReportPrintsDevicesAndUntested() throws Exception {
        List<String> lines = WalkTestView.printReport(hub("""
                {"id":9,"gateway":"gw-a","walkTest":4,"untested":["hydrant-b7"],"devices":[
                  {"device":"smoke-302","triggeredAt":"2026-12-02T08:03:10Z","value":"smoke=true","roundTripMs":95},
                  {"device":"hydrant-b7","triggeredAt":null}]}"""), ZoneOffset.UTC);
        assertThat(lines.get(0)).contains("gw-a").contains("walk test 4").contains("report 9");
        assertThat(lines).anyMatch(l -> l.contains("smoke-302") && l.contains("08:03:10") && l.contains("smoke=true")
                && l.contains("95 ms"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("  untested: hydrant-b7");
    }
}
