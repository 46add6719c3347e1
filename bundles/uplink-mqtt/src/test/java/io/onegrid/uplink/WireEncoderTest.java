package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Coverage;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.Envelope;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Location;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Timestamp;
import io.onegrid.protocol.WireReading;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The encoder's envelopes decode back, through the protocol codec, to what the gateway meant. */
class WireEncoderTest {
    private static final GatewayClock CLOCK = new GatewayClock() {
        @Override
        public long wallMs() {
            return 1_795_300_000_000L;
        }

        @Override
        public long monoMs() {
            return 123_456L;
        }
    };
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final WireEncoder encoder = new WireEncoder("gw-demo-01", "boot-1", CLOCK, codec);
    private final Coverage flat302 = new Coverage("bldg-7", "302", null, "r-1042");

    private Envelope decode(OutboundMessage m) {
        return codec.decode(m.payload(), MessageKind.fromWire(m.kind()));
    }

    /** An alarm raise keeps every field, with coverage as location and a lower-case severity. */
    @Test
    void alarmRoundTrips() {
        Reading smoke = new Reading("smoke-302", "smoke", Boolean.TRUE, null, Quality.GOOD, 1_795_299_999_000L, 122_000L);
        AlarmTransition t = new AlarmTransition("al-1", "smoke-302", "smoke", true, "CRITICAL", "fire.smoke", flat302,
                1_795_299_999_500L, 122_500L, "Smoke detected", List.of(smoke), 1_795_299_999_600L, 122_600L);

        OutboundMessage m = encoder.alarm(t);

        assertThat(m.priority()).isEqualTo(Priority.ALARM);
        assertThat(m.kind()).isEqualTo("alarm");
        Envelope e = decode(m);
        assertThat(e.gatewayId()).isEqualTo("gw-demo-01");
        assertThat(e.bootId()).isEqualTo("boot-1");
        assertThat(e.seq()).isEqualTo(1);
        assertThat(e.ts()).isEqualTo(new Timestamp(CLOCK.wallMs(), CLOCK.monoMs()));
        assertThat(e.body()).isEqualTo(new Body.Alarm("al-1", "smoke-302", "smoke", Body.Transition.RAISED, "critical",
                "fire.smoke", new Location("bldg-7", "302", null, "r-1042"), new Timestamp(1_795_299_999_500L, 122_500L),
                "Smoke detected", List.of(new WireReading("smoke-302", "smoke", Boolean.TRUE, null,
                        WireReading.Quality.GOOD, new Timestamp(1_795_299_999_000L, 122_000L)))));
    }

    /** A clear is encoded as transition "cleared"; a device without coverage still gets a site. */
    @Test
    void clearWithoutCoverageStillEncodes() {
        AlarmTransition t = new AlarmTransition("al-1", "d", "r", false, "MAJOR", "fire.x", null, 1L, 1L, null,
                List.of(), 2L, 2L);

        Body.Alarm body = (Body.Alarm) decode(encoder.alarm(t)).body();

        assertThat(body.transition()).isEqualTo(Body.Transition.CLEARED);
        assertThat(body.location().site()).isEqualTo(WireEncoder.UNASSIGNED_SITE);
    }

    /** Telemetry carries every reading, including bad ones without value, at telemetry priority. */
    @Test
    void telemetryRoundTrips() {
        List<Reading> readings = List.of(
                new Reading("hydrant-b7", "pressure", 0.35, "MPa", Quality.GOOD, 10L, 5L),
                new Reading("hydrant-b7", "status", null, null, Quality.BAD, 11L, 6L));

        OutboundMessage m = encoder.telemetry(readings);

        assertThat(m.priority()).isEqualTo(Priority.TELEMETRY);
        assertThat(((Body.Telemetry) decode(m).body()).readings()).containsExactly(
                new WireReading("hydrant-b7", "pressure", 0.35, "MPa", WireReading.Quality.GOOD, new Timestamp(10L, 5L)),
                new WireReading("hydrant-b7", "status", null, null, WireReading.Quality.BAD, new Timestamp(11L, 6L)));
    }

    /** Events keep type, device and detail, at event priority. */
    @Test
    void eventRoundTrips() {
        OutboundMessage m = encoder.event(new GatewayEvent("walk-test", "smoke-302", Map.of("result", "ok"), 1L, 1L));

        assertThat(m.priority()).isEqualTo(Priority.EVENT);
        assertThat(decode(m).body()).isEqualTo(new Body.Event("walk-test", "smoke-302", Map.of("result", "ok")));
    }

    /** Sequence numbers rise by one per sequenced message across kinds; birth and death carry 0. */
    @Test
    void sequenceIsPerBootAndSkipsBirthAndDeath() {
        long a = decode(encoder.telemetry(List.of())).seq();
        Envelope birth = codec.decode(encoder.birth("0.1.0", List.of(new DeviceRef("smoke-302", "smoke-detector-gpio",
                "smoke=17", "gpio", flat302, Map.of()))), MessageKind.BIRTH);
        long b = decode(encoder.event(new GatewayEvent("x", null, Map.of(), 1L, 1L))).seq();
        Body.Health heartbeat = new Body.Health(CLOCK.monoMs(), 3, 1, List.of(new Body.DeviceStatus("smoke-302", true)),
                2, 640, 1);
        Envelope health = codec.decode(encoder.health(heartbeat), MessageKind.HEALTH);
        Envelope death = codec.decode(encoder.death("shutdown"), MessageKind.DEATH);

        assertThat(a).isEqualTo(1);
        assertThat(b).isEqualTo(2);
        assertThat(health.seq()).isEqualTo(3);
        assertThat(birth.seq()).isZero();
        assertThat(death.seq()).isZero();
        assertThat(((Body.Birth) birth.body()).devices()).containsExactly(new Body.DeclaredDevice("smoke-302",
                "smoke-detector-gpio", new Location("bldg-7", "302", null, "r-1042")));
        assertThat(((Body.Birth) birth.body()).bootedAt()).isEqualTo(new Timestamp(CLOCK.wallMs(), CLOCK.monoMs()));
        assertThat(health.body()).isEqualTo(heartbeat);
        assertThat(health.ts()).isEqualTo(new Timestamp(CLOCK.wallMs(), CLOCK.monoMs()));
        assertThat(death.body()).isEqualTo(new Body.Death("shutdown"));
        assertThat(encoder.lastSeq()).isEqualTo(3);
    }

    /** An invalid gateway id is refused when the encoder is built, not on the first alarm. */
    @Test
    void invalidGatewayIdIsRefusedEarly() {
        assertThatThrownBy(() -> new WireEncoder("gw/with/slash", "b", CLOCK, codec))
                .hasMessageContaining("gw must match");
    }

    /** Settings never print the password. */
    @Test
    void settingsHidePassword() {
        UplinkSettings s = new UplinkSettings("gw-1", "tcp://127.0.0.1:1883", null, "s3cret-value", 30, 60, null, 16, 0, 50);

        assertThat(s.toString()).doesNotContain("s3cret-value").contains("password=(set)");
        assertThat(s.username()).isEqualTo("gw-1");
    }
}
