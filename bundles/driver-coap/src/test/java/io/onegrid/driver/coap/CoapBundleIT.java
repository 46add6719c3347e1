package io.onegrid.driver.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;

import io.onegrid.testing.FelixFramework;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built bundle in a plain Felix with only api, device-profiles (+ snakeyaml), Jackson core/databind, slf4j-api
 * 2.x, DS, ConfigAdmin and Metatype: Californium and Scandium, embedded privately, resolve against slf4j 2.x; the
 * driver service appears; it reads JSON and CBOR and observes a Californium server, and reads libcoap over
 * DTLS-PSK. Bundle classes are reached by reflection: they live in the framework's class loaders, not the test's.
 */
class CoapBundleIT {
    private static final List<String> BUNDLES = Stream.of(FelixFramework.RUNTIME,
            List.of("jackson-annotations-", "jackson-core-", "jackson-databind-"), FelixFramework.API_AND_PROFILES)
            .flatMap(List::stream).toList();
    private static final String PROFILE = """
            id: env-sensor-coap
            name: Environment sensor
            category: environment
            protocol: coap
            poll: {interval: 10s, timeout: 500ms}
            channels:
              - id: temperature
                unit: degC
                type: int16
                coap: {path: /env, contentFormat: 50, pointer: /t, scale: 0.1}
              - id: humidity
                unit: "%RH"
                type: float32
                coap: {path: /hum, contentFormat: 60, pointer: /h, observe: true}
            """;
    private static final String TICKS = """
            id: libcoap-clock
            name: libcoap clock
            category: clock
            protocol: coap
            poll: {interval: 10s, timeout: 500ms}
            channels:
              - id: ticks
                type: uint32
                coap: {path: "/time?ticks", contentFormat: 0}
            """;

    @TempDir
    Path storage;
    private FelixFramework felix;
    private Bundle coap;

    @BeforeEach
    void startFelix() throws Exception {
        felix = FelixFramework.start(storage.resolve("felix"));
        coap = felix.installAndStart(BUNDLES, FelixFramework.builtBundle("onegrid.bundle.jar"));
    }

    @AfterEach
    void stopFelix() throws Exception {
        felix.close();
    }

    /** GIVEN the bundle in Felix WHEN a device is connected THEN JSON and CBOR channels read and the observed one notifies. */
    @Test
    void bundleResolvesAndReadsAndObserves() throws Exception {
        assertThat(coap.getState()).isEqualTo(Bundle.ACTIVE);
        String imports = coap.getHeaders().get("Import-Package");
        assertThat(imports).doesNotContain("org.eclipse.californium").doesNotContain("[1.7");
        assertThat(imports).contains("org.slf4j;version=\"[2.0,3)\"");
        Object driver = awaitDriver();

        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        var env = new TestCoapServer.Settable("env", false).answer("{\"t\":215}".getBytes(StandardCharsets.UTF_8), 50, null, false);
        var hum = new TestCoapServer.Settable("hum", true).answer(cbor.writeValueAsBytes(Map.of("h", 40.5)), 60, 60L, false);
        try (TestCoapServer server = new TestCoapServer(env, hum)) {
            List<Object> pushed = new CopyOnWriteArrayList<>();
            Object connection = connect(driver, server.address(), PROFILE, pushed);
            String readings = invoke(connection, "poll").toString();
            assertThat(readings).contains("channel=temperature, value=21.5").contains("channel=humidity, value=40.5");

            hum.answer(cbor.writeValueAsBytes(Map.of("h", 41.0)), 60, 60L, true);
            await().until(() -> pushed.toString().contains("channel=humidity, value=41.0"));
            invoke(connection, "close");
        }
    }

    /** Scandium's DTLS, embedded, does a PSK handshake with libcoap inside OSGi. */
    @Test
    void bundleSpeaksDtlsPsk() throws Exception {
        Object driver = awaitDriver();
        try (LibcoapServer server = LibcoapServer.psk("secretPSK", storage.resolve("coap-server.log"))) {
            Path key = storage.resolve("psk.hex");
            Files.writeString(key, HexFormat.of().formatHex("secretPSK".getBytes(StandardCharsets.US_ASCII)));
            Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
            Object connection = connect(driver, server.coaps("gateway-7", key), TICKS, new CopyOnWriteArrayList<>());
            await("libcoap answers over DTLS").ignoreExceptions()
                    .until(() -> invoke(connection, "poll").toString().contains("quality=GOOD"));
            invoke(connection, "close");
        }
    }

    private Object awaitDriver() {
        return felix.awaitService("io.onegrid.api.FieldDriver", "(onegrid.protocol=coap)");
    }

    private Object connect(Object driver, String address, String yaml, List<Object> pushed) throws Exception {
        ClassLoader loader = coap.adapt(BundleWiring.class).getClassLoader();
        Class<?> coverage = loader.loadClass("io.onegrid.api.Coverage");
        Class<?> deviceRef = loader.loadClass("io.onegrid.api.DeviceRef");
        Class<?> sinkType = loader.loadClass("io.onegrid.api.ReadingSink");
        Class<?> profileType = loader.loadClass("io.onegrid.profile.DeviceProfile");
        Object cover = coverage.getConstructors()[0].newInstance("site-a", "flat302", null, null);
        Object device = deviceRef.getConstructors()[0].newInstance("flat302-env", "env-sensor-coap", address, null, cover, Map.of());
        Object profile = loader.loadClass("io.onegrid.profile.ProfileLoader").getMethod("parse", String.class, String.class)
                .invoke(null, "test.yaml", yaml);
        Object sink = Proxy.newProxyInstance(loader, new Class<?>[]{sinkType}, (proxy, method, args) -> {
            if (method.getName().equals("accept")) pushed.addAll((List<?>) args[0]);
            return null;
        });
        Method connect = driver.getClass().getMethod("connect", deviceRef, profileType, sinkType);
        return connect.invoke(driver, device, profile, sink);
    }

    private static Object invoke(Object target, String name) throws Exception {
        return FelixFramework.invoke(target, name, new Class<?>[0]);
    }
}
