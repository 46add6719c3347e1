package io.onegrid.hub.cases;

import static io.onegrid.hub.cases.CaseStage.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stage machine of {@link CaseStage}'s diagram, every (stage, action) pair, allowed and refused. */
class CaseMachineTest {

    /** Where each allowed action leads from each stage; a missing pair is refused. */
    private static Map<CaseStage, Map<CaseAction, CaseStage>> expected() {
        Map<CaseStage, Map<CaseAction, CaseStage>> m = new EnumMap<>(CaseStage.class);
        for (CaseStage s : CaseStage.values()) m.put(s, new EnumMap<>(CaseAction.class));
        m.get(OPEN).put(CaseAction.DISPATCH, DISPATCHED);
        m.get(DISPATCHED).put(CaseAction.ACCEPT, ACCEPTED);
        m.get(ACCEPTED).put(CaseAction.START, HANDLING);
        m.get(HANDLING).put(CaseAction.RESOLVE, RESOLVED);
        m.get(RESOLVED).put(CaseAction.VERIFY, VERIFIED);
        m.get(VERIFIED).put(CaseAction.CLOSE, CLOSED);
        for (CaseStage s : new CaseStage[] {OPEN, DISPATCHED, ACCEPTED, HANDLING, RESOLVED}) {
            m.get(s).put(CaseAction.FALSE_ALARM, FALSE_ALARM);
        }
        m.get(DISPATCHED).put(CaseAction.RETURN, OPEN);
        m.get(ACCEPTED).put(CaseAction.RETURN, OPEN);
        for (CaseStage s : CaseStage.values()) {
            if (!s.isClosed()) m.get(s).put(CaseAction.ESCALATE, s);
            m.get(s).put(CaseAction.COMMENT, s);
        }
        return m;
    }

    /** Verifies each of the 8 × 10 (stage, action) pairs: allowed ones lead where the diagram says, others throw. */
    @Test
    void everyTransitionAllowedOrRefused() {
        Map<CaseStage, Map<CaseAction, CaseStage>> want = expected();
        int allowed = 0;
        for (CaseStage s : CaseStage.values()) {
            for (CaseAction a : CaseAction.values()) {
                CaseStage target = want.get(s).get(a);
                // GIVEN a case in stage s WHEN action a THEN the diagram's target, or a refusal
                if (target != null) {
                    assertThat(CaseMachine.allows(s, a)).as(s + " " + a).isTrue();
                    assertThat(CaseMachine.next(s, a, true)).as(s + " " + a).isEqualTo(target);
                    allowed++;
                } else {
                    assertThat(CaseMachine.allows(s, a)).as(s + " " + a).isFalse();
                    assertThatThrownBy(() -> CaseMachine.next(s, a, true)).isInstanceOf(IllegalStateException.class)
                            .hasMessageContaining(a.wireName()).hasMessageContaining(s.name());
                }
            }
        }
        assertThat(allowed).isEqualTo(6 + 5 + 2 + 6 + 8);
    }

    /** Verifies that a failed verification sends a resolved case back to handling (rework). */
    @Test
    void failedVerificationIsRework() {
        assertThat(CaseMachine.next(RESOLVED, CaseAction.VERIFY, false)).isEqualTo(HANDLING);
    }

    /** Verifies that closed stages are final: only comments remain. */
    @Test
    void closedStagesAreFinal() {
        assertThat(CaseMachine.allowed(CLOSED)).containsExactly(CaseAction.COMMENT);
        assertThat(CaseMachine.allowed(FALSE_ALARM)).containsExactly(CaseAction.COMMENT);
    }

    /** Verifies that responders do field work only and installers nothing. */
    @Test
    void rolesLimitActions() {
        assertThat(CaseRoles.may(Role.RESPONDER, CaseAction.ACCEPT)).isTrue();
        assertThat(CaseRoles.may(Role.RESPONDER, CaseAction.DISPATCH)).isFalse();
        assertThat(CaseRoles.may(Role.RESPONDER, CaseAction.CLOSE)).isFalse();
        assertThat(CaseRoles.may(Role.OPERATOR, CaseAction.CLOSE)).isTrue();
        for (CaseAction a : CaseAction.values()) assertThat(CaseRoles.may(Role.INSTALLER, a)).isFalse();
    }

    /** Verifies the wire names of actions round-trip, including false-alarm. */
    @Test
    void wireNames() {
        assertThat(CaseAction.fromWire("false-alarm")).contains(CaseAction.FALSE_ALARM);
        assertThat(CaseAction.fromWire("frobnicate")).isEmpty();
    }
}
