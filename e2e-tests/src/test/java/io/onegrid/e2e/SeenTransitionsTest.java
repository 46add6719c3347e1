package io.onegrid.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.e2e.SeenTransitions.Expectation;
import io.onegrid.e2e.SeenTransitions.Flip;
import io.onegrid.e2e.SeenTransitions.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chaos test's oracle on hand-made histories (times in ms; one gateway run 0-10 s, dead, another from 20 s). */
class SeenTransitionsTest {
    private static final String D = "smoke-1";
    private static final List<Run> KILLED_AND_RESTARTED = List.of(new Run(0, Map.of(D, 2_000L), 10_000, 10_100),
            new Run(20_000, Map.of(D, 22_000L), Long.MAX_VALUE, Long.MAX_VALUE));

    /** GIVEN a detector that goes off and clears while the gateway runs WHEN judged THEN one raise, finally clear. */
    @Test
    void changesWhileRunningAreEachSeen() {
        Expectation e = SeenTransitions.of(D, false, List.of(new Flip(4_000, true), new Flip(6_000, false)),
                KILLED_AND_RESTARTED);
        assertThat(e.raises()).containsExactly(1);
        assertThat(e.finalSmoke()).isFalse();
        assertThat(e.uncertain()).isZero();
    }

    /** GIVEN smoke and back while the gateway is dead WHEN judged THEN nothing was visible: no raise. */
    @Test
    void aFlipAndBackWhileDeadIsInvisible() {
        Expectation e = SeenTransitions.of(D, false, List.of(new Flip(13_000, true), new Flip(16_000, false)),
                KILLED_AND_RESTARTED);
        assertThat(e.raises()).containsExactly(0);
    }

    /** GIVEN smoke seen, then cleared and in smoke again while dead WHEN judged THEN still the one raise, in smoke. */
    @Test
    void theRestartSeesOnlyTheLevelItFinds() {
        Expectation e = SeenTransitions.of(D, false, List.of(new Flip(4_000, true), new Flip(13_000, false),
                new Flip(16_000, true)), KILLED_AND_RESTARTED);
        assertThat(e.raises()).containsExactly(1);
        assertThat(e.finalSmoke()).isTrue();
    }

    /** GIVEN a detector in smoke at the first start that clears while dead WHEN judged THEN raised once, cleared. */
    @Test
    void aClearWhileDeadIsSeenAtTheRestart() {
        Expectation e = SeenTransitions.of(D, true, List.of(new Flip(14_000, false)), KILLED_AND_RESTARTED);
        assertThat(e.raises()).containsExactly(1);
        assertThat(e.finalSmoke()).isFalse();
    }

    /** GIVEN smoke one second before the kill, cleared while dead WHEN judged THEN stored or lost: 0 or 1 raise. */
    @Test
    void aChangeJustBeforeTheKillMayBeLost() {
        Expectation e = SeenTransitions.of(D, false, List.of(new Flip(9_000, true), new Flip(15_000, false)),
                KILLED_AND_RESTARTED);
        assertThat(e.raises()).containsExactly(0, 1);
        assertThat(e.uncertain()).isEqualTo(1);
    }

    /** GIVEN a clear before the restarted gateway read the detector WHEN judged THEN in its first reading or not. */
    @Test
    void aChangeDuringTheStartIsInTheFirstReadingOrAfterIt() {
        Expectation e = SeenTransitions.of(D, false, List.of(new Flip(12_000, true), new Flip(21_000, false)),
                KILLED_AND_RESTARTED);
        assertThat(e.raises()).containsExactly(0, 1);
    }
}
