package io.onegrid.hub.it;

import io.onegrid.testing.ThirdPartyPeers;
import static io.onegrid.hub.it.HubFixture.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.Envelopes;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interoperability with a client we did not write: Debian's mosquitto_pub speaking MQTT 5. */
class MosquittoInteropIT {
    @TempDir
    Path dir;
    HubFixture hub;

    @BeforeEach
    void start() {
        mosquittoPub();
        hub = HubFixture.start(dir);
    }

    @AfterEach
    void stop() {
        if (hub != null) hub.close();
    }

    private static String mosquittoPub() {
        return ThirdPartyPeers.require("mosquitto_pub", "mosquitto-clients").toString();
    }

    private int pub(String user, String password, String topic, Path payload) throws Exception {
        return pub("mqttv5", user, password, topic, payload);
    }

    private int pub(String version, String user, String password, String topic, Path payload) throws Exception {
        Process p = new ProcessBuilder(List.of(mosquittoPub(), "-V", version, "-h", "127.0.0.1",
                "-p", String.valueOf(hub.hub.mqttPort()), "-i", user, "-u", user, "-P", password, "-q", "1",
                "-t", topic, "-f", payload.toString())).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("mosquitto_pub hung");
        }
        return p.exitValue();
    }

    /** Verifies that an alarm published by mosquitto_pub (MQTT 5, QoS 1) is stored and opens a case. */
    @Test
    void mosquittoPubAlarmOpensCase() throws Exception {
        Path payload = Files.write(dir.resolve("alarm.json"), hub.encode(Envelopes.hydrantLow(GW, 1, "mosq-1")));
        assertThat(pub(GW, GW_SECRET, Topics.uplink(GW, MessageKind.ALARM), payload)).isZero();
        assertThat(hub.hub.store().stats().alarms()).isEqualTo(1);
        assertThat(hub.hub.store().stats().cases()).isEqualTo(1);
    }

    /** Verifies that mosquitto_pub with a wrong password is refused and stores nothing. */
    @Test
    void mosquittoPubBadPasswordRefused() throws Exception {
        Path payload = Files.writeString(dir.resolve("x.json"), "{}", StandardCharsets.UTF_8);
        assertThat(pub(GW, "wrong-password", Topics.uplink(GW, MessageKind.ALARM), payload)).isNotZero();
        assertThat(hub.hub.store().stats().messages()).isZero();
    }

    /** Verifies that an MQTT 3.1.1 client is refused (it could not see PUBACK reason codes) and stores nothing. */
    @Test
    void mqtt311Refused() throws Exception {
        Path payload = Files.write(dir.resolve("alarm.json"), hub.encode(Envelopes.hydrantLow(GW, 1, "mosq-1")));
        assertThat(pub("mqttv311", GW, GW_SECRET, Topics.uplink(GW, MessageKind.ALARM), payload)).isNotZero();
        assertThat(hub.hub.store().stats().messages()).isZero();
    }
}
