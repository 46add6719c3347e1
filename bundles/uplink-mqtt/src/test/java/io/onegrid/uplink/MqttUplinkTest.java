package io.onegrid.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.GatewayClock;
import io.onegrid.protocol.EnvelopeCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session's life cycle without a broker (the hub's port is closed). */
class MqttUplinkTest {
    private static final MqttUplink.Timing FAST = new MqttUplink.Timing(100, 400, 100, 400, 3);

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * GIVEN one outbox WHEN the uplink is started and stopped three times (as live reconfiguration does)
     * THEN no append listener is left behind.
     */
    @Test
    void stopRemovesTheOutboxAppendListener() throws Exception {
        MemoryOutbox outbox = new MemoryOutbox();
        WireEncoder encoder = new WireEncoder("gw-t-01", "boot-t", GatewayClock.SYSTEM, new EnvelopeCodec());
        UplinkSettings settings = new UplinkSettings("gw-t-01", "tcp://127.0.0.1:" + closedPort(), null, null, 30,
                3600, null, 4, 0, 50);

        for (int i = 0; i < 3; i++) {
            MqttUplink uplink = new MqttUplink(settings, encoder, outbox, List::of, id -> DeviceHealth.UNKNOWN, "test", FAST);
            uplink.start();
            assertThat(outbox.appendListeners()).isEqualTo(1);
            uplink.stop();
        }

        assertThat(outbox.appendListeners()).isZero();
    }
}
