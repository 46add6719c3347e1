package io.onegrid.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.e2e.ChaosPlan.Fault;
import io.onegrid.e2e.ChaosPlan.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chaos schedule keeps its promises for many seeds, so any seed given on the command line is a fair run. */
class ChaosPlanTest {

    /** GIVEN one seed WHEN drawn twice THEN the same plan (a failing run can be replayed). */
    @Test
    void aSeedDrawsTheSamePlan() {
        assertThat(ChaosPlan.draw(7, 20).describe()).isEqualTo(ChaosPlan.draw(7, 20).describe());
        assertThat(ChaosPlan.draw(7, 20).scenarioYaml()).isNotEqualTo(ChaosPlan.draw(8, 20).scenarioYaml());
    }

    /**
     * GIVEN seeds 0..499 WHEN drawn THEN no detector changes more often than flapping suppression allows, no change
     * falls just before a gateway kill or just after its start, and the plan ends within a minute.
     */
    @Test
    void changesKeepOutOfTheMomentsThatDependOnMachineSpeed() {
        for (long n = 0; n < 500; n++) {
            long seed = n;
            ChaosPlan plan = ChaosPlan.draw(seed, 20);
            List<Double> kills = at(plan, Kind.KILL_GATEWAY);
            List<Double> starts = at(plan, Kind.START_GATEWAY);
            assertThat(kills).hasSize(2);
            assertThat(plan.end).as("seed %d", seed).isLessThan(60);
            for (String d : plan.devices) {
                long count = plan.changes.stream().filter(c -> c.device().equals(d)).count();
                assertThat(count + (plan.initial.get(d) ? 1 : 0)).as("seed %d %s", seed, d)
                        .isBetween(1L, (long) ChaosPlan.MAX_TRANSITIONS);
            }
            for (ChaosPlan.Change c : plan.changes) {
                assertThat(c.at()).as("seed %d: %s after the first start", seed, c).isGreaterThan(ChaosPlan.START_QUIET);
                kills.forEach(k -> assertThat(c.at() < k - ChaosPlan.KILL_QUIET || c.at() > k)
                        .as("seed %d: %s not just before the kill at %.1f", seed, c, k).isTrue());
                starts.forEach(s -> assertThat(c.at() < s || c.at() >= s + ChaosPlan.START_QUIET)
                        .as("seed %d: %s not just after the start at %.1f", seed, c, s).isTrue());
            }
        }
    }

    /**
     * GIVEN seeds 0..99 WHEN drawn THEN two detectors flip and back while the gateway is dead, one changes once while
     * it is dead, and in each gateway life one detector changes within 2 s after the hub's acknowledgements start to get
     * lost.
     */
    @Test
    void everyPlanHasChangesTheGatewayCannotSeeAndMessagesTheHubGetsTwice() {
        for (long seed = 0; seed < 100; seed++) {
            ChaosPlan plan = ChaosPlan.draw(seed, 20);
            List<Double> kills = at(plan, Kind.KILL_GATEWAY);
            List<Double> starts = at(plan, Kind.START_GATEWAY);
            for (int i = 0; i < 3; i++) {
                int outage = i == 1 ? 1 : 0;
                long whileDead = changesOf(plan, i).stream()
                        .filter(t -> t > kills.get(outage) && t < starts.get(outage)).count();
                assertThat(whileDead).as("seed %d device %d", seed, i).isEqualTo(i < 2 ? 2 : 1);
            }
            List<Double> lostAcks = at(plan, Kind.ACKS_LOST);
            assertThat(lostAcks).hasSize(3);
            for (int i = 3; i < 6; i++) {
                double from = lostAcks.get(i - 3);
                assertThat(changesOf(plan, i)).as("seed %d device %d", seed, i)
                        .anyMatch(t -> t > from && t < from + 2);
            }
        }
    }

    private static List<Double> changesOf(ChaosPlan plan, int device) {
        String d = plan.devices.get(device);
        return plan.changes.stream().filter(c -> c.device().equals(d)).map(ChaosPlan.Change::at).toList();
    }

    private static List<Double> at(ChaosPlan plan, Kind kind) {
        return plan.faults.stream().filter(f -> f.kind() == kind).map(Fault::at).toList();
    }
}
