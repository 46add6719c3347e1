package io.onegrid.driver.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.onegrid.api.DeviceConnection;
import io.onegrid.api.DriverException;
import io.onegrid.api.Quality;
import io.onegrid.api.Reading;
import io.onegrid.profile.CoapPoint;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.onegrid.driver.coap.Profiles.channel;
import static io.onegrid.driver.coap.Profiles.device;
import static io.onegrid.driver.coap.Profiles.get;
import static io.onegrid.driver.coap.Profiles.observe;
import static io.onegrid.driver.coap.Profiles.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The driver against a Californium CoAP server written here: JSON, CBOR and text payloads, malformed ones, a
 * device that goes silent, Observe with a silent observation re-registered on an injected clock, and writes.
 */
class CoapDriverCaliforniumIT {
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final Path PROPERTIES = Path.of(System.getProperty("user.dir"), "Californium3.properties");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    private final ManualClock clock = new ManualClock();
    private final RecordingSink sink = new RecordingSink();
    private final CoapDriver driver = new CoapDriver(CoapSettings.defaults(), clock);
    private TestCoapServer server;
    private DeviceConnection connection;

    @BeforeAll
    static void noLeftoverPropertiesFile() throws Exception {
        // a file left by an earlier, broken build would make the check below meaningless
        Files.deleteIfExists(PROPERTIES);
    }

    @AfterEach
    void tearDown() {
        if (connection != null) connection.close();
        driver.close();
        if (server != null) server.close();
        assertThat(PROPERTIES).as("Californium must be configured in code, not from a file in the working directory")
                .doesNotExist();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Reading only(List<Reading> readings, String channel) {
        return readings.stream().filter(r -> r.channel().equals(channel)).findFirst()
                .orElseThrow(() -> new AssertionError("no reading of " + channel + " in " + readings));
    }

    /** JSON with a pointer and a scale, CBOR with a path into an array, and plain text read GOOD in one poll, one GET per resource. */
    @Test
    void readsJsonCborAndTextChannels() throws Exception {
        var json = new TestCoapServer.Settable("env", false).answer(utf8("{\"t\":{\"v\":215},\"ok\":true}"), 50, null, false);
        var cbor = new TestCoapServer.Settable("hum", false).answer(CBOR.writeValueAsBytes(Map.of("h", List.of(40.5))), 60, null, false);
        var text = new TestCoapServer.Settable("co2", false).answer(utf8("612\n"), 0, null, false);
        server = new TestCoapServer(json, cbor, text);
        DeviceProfile profile = profile(INTERVAL, TIMEOUT,
                channel("temperature", DataType.INT16, new CoapPoint("/env", 50, false, "/t/v", 0.1, 0)),
                channel("door", DataType.BOOL, get("/env", 50, "/ok")),
                channel("humidity", DataType.FLOAT32, get("/hum", 60, "/h/0")),
                channel("co2", DataType.UINT16, get("/co2", 0, null)));
        connection = driver.connect(device(server.address()), profile, sink);

        List<Reading> readings = connection.poll();

        assertThat(readings).allSatisfy(r -> assertThat(r.quality()).as(r.toString()).isEqualTo(Quality.GOOD));
        assertThat((Double) only(readings, "temperature").value()).isCloseTo(21.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(only(readings, "door").value()).isEqualTo(true);
        assertThat(only(readings, "humidity").value()).isEqualTo(40.5);
        assertThat(only(readings, "co2").value()).isEqualTo(612.0);
        assertThat(json.gets).as("two channels of /env share one GET").hasValue(1);
    }

    /** Payloads that are not what their content format says, a missing pointer target and a wrong type are BAD readings. */
    @Test
    void malformedPayloadsAreBadReadingsWithAProblem() throws Exception {
        var notJson = new TestCoapServer.Settable("a", false).answer(utf8("{\"t\": 21.5"), 50, null, false);
        var jsonAsCbor = new TestCoapServer.Settable("b", false).answer(utf8("{\"h\":1}"), 60, null, false);
        var wrongFormat = new TestCoapServer.Settable("c", false).answer(utf8("<x/>"), 41, null, false);
        var object = new TestCoapServer.Settable("d", false).answer(utf8("{\"t\":{\"v\":1}}"), 50, null, false);
        var good = new TestCoapServer.Settable("e", false).answer(utf8("1.5"), 0, null, false);
        server = new TestCoapServer(notJson, jsonAsCbor, wrongFormat, object, good);
        DeviceProfile profile = profile(INTERVAL, TIMEOUT,
                channel("truncated", DataType.FLOAT32, get("/a", 50, "/t")),
                channel("notcbor", DataType.FLOAT32, get("/b", 60, "/h")),
                channel("xml", DataType.FLOAT32, get("/c", 50, "/t")),
                channel("missing", DataType.FLOAT32, get("/d", 50, "/t/w")),
                channel("structure", DataType.FLOAT32, get("/d", 50, "/t")),
                channel("nopath", DataType.FLOAT32, get("/nowhere", 0, null)),
                channel("good", DataType.FLOAT32, get("/e", 0, null)));
        connection = driver.connect(device(server.address()), profile, sink);

        List<Reading> readings = connection.poll();

        assertThat(only(readings, "truncated").problem()).startsWith("payload is not JSON");
        assertThat(only(readings, "notcbor").problem()).startsWith("payload is not CBOR");
        assertThat(only(readings, "xml").problem()).isEqualTo("content format 41 where the profile expects 50 (application/json)");
        assertThat(only(readings, "missing").problem()).isEqualTo("JSON payload has no value at /t/w");
        assertThat(only(readings, "structure").problem()).isEqualTo("JSON value at /t is an object, not a single value");
        assertThat(only(readings, "nopath").problem()).isEqualTo("/nowhere answered 4.04 NOT_FOUND");
        assertThat(readings).filteredOn(r -> !r.channel().equals("good"))
                .allSatisfy(r -> assertThat(r.quality()).isEqualTo(Quality.BAD));
        assertThat(only(readings, "good").value()).isEqualTo(1.5);
    }

    /** One silent resource is a BAD channel; a device where nothing answers makes the poll throw TIMEOUT within its timeout. */
    @Test
    void silenceIsAChannelTimeoutOrADeviceTimeout() throws Exception {
        var quiet = new TestCoapServer.Settable("quiet", false);
        quiet.silent(true);
        var loud = new TestCoapServer.Settable("loud", false).answer(utf8("7"), 0, null, false);
        server = new TestCoapServer(quiet, loud);
        DeviceProfile profile = profile(INTERVAL, TIMEOUT,
                channel("quiet", DataType.FLOAT32, get("/quiet", 0, null)),
                channel("loud", DataType.FLOAT32, get("/loud", 0, null)));
        connection = driver.connect(device(server.address()), profile, sink);

        List<Reading> readings = connection.poll();
        assertThat(only(readings, "quiet").problem()).isEqualTo("timeout after 400 ms");
        assertThat(only(readings, "loud").value()).isEqualTo(7.0);

        loud.silent(true);
        long start = System.nanoTime();
        assertThatThrownBy(connection::poll).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.code()).isEqualTo(DriverException.Code.TIMEOUT);
            assertThat(e.getMessage()).contains("answered none of 2 request(s)").contains("timeout after 400 ms");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2 * 400 + 500));
    }

    /**
     * Notifications reach the sink between polls; an observation silent past max(Max-Age, interval) + timeout is
     * re-registered by the next poll; when the re-registration is not answered either, the poll throws TIMEOUT.
     */
    @Test
    void observesAndReRegistersASilentObservation() throws Exception {
        var temp = new TestCoapServer.Settable("temp", true).answer(utf8("{\"v\":20.0}"), 50, 30L, false);
        server = new TestCoapServer(temp);
        DeviceProfile profile = profile(INTERVAL, TIMEOUT, channel("temperature", DataType.FLOAT32, observe("/temp", 50, "/v")));
        connection = driver.connect(device(server.address()), profile, sink);

        List<Reading> first = connection.poll();
        assertThat(only(first, "temperature").value()).isEqualTo(20.0);
        assertThat(temp.observeRegistrations).hasValue(1);

        temp.answer(utf8("{\"v\":20.5}"), 50, 30L, true);
        await().until(() -> sink.of("temperature").stream().anyMatch(r -> Double.valueOf(20.5).equals(r.value())));

        clock.advanceMs(30_000); // Max-Age 30 s: still within 30 s + 400 ms of the last notification
        assertThat(connection.poll()).isEmpty();
        assertThat(temp.observeRegistrations).hasValue(1);

        clock.advanceMs(1_000);
        temp.answer(utf8("{\"v\":21.0}"), 50, 30L, false);
        List<Reading> renewed = connection.poll();
        assertThat(temp.observeRegistrations).hasValue(2);
        assertThat(only(renewed, "temperature").value()).isEqualTo(21.0);
        temp.answer(utf8("{\"v\":21.5}"), 50, 30L, true);
        await().until(() -> sink.of("temperature").stream().anyMatch(r -> Double.valueOf(21.5).equals(r.value())));

        temp.silent(true);
        clock.advanceMs(31_000);
        assertThatThrownBy(connection::poll).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.code()).isEqualTo(DriverException.Code.TIMEOUT);
            assertThat(e.getMessage()).contains("observation went silent; re-registration: timeout after 400 ms");
        });
    }

    /** A write to a JSON channel PUTs the raw value (through the channel's scale) at the channel's pointer. */
    @Test
    void writesPutTheRawValueAtThePointer() throws Exception {
        var setpoint = new TestCoapServer.Settable("setpoint", false);
        server = new TestCoapServer(setpoint);
        DeviceProfile profile = profile(INTERVAL, TIMEOUT, Profiles.writable("setpoint", DataType.INT16,
                new CoapPoint("/setpoint", 50, false, "/target/value", 0.1, 0)));
        connection = driver.connect(device(server.address()), profile, sink);

        connection.write("setpoint", 21.5);

        assertThat(JSON.readTree(setpoint.lastPut)).isEqualTo(JSON.readTree("{\"target\":{\"value\":215}}"));
        assertThat(setpoint.lastPutFormat).isEqualTo(50);
        assertThatThrownBy(() -> connection.write("setpoint", "warm")).isInstanceOf(DriverException.class)
                .hasMessageContaining("takes a number");
        assertThatThrownBy(() -> connection.write("nothing", 1.0)).isInstanceOf(DriverException.class)
                .hasMessageContaining("no writable channel 'nothing'");
    }

    /** The probe's plain-Java entry reads a polled and an observed channel once and leaves no connection open. */
    @Test
    void readOnceReadsEveryChannelForTheProbe() throws Exception {
        var co2 = new TestCoapServer.Settable("co2", false).answer(utf8("640"), 0, null, false);
        var temp = new TestCoapServer.Settable("temp", true).answer(CBOR.writeValueAsBytes(Map.of("v", 19.5)), 60, 60L, false);
        server = new TestCoapServer(co2, temp);
        DeviceProfile profile = profile(INTERVAL, TIMEOUT,
                channel("co2", DataType.UINT16, get("/co2", 0, null)),
                channel("temperature", DataType.FLOAT32, observe("/temp", 60, "/v")));

        List<Reading> readings = driver.readOnce(device(server.address()), profile);

        assertThat(readings).extracting(Reading::channel, Reading::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("co2", 640.0), org.assertj.core.groups.Tuple.tuple("temperature", 19.5));
        assertThat(driver.openConnections()).isZero();
    }
}
