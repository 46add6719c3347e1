package io.onegrid.profile;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * A default alarm rule of a profile; device instances may override its parameters. Fields unused by a
 * {@link RuleKind} are null. Rules are data: the edge-rules bundle interprets them.
 *
 * @param equals        STATE/TAMPER: the value that means "alarm" (Boolean, Double or String)
 * @param above         THRESHOLD: raise when the value is above this
 * @param below         THRESHOLD: raise when the value is below this
 * @param hysteresis    THRESHOLD: how far back past the limit the value must go to clear
 * @param minDuration   THRESHOLD/STATE: how long the condition must hold before raising (null = at once)
 * @param ratePerMinute RATE: absolute change per minute that raises
 * @param inactivity    INACTIVITY: how long without activity raises
 * @param windowStart   INACTIVITY: daily window start (local time), null = all day
 * @param windowEnd     INACTIVITY: daily window end
 */
public record AlarmRuleSpec(String id, RuleKind kind, String channel, Object equals, Double above, Double below,
                            Double hysteresis, Duration minDuration, Double ratePerMinute, Duration inactivity,
                            LocalTime windowStart, LocalTime windowEnd, Severity severity, String caseType,
                            String message, List<LocalAction> actions) {
    public AlarmRuleSpec {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }
}
