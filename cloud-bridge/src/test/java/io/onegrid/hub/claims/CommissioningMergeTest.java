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
        return new WalkTestStore.WalkTest(7, "gw-1", T, "inst", T.plusSeconds(1800), null, List.of(seen));
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
