package io.onegrid.hub.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.store.WalkTestStore;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a submitted commissioning report and the hub's own walk-test sightings become one report. */
class CommissioningMergeTest {
    private static final Instant T = Instant.parse("2026-12-02T08:00:00Z");
    private static final List<String> DECLARED = List.of("smoke-302", "door-302", "hydrant-b7");

    private static WalkTestStore.WalkTest hubSaw(WalkTestStore.DeviceSeen... seen) {
        return new WalkTestStore.WalkTest(7, "gw-1", T, "inst", T.plusSeconds(1800), null, List.of(seen), List.of());
    }

    private static WalkTestStore.DeviceSeen seen(String device, long roundTrip) {
        return new WalkTestStore.DeviceSeen(device, T.plusSeconds(10), T.plusSeconds(10).plusMillis(roundTrip), "alarm",
                "a-1", "smoke=true", roundTrip, 1);
    }

    /**
     * GIVEN the hub saw smoke-302 and door-302, and the report has smoke-302 and calls door-302 untested WHEN merged
     * THEN both are tested (door-302 with a note that the hub saw it), the hub's round trip wins, the earlier trigger
     * time is kept, and the unmentioned hydrant is untested.
     */
    @Test
    void hubSightingsAndReportMerge() {
        CommissioningMerge.Result r = CommissioningMerge.merge("gw-1", DECLARED, hubSaw(seen("smoke-302", 80), seen("door-302", 40)),
                List.of(new CommissioningMerge.Reported("smoke-302", T.plusSeconds(9), "smoke=true", 95L)), List.of("door-302"),
                null);

        assertThat(r.tested()).containsExactly("smoke-302", "door-302");
        JsonObject smoke = r.report().getJsonArray("devices").getJsonObject(0);
        assertThat(smoke.getString("triggeredAt")).isEqualTo(T.plusSeconds(9).toString());
        assertThat(smoke.getLong("roundTripMs")).isEqualTo(80);
        assertThat(smoke.getJsonArray("seenBy")).containsExactly("gateway", "hub");
        JsonObject door = r.report().getJsonArray("devices").getJsonObject(1);
        assertThat(door.getString("note")).contains("hub saw it");
        assertThat(door.getJsonArray("seenBy")).containsExactly("hub");
        assertThat(r.report().getJsonArray("untested")).containsExactly("hydrant-b7");
        assertThat(r.report().getLong("walkTest")).isEqualTo(7);
    }

    /**
     * GIVEN the hub saw smoke-302 trigger and hydrant-b7 report only that it stopped answering (a device.comm-fault
     * alarm, still raised) WHEN merged THEN hydrant-b7 is untested and listed under faults with its detail, so a dead
     * device is never commissioned by its own outage.
     */
    @Test
    void aFaultIsNotATrigger() {
        WalkTestStore.DeviceFault dead = new WalkTestStore.DeviceFault("hydrant-b7", T.plusSeconds(5), T.plusSeconds(6),
                "a-9", "device.comm-fault", "not answering for 30s", 1, true);
        WalkTestStore.WalkTest w = new WalkTestStore.WalkTest(7, "gw-1", T, "inst", T.plusSeconds(1800), null,
                List.of(seen("smoke-302", 50)), List.of(dead));

        CommissioningMerge.Result r = CommissioningMerge.merge("gw-1", DECLARED, w, List.of(), List.of(), null);

        assertThat(r.tested()).containsExactly("smoke-302");
        assertThat(r.report().getJsonArray("untested")).containsExactly("door-302", "hydrant-b7");
        JsonObject fault = r.report().getJsonArray("faults").getJsonObject(0);
        assertThat(fault.getString("device")).isEqualTo("hydrant-b7");
        assertThat(fault.getString("caseType")).isEqualTo("device.comm-fault");
        assertThat(fault.getBoolean("raised")).isTrue();
        assertThat(fault.getString("detail")).isEqualTo("not answering for 30s");
    }

    /** GIVEN no walk test at all WHEN the report names smoke-302 THEN it is tested on the report's word alone. */
    @Test
    void reportAloneCountsWithoutAWalkTest() {
        CommissioningMerge.Result r = CommissioningMerge.merge("gw-1", DECLARED, null,
                List.of(new CommissioningMerge.Reported("smoke-302", null, null, 120L)), List.of(), "");

        assertThat(r.tested()).containsExactly("smoke-302");
        assertThat(r.report().getJsonArray("devices").getJsonObject(0).getLong("roundTripMs")).isEqualTo(120);
        assertThat(r.report().getValue("walkTest")).isNull();
    }

    /** GIVEN a report naming an undeclared device, one twice, one tested and untested THEN it is refused listing all. */
    @Test
    void inconsistentReportsAreRefusedWhole() {
        assertThatThrownBy(() -> CommissioningMerge.merge("gw-1", DECLARED, null, List.of(
                new CommissioningMerge.Reported("nope", null, null, null),
                new CommissioningMerge.Reported("smoke-302", null, null, null),
                new CommissioningMerge.Reported("smoke-302", null, null, null)), List.of("smoke-302", "ghost"), null))
                .isInstanceOf(HubException.class)
                .satisfies(e -> {
                    assertThat(((HubException) e).error()).isEqualTo(HubError.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("device nope is not declared", "smoke-302 is reported twice",
                            "reported both tested and untested", "untested device ghost is not declared");
                });
    }
}
