package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmRuleSpecTest {
    private static AlarmRuleSpec rule(Double above, Double below, Duration inactivity, String message) {
        return new AlarmRuleSpec("r", RuleKind.THRESHOLD, "pressure", null, above, below, 0.02, Duration.ofSeconds(30),
                null, inactivity, null, null, Severity.MAJOR, "fire.x", message, List.of());
    }

    /**
     * GIVEN a message with the rule's placeholders WHEN its title is made THEN they carry the rule's own values
     * (an instance override of 0.40 reads 0.4), durations in the profile syntax, unknown names left as written.
     */
    @Test
    void titleFillsTheRulesOwnValues() {
        assertThat(rule(null, 0.40, null, "Hydrant pressure below {below} MPa").title()).isEqualTo("Hydrant pressure below 0.4 MPa");
        assertThat(rule(300.0, null, null, "Residual current above {above} mA").title()).isEqualTo("Residual current above 300 mA");
        assertThat(rule(null, null, Duration.ofHours(12), "No movement for {inactivity}").title()).isEqualTo("No movement for 12h");
        assertThat(rule(null, null, null, "held {minDuration}, {nothing} and {above}").title()).isEqualTo("held 30s, {nothing} and {above}");
    }

    /** GIVEN no message THEN the title is the rule's id; a message without placeholders stays as it is. */
    @Test
    void titleWithoutPlaceholders() {
        assertThat(rule(1.0, null, null, null).title()).isEqualTo("r");
        assertThat(rule(1.0, null, null, "Smoke detected").title()).isEqualTo("Smoke detected");
    }
}
