package io.onegrid.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.sim.timeline.SteppedScheduler;
import io.onegrid.testing.ThirdPartyPeers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interop with libcoap's coap-client (Debian libcoap3-bin), a CoAP client we did not write. */
class CoapClientIT {
    private Simulation sim;
    private SteppedScheduler time;
    private CoapSimServer server;
    private String client;

    @BeforeEach
    void start() throws Exception {
        client = ThirdPartyPeers.require("coap-client-notls", "libcoap3-bin").toString();
        var catalog = ProfileCatalogs.withDirectory(Path.of("src/test/resources/profiles"), p -> { });
        sim = new Simulation(new ScenarioLoader(catalog).load(Path.of("src/test/resources/scenarios/coap.yaml")));
        time = new SteppedScheduler();
        sim.startTimeline(time, line -> { });
        server = sim.startCoap("127.0.0.1", 0).get(0);
    }

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** GET returns each resource in its content format: JSON by pointer, CBOR raw (scaled back), text; Californium wrote no properties file. */
    @Test
    void getsJsonCborAndText() throws Exception {
        // WHEN coap-client GETs the three resources
        String json = new String(get("/env/climate"), StandardCharsets.UTF_8);
        JsonNode cbor = new CBORMapper().readTree(get("/env/pm25"));
        String text = new String(get("/co2"), StandardCharsets.UTF_8).trim();
        // THEN the values are the scenario's, where the profile's pointers say
        assertThat(json).contains("\"temperature\":21.5").contains("\"humidity\":40.0");
        assertThat(cbor.get("pm25").asLong()).isEqualTo(123); // 12.3 ug/m3 at scale 0.1
        assertThat(text).isEqualTo("600");
        assertThat(Files.exists(Path.of("Californium3.properties"))).isFalse();
    }

    /** An observer sees the timeline's changes as notifications; garbage on cue is not JSON; normal recovers. */
    @Test
    void observeSeesTheTimeline() throws Exception {
        // GIVEN coap-client observing /env/climate for 4 s
        Process p = new ProcessBuilder(client, "-s", "4", "-B", "6", uri("/env/climate")).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try {
                p.getInputStream().transferTo(output);
            } catch (java.io.IOException ignored) {
                // process ended
            }
        });
        drain.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.observers("/env/climate") == 1);
        // WHEN the timeline moves the temperature twice
        time.advanceTo(Duration.ofSeconds(1));
        time.advanceTo(Duration.ofSeconds(2));
        // THEN every value arrives as a notification
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        drain.join(2000);
        String seen = output.toString(StandardCharsets.UTF_8);
        assertThat(seen).contains("\"temperature\":21.5").contains("\"temperature\":22.5").contains("\"temperature\":23.5");

        // AND garbage on cue is a payload that is not JSON, and normal recovers
        time.advanceTo(Duration.ofSeconds(3));
        String garbage = new String(get("/env/climate"), StandardCharsets.UTF_8);
        assertThat(garbage).startsWith("{\"temperature\": 21.").doesNotEndWith("}");
        time.advanceTo(Duration.ofSeconds(4));
        assertThat(new String(get("/env/climate"), StandardCharsets.UTF_8)).contains("\"temperature\":23.5");
    }

    private byte[] get(String path) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(client, "-B", "5", uri(path)));
        Process p = new ProcessBuilder(cmd).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return p.getInputStream().readAllBytes();
    }

    private String uri(String path) {
        return "coap://127.0.0.1:" + server.address().getPort() + path;
    }
}
