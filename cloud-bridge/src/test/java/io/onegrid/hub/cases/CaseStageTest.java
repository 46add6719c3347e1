package io.onegrid.hub.cases;

import static io.onegrid.hub.cases.CaseStage.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The case stage machine, transition by transition. */
class CaseStageTest {

    /** Verifies the full forward path OPEN → ... → CLOSED, one step at a time. */
    @Test
    void forwardPath() {
        assertThat(OPEN.next()).containsExactlyInAnyOrder(DISPATCHED, CLOSED_FALSE_ALARM);
        assertThat(DISPATCHED.next()).containsExactlyInAnyOrder(ACCEPTED, CLOSED_FALSE_ALARM);
        assertThat(ACCEPTED.next()).containsExactlyInAnyOrder(HANDLING, CLOSED_FALSE_ALARM);
        assertThat(HANDLING.next()).containsExactlyInAnyOrder(RESOLVED, CLOSED_FALSE_ALARM);
        assertThat(RESOLVED.next()).containsExactlyInAnyOrder(VERIFIED, CLOSED_FALSE_ALARM);
        assertThat(VERIFIED.next()).containsExactlyInAnyOrder(CLOSED, CLOSED_FALSE_ALARM);
        assertThat(CLOSED.next()).isEmpty();
        assertThat(CLOSED_FALSE_ALARM.next()).isEmpty();
    }

    /** Verifies that every non-closed stage can be closed as a false alarm, and moveTo returns the target. */
    @ParameterizedTest
    @EnumSource(value = CaseStage.class, names = {"OPEN", "DISPATCHED", "ACCEPTED", "HANDLING", "RESOLVED", "VERIFIED"})
    void anyOpenStageCanBeFalseAlarm(CaseStage s) {
        assertThat(s.isClosed()).isFalse();
        assertThat(s.moveTo(CLOSED_FALSE_ALARM)).isEqualTo(CLOSED_FALSE_ALARM);
    }

    /** Verifies that every move not in the diagram is refused with a sentence naming both stages. */
    @Test
    void everyOtherMoveRefused() {
        Set<String> allowed = Set.of("OPEN>DISPATCHED", "DISPATCHED>ACCEPTED", "ACCEPTED>HANDLING", "HANDLING>RESOLVED",
                "RESOLVED>VERIFIED", "VERIFIED>CLOSED");
        for (CaseStage from : CaseStage.values()) {
            for (CaseStage to : CaseStage.values()) {
                boolean expected = allowed.contains(from + ">" + to) || !from.isClosed() && to == CLOSED_FALSE_ALARM;
                assertThat(from.canMoveTo(to)).as(from + " -> " + to).isEqualTo(expected);
                if (!expected) {
                    assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(from.name()).hasMessageContaining(to.name());
                }
            }
        }
    }

    /** Verifies which stages count as closed. */
    @Test
    void closedStages() {
        assertThat(EnumSet.allOf(CaseStage.class).stream().filter(CaseStage::isClosed))
                .containsExactlyInAnyOrder(CLOSED, CLOSED_FALSE_ALARM);
    }
}
