package io.onegrid.hub.cases;

import java.util.Objects;

/**
 * An alarm transition as the case engine sees it, independent of how it arrived: the MQTT bridge builds it
 * from an envelope today; a GB/T 26875.3 transmission device or a Sparkplug B edge node will build it too.
 *
 * @param source        the system that delivered it (a gateway id); with {@code device} and {@code rule} it names the source
 * @param alarmId       the occurrence: a raise and its clear share it (unique per source)
 * @param raised        true for a raise, false for a clear
 * @param site          building id as the source names it; {@code unit}, {@code area}, {@code residentId} may be null
 * @param raisedAtHub   when it was raised, in hub time (corrected for a wrong source clock)
 * @param readingsJson  the readings that caused it, as a JSON array
 */
public record AlarmSignal(String source, String alarmId, String device, String rule, boolean raised,
                          String severity, String caseType, String site, String unit, String area, String residentId,
                          long raisedAtHub, String message, String readingsJson) {
    public AlarmSignal {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(alarmId, "alarmId");
        Objects.requireNonNull(caseType, "caseType");
        Objects.requireNonNull(site, "site");
        severity = Severities.normalize(severity);
    }

    /** A one-line description for the timeline (no personal data: residents are ids). */
    public String describe() {
        return "alarm " + alarmId + " from " + source + "/" + device + " rule " + rule + " severity " + severity
                + (message == null ? "" : ": " + message);
    }

    /** Who the timeline names as the actor. */
    public String actor() {
        return "gateway:" + source;
    }
}
