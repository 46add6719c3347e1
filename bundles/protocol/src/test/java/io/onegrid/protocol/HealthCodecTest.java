package io.onegrid.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heartbeat's optional fields: what newer gateways add, and that either side still reads the other's age. */
class HealthCodecTest {
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Timestamp ts = new Timestamp(1_795_300_000_000L, 3_600_000L);

    private Body.Health decode(String body) {
        String json = "{\"v\":1,\"gw\":\"gw-1\",\"boot\":\"b\",\"seq\":3,\"kind\":\"health\","
                + "\"ts\":{\"wall\":1,\"mono\":1},\"body\":" + body + "}";
        return (Body.Health) codec.decode(json.getBytes(StandardCharsets.UTF_8), MessageKind.HEALTH).body();
    }

    private String encode(Body.Health h) {
        return new String(codec.encode(Envelope.of("gw-1", "b", 4, ts, h)), StandardCharsets.UTF_8);
    }

    /**
     * GIVEN a heartbeat with the backlog's age, the clock's state and each device's communication state and
     * reading age WHEN encoded and decoded THEN it is unchanged, under the documented field names.
     */
    @Test
    void everyFieldRoundTrips() {
        Body.Health h = new Body.Health(3_600_000, 12, 3, List.of(
                new Body.DeviceStatus("hydrant-b7", true, Body.CommState.DEGRADED, 9_500L),
                new Body.DeviceStatus("smoke-302", false, Body.CommState.DOWN, null),
                new Body.DeviceStatus("door-305", false, Body.CommState.UNKNOWN, null)),
                2, 640, 1, 86_400_000L, Body.ClockSync.UNSYNCED);

        String json = encode(h);

        assertThat(codec.decode(json.getBytes(StandardCharsets.UTF_8), MessageKind.HEALTH).body()).isEqualTo(h);
        assertThat(json).contains("\"outboxQuarantined\":2", "\"outboxQuarantinedBytes\":640",
                "\"outboxQuarantineEvicted\":1", "\"outboxOldestAgeMs\":86400000", "\"clockSync\":\"unsynced\"",
                "{\"id\":\"hydrant-b7\",\"online\":true,\"comm\":\"degraded\",\"lastReadingAgeMs\":9500}",
                "{\"id\":\"smoke-302\",\"online\":false,\"comm\":\"down\"}");
    }

    /**
     * GIVEN heartbeats as older gateways sent them (without the quarantine figures, and with them but without
     * this version's fields) WHEN decoded THEN they read with 0, null and unknown, so a hub takes heartbeats of
     * gateways of any age.
     */
    @Test
    void heartbeatsOfOlderGatewaysRead() {
        Body.Health first = decode("{\"uptimeMs\":5,\"outboxPending\":2,\"outboxDropped\":1,"
                + "\"devices\":[{\"id\":\"hydrant-b7\",\"online\":true}]}");
        Body.Health quarantine = decode("{\"uptimeMs\":5,\"outboxPending\":2,\"outboxDropped\":1,"
                + "\"outboxQuarantined\":7,\"outboxQuarantinedBytes\":900,\"outboxQuarantineEvicted\":3,\"devices\":[]}");

        assertThat(first).isEqualTo(new Body.Health(5, 2, 1, List.of(new Body.DeviceStatus("hydrant-b7", true))));
        assertThat(first.outboxOldestAgeMs()).isNull();
        assertThat(first.clockSync()).isEqualTo(Body.ClockSync.UNKNOWN);
        assertThat(first.devices().get(0).state()).isEqualTo(Body.CommState.UNKNOWN);
        assertThat(first.devices().get(0).lastReadingAgeMs()).isNull();
        assertThat(quarantine).isEqualTo(new Body.Health(5, 2, 1, List.of(), 7, 900, 3));
    }

    /**
     * GIVEN a heartbeat of a newer gateway with a communication state and a clock state this side does not know
     * WHEN decoded THEN they read as unknown instead of refusing the heartbeat (a new value is compatible).
     */
    @Test
    void unknownStatesReadAsUnknown() {
        Body.Health h = decode("{\"uptimeMs\":5,\"clockSync\":\"ptp-locked\","
                + "\"devices\":[{\"id\":\"d\",\"online\":true,\"comm\":\"flapping\"}]}");

        assertThat(h.clockSync()).isEqualTo(Body.ClockSync.UNKNOWN);
        assertThat(h.devices().get(0).state()).isEqualTo(Body.CommState.UNKNOWN);
    }

    /** GIVEN an age that is negative or not an integer, or a state that is not a string THEN the heartbeat is invalid. */
    @Test
    void illTypedFieldsAreInvalid() {
        for (String body : List.of("{\"uptimeMs\":5,\"outboxOldestAgeMs\":-1,\"devices\":[]}",
                "{\"uptimeMs\":5,\"outboxOldestAgeMs\":\"1h\",\"devices\":[]}",
                "{\"uptimeMs\":5,\"devices\":[{\"id\":\"d\",\"online\":true,\"lastReadingAgeMs\":1.5}]}",
                "{\"uptimeMs\":5,\"devices\":[{\"id\":\"d\",\"online\":true,\"comm\":1}]}")) {
            assertThatThrownBy(() -> decode(body)).as(body).isInstanceOf(ProtocolException.class)
                    .extracting(e -> ((ProtocolException) e).error()).isEqualTo(ProtocolError.INVALID_FIELD);
        }
    }
}
