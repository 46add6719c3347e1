package io.onegrid.hub;

import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import java.util.List;
import java.util.Map;

/** Builds protocol envelopes for tests. */
public final class Envelopes {
    public static final Timestamp TS = new Timestamp(1_700_000_000_000L, 5_000L);

    private Envelopes() { }

    public static Envelope alarm(String gw, String boot, long seq, String alarmId, String device, String rule,
                                 Body.Transition t, String severity, String caseType, Location loc) {
        WireReading r = new WireReading(device, "pressure", 0.05, "MPa", WireReading.Quality.GOOD, TS);
        return Envelope.of(gw, boot, seq, TS, new Body.Alarm(alarmId, device, rule, t, severity, caseType, loc, TS,
                "pressure low", List.of(r)));
    }

    public static Envelope raised(String gw, long seq, String alarmId, String device, String rule, String caseType,
                                  Location loc) {
        return alarm(gw, "boot-1", seq, alarmId, device, rule, Body.Transition.RAISED, "MAJOR", caseType, loc);
    }

    public static Envelope hydrantLow(String gw, long seq, String alarmId) {
        return raised(gw, seq, alarmId, "hydrant-1", "low-pressure", "fire.hydrant-pressure-low",
                Location.unit("site-a", "B1"));
    }

    public static Envelope birth(String gw, String boot) {
        return Envelope.of(gw, boot, 0, TS, new Body.Birth("gateway 0.1.0", TS, List.of(
                new Body.DeclaredDevice("hydrant-1", "hydrant-pressure-modbus", new Location("site-a", "B1", "pump room", null)),
                new Body.DeclaredDevice("smoke-302", "smoke-detector-gpio", Location.unit("site-a", "302")))));
    }

    public static Envelope telemetry(String gw, long seq) {
        return Envelope.of(gw, "boot-1", seq, TS, new Body.Telemetry(List.of(
                new WireReading("hydrant-1", "pressure", 0.31, "MPa", WireReading.Quality.GOOD, TS),
                new WireReading("smoke-302", "smoke", false, null, WireReading.Quality.GOOD, TS))));
    }

    public static Envelope event(String gw, long seq) {
        return Envelope.of(gw, "boot-1", seq, TS, new Body.Event("walk-test", "smoke-302", Map.of("result", "ok")));
    }

    public static Envelope health(String gw, long seq) {
        return Envelope.of(gw, "boot-1", seq, TS, new Body.Health(1000, 0, 0, List.of(new Body.DeviceStatus("hydrant-1", true))));
    }

    public static Envelope death(String gw, String boot) {
        return Envelope.of(gw, boot, 99, TS, new Body.Death("connection lost"));
    }
}
