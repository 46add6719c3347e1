package io.onegrid.bench;

import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The messages every benchmark sends, built once and deterministically so that runs compare: a telemetry
 * batch of n readings from a building of hydrant-pressure and temperature devices, and an alarm transition.
 */
public final class Payloads {
    public static final String BOOT = "boot-bench";
    private static final Timestamp TS = new Timestamp(1_700_000_000_000L, 5_000L);

    private Payloads() { }

    /** A telemetry envelope of {@code readings} readings (numbers, a boolean every fifth). */
    public static Envelope telemetry(String gatewayId, long seq, int readings) {
        List<WireReading> rs = new ArrayList<>(readings);
        for (int i = 0; i < readings; i++) {
            Timestamp ts = new Timestamp(TS.wallMs() + i * 100L, TS.monoMs() + i * 100L);
            if (i % 5 == 4) {
                rs.add(new WireReading("smoke-" + (300 + i), "smoke", Boolean.FALSE, null, WireReading.Quality.GOOD, ts));
            } else if (i % 2 == 0) {
                rs.add(new WireReading("hydrant-" + i, "pressure", 0.31 + i / 1000.0, "MPa", WireReading.Quality.GOOD, ts));
            } else {
                rs.add(new WireReading("th-" + i, "temperature", 21.5 + i / 10.0, "°C", WireReading.Quality.GOOD, ts));
            }
        }
        return Envelope.of(gatewayId, BOOT, seq, TS, new Body.Telemetry(rs));
    }

    /** A raise (or clear) of a low-pressure alarm on one hydrant of site-a. */
    public static Envelope alarm(String gatewayId, long seq, String alarmId, Body.Transition transition) {
        WireReading r = new WireReading("hydrant-1", "pressure", 0.05, "MPa", WireReading.Quality.GOOD, TS);
        return Envelope.of(gatewayId, BOOT, seq, TS, new Body.Alarm(alarmId, "hydrant-1", "low-pressure", transition,
                "MAJOR", "fire.hydrant-pressure-low", new Location("site-a", "B1", "pump room", null), TS,
                "pressure below 0.10 MPa", List.of(r)));
    }

    /**
     * The same telemetry envelope as plain Java maps and lists, shaped exactly like the codec's JSON (see
     * docs/protocol.md): what a hand-written Jackson mapping without validation would serialize.
     */
    public static Map<String, Object> asMap(Envelope e) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("v", e.version());
        root.put("gw", e.gatewayId());
        root.put("boot", e.bootId());
        root.put("seq", e.seq());
        root.put("kind", e.kind().wireName());
        root.put("ts", ts(e.ts()));
        List<Object> readings = new ArrayList<>();
        for (WireReading r : ((Body.Telemetry) e.body()).readings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("device", r.device());
            m.put("channel", r.channel());
            m.put("value", r.value());
            if (r.unit() != null) m.put("unit", r.unit());
            m.put("quality", r.quality().name().toLowerCase(Locale.ROOT));
            m.put("ts", ts(r.ts()));
            readings.add(m);
        }
        root.put("body", Map.of("readings", readings));
        return root;
    }

    private static Map<String, Object> ts(Timestamp t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall", t.wallMs());
        m.put("mono", t.monoMs());
        return m;
    }
}
