package io.onegrid.driver.coap;

import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DriverException;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static io.onegrid.driver.coap.Profiles.channel;
import static io.onegrid.driver.coap.Profiles.device;
import static io.onegrid.driver.coap.Profiles.get;
import static io.onegrid.driver.coap.Profiles.observe;
import static io.onegrid.driver.coap.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's CoAP driver against Debian libcoap's example server, an implementation we did not write: GET,
 * Observe of its /time resource, PUT to /example_data, and the same over DTLS with a pre-shared key.
 */
class CoapDriverLibcoapIT {
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final DeviceProfile CLOCK = profile(INTERVAL, TIMEOUT,
            channel("ticks", DataType.UINT32, observe("/time?ticks", 0, null)),
            channel("clock", DataType.STRING, get("/time", 0, null)));

    @TempDir
    Path dir;
    private final RecordingSink sink = new RecordingSink();
    private final CoapDriver driver = new CoapDriver(CoapSettings.defaults(), GatewayClock.SYSTEM);
    private LibcoapServer server;
    private DeviceConnection connection;

    @AfterEach
    void tearDown() throws Exception {
        if (connection != null) connection.close();
        driver.close();
        if (server != null) server.close();
    }

    private static Reading only(List<Reading> readings, String channel) {
        return readings.stream().filter(r -> r.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading of " + channel + " in " + readings));
    }

    /** Polls until libcoap (just started) answers, and returns that first poll's readings. */
    private List<Reading> firstPoll() {
        return await("libcoap answers").ignoreExceptions().until(connection::poll,
                readings -> readings.stream().allMatch(r -> r.quality() == Quality.GOOD));
    }

    /** One poll reads the GET channel and registers the observation; libcoap's notifications then reach the sink. */
    @Test
    void readsAndObservesLibcoapTime() throws Exception {
        server = LibcoapServer.plain(dir.resolve("coap-server.log"));
        connection = driver.connect(device(server.coap()), CLOCK, sink);

        List<Reading> first = firstPoll();

        double now = System.currentTimeMillis() / 1000.0;
        assertThat((Double) only(first, "ticks").value()).isBetween(now - 60, now + 60);
        assertThat((String) only(first, "clock").value()).matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}");
        // /time notifies every second: two notifications with rising ticks, pushed without a poll
        await().atMost(Duration.ofSeconds(6)).until(() -> sink.of("ticks").size() >= 2);
        List<Reading> pushed = sink.of("ticks");
        assertThat(pushed).allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.GOOD));
        assertThat((Double) pushed.get(1).value()).isGreaterThan((Double) pushed.get(0).value());
        assertThat(connection.poll()).extracting(Reading::channel).containsExactly("clock");
    }

    /** A write PUTs text to libcoap's /example_data, and the next read returns it. */
    @Test
    void writesLibcoapExampleData() throws Exception {
        server = LibcoapServer.plain(dir.resolve("coap-server.log"));
        DeviceProfile profile = profile(INTERVAL, TIMEOUT,
                Profiles.writable("setpoint", DataType.FLOAT32, get("/example_data", 0, null)));
        connection = driver.connect(device(server.coap()), profile, sink);
        await("libcoap answers").ignoreExceptions().until(() -> {
            connection.write("setpoint", 21.5);
            return true;
        });

        assertThat(only(connection.poll(), "setpoint").value()).isEqualTo(21.5);
    }

    /**
     * Over DTLS with the key from a hex file the same channels read; a wrong key fails the poll as a whole (no
     * handshake, nothing answered) instead of hanging; a key file others may read is refused at connect.
     */
    @Test
    void readsLibcoapOverDtlsWithPreSharedKey() throws Exception {
        server = LibcoapServer.psk("secretPSK", dir.resolve("coap-server.log"));
        Path key = keyFile("good.key", "secretPSK", "rw-------");
        connection = driver.connect(device(server.coaps("gateway-7", key)), CLOCK, sink);

        List<Reading> first = firstPoll();
        double now = System.currentTimeMillis() / 1000.0;
        assertThat((Double) only(first, "ticks").value()).isBetween(now - 60, now + 60);
        await().atMost(Duration.ofSeconds(6)).until(() -> sink.of("ticks").size() >= 1);

        Path wrong = keyFile("wrong.key", "not-the-key", "rw-------");
        try (var other = driver.connect(device(server.coaps("gateway-7", wrong)), CLOCK, new RecordingSink())) {
            long start = System.nanoTime();
            assertThatThrownBy(other::poll).isInstanceOf(DriverException.class).hasMessageContaining("answered none");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }

        Path open = keyFile("open.key", "secretPSK", "rw-r--r--");
        assertThatThrownBy(() -> driver.connect(device(server.coaps("gateway-7", open)), CLOCK, sink))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.code()).isEqualTo(DriverException.Code.BAD_ADDRESS);
                    assertThat(e.getMessage()).contains("may be read by its group or others");
                });
    }

    private Path keyFile(String name, String key, String permissions) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, HexFormat.of().formatHex(key.getBytes()) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
