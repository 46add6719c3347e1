package io.onegrid.outbox;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.Coverage;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Priority;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Small builders shared by the outbox tests. */
final class TestMessages {
    /** A clock that stands still unless a test moves it. */
    static final GatewayClock FIXED_CLOCK = new GatewayClock() {
        @Override
        public long wallMs() {
            return 1_800_000_000_000L;
        }

        @Override
        public long monoMs() {
            return 1_000L;
        }
    };

    private TestMessages() { }

    static OutboundMessage alarm(String text) {
        return new OutboundMessage(Priority.ALARM, "alarm", text.getBytes(StandardCharsets.UTF_8));
    }

    static OutboundMessage event(String text) {
        return new OutboundMessage(Priority.EVENT, "event", text.getBytes(StandardCharsets.UTF_8));
    }

    static OutboundMessage telemetry(String text) {
        return new OutboundMessage(Priority.TELEMETRY, "telemetry", text.getBytes(StandardCharsets.UTF_8));
    }

    static OutboundMessage sized(Priority p, int bytes) {
        byte[] payload = new byte[bytes];
        Arrays.fill(payload, (byte) 'x');
        return new OutboundMessage(p, p.name().toLowerCase(), payload);
    }

    static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static AlarmTransition transition(String alarmId, boolean raised) {
        return new AlarmTransition(alarmId, "smoke-302", "smoke", raised, "CRITICAL", "fire.smoke",
                new Coverage("bldg-7", "302", null, null), 1_000L, 10L, "smoke detected", List.of(), 2_000L, 20L);
    }
}
