package io.onegrid.sim.gpio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.onegrid.profile.ProfileCatalogs;
import io.onegrid.sim.Simulation;
import io.onegrid.sim.scenario.ScenarioLoader;
import io.onegrid.sim.timeline.SteppedScheduler;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GPIO line server over real TCP, spoken to by a raw socket client as the gateway's backend would. */
class GpioLineServerIT {
    private Simulation sim;
    private SteppedScheduler clock;
    private GpioLineServer server;

    @BeforeEach
    void start() throws Exception {
        sim = new Simulation(new ScenarioLoader(ProfileCatalogs.builtin()).load(Path.of("scenarios/demo.yaml")));
        server = sim.startGpio("127.0.0.1", 0).orElseThrow();
        clock = new SteppedScheduler();
        sim.startTimeline(clock, line -> { });
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private InetSocketAddress address() {
        return server.address();
    }

    /** A client gets HELLO, the snapshot, then a LINE for every input change the timeline makes. */
    @Test
    void greetsWithSnapshotThenStreamsChanges() throws Exception {
        try (LineClient client = new LineClient(address())) {
            // GIVEN a connected client, THEN it is greeted and sees every line's level
            assertThat(client.next()).isEqualTo("HELLO onegrid-gpio-sim 1");
            assertThat(client.next()).isEqualTo("LINE flat302.smoke 1");
            assertThat(client.next()).isEqualTo("LINE flat302.siren 0");
            // WHEN the timeline reaches smoke in flat 302 (t+10s)
            clock.advanceTo(Duration.ofSeconds(10));
            // THEN the active-LOW smoke line goes to 0
            assertThat(client.next()).isEqualTo("LINE flat302.smoke 0");
            // AND a client connecting now gets the new level in its snapshot
            try (LineClient late = new LineClient(address())) {
                assertThat(late.next()).isEqualTo("HELLO onegrid-gpio-sim 1");
                assertThat(late.next()).isEqualTo("LINE flat302.smoke 0");
            }
        }
    }

    /** SET drives the siren output, is recorded on the device and broadcast to every client. */
    @Test
    void setSirenIsBroadcastToAllClients() throws Exception {
        try (LineClient gateway = new LineClient(address()); LineClient watcher = new LineClient(address())) {
            skipGreeting(gateway);
            skipGreeting(watcher);
            // WHEN the gateway sets the siren on
            gateway.send("SET flat302.siren 1\n");
            // THEN both clients see it, and the simulated device's siren is on
            assertThat(gateway.next()).isEqualTo("LINE flat302.siren 1");
            assertThat(watcher.next()).isEqualTo("LINE flat302.siren 1");
            assertThat(sim.device("smoke-302").value("siren")).isEqualTo(true);
        }
    }

    /** Junk, bad SETs and over-long lines get ERR and the connection keeps working. */
    @Test
    void answersJunkWithErrAndKeepsTheConnection() throws Exception {
        try (LineClient client = new LineClient(address())) {
            skipGreeting(client);
            client.send("GARBAGE \u0001\u0002\n");
            assertThat(client.next()).startsWith("ERR unknown command 'GARBAGE'");
            client.send("SET flat302.siren\n");
            assertThat(client.next()).startsWith("ERR malformed SET");
            client.send("SET flat302.smoke 0\n");
            assertThat(client.next()).isEqualTo("ERR line flat302.smoke is an input; only outputs can be SET");
            client.send("SET nowhere 1\r\n");
            assertThat(client.next()).isEqualTo("ERR unknown line nowhere");
            client.send("X".repeat(5000) + "\n");
            assertThat(client.next()).startsWith("ERR line longer than");
            // AND after all that a valid command still works
            client.send("SET flat302.siren 1\n");
            assertThat(client.next()).isEqualTo("LINE flat302.siren 1");
        }
    }

    /** Clients that disconnect are forgotten. */
    @Test
    void forgetsDisconnectedClients() throws Exception {
        LineClient client = new LineClient(address());
        skipGreeting(client);
        assertThat(server.clientCount()).isEqualTo(1);
        client.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.clientCount() == 0);
    }

    private static void skipGreeting(LineClient client) throws Exception {
        assertThat(client.next()).isEqualTo("HELLO onegrid-gpio-sim 1");
        client.next();
        client.next();
    }
}
