package io.onegrid.gateway.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar's {@code provision} command against the real hub jar (its own process, demo grid), then the gateway
 * jar started on the configuration it wrote: the installer's path from a claim code to a gateway online at its site.
 */
class ProvisionCommandIT {
    private HubJar hub;
    private GatewayProcess gateway;

    @TempDir
    Path work;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (hub != null) hub.close();
    }

    /**
     * GIVEN the real hub and an admin's claim code for bldg-7 WHEN {@code java -jar onegrid-gateway.jar provision} runs
     * and the gateway jar then starts on the gateway.yaml it wrote THEN provision exits 0 leaving the secret 0600, and the
     * gateway connects with that secret and is online at bldg-7.
     */
    @Test
    void provisionedConfigurationStartsAGatewayThatConnects() throws Exception {
        hub = HubJar.start(work.resolve("hub"));
        String url = hub.url;
        String code = hub.claim();
        Path dir = work.resolve("etc-onegrid");

        GatewayProcess provision = GatewayProcess.run(work, "provision", "--hub", url, "--claim", code,
                "--config-dir", dir.toString(), "--gateway-id", "gw-boot-it");
        assertThat(provision.waitFor(60)).as(provision.transcript()).isZero();
        assertThat(provision.out()).anyMatch(l -> l.contains("claimed: gateway gw-boot-it at site bldg-7"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("hub-password")))).isEqualTo("rw-------");

        // storage.dir is /var/lib/onegrid as on a Pi; the launch property keeps this run's state in the temp folder
        gateway = GatewayProcess.start(work, "onegrid.config=" + dir.resolve("gateway.yaml"),
                "onegrid.storage=" + work.resolve("state"));
        await("gateway online at the hub").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> hub.get("/api/gateways/gw-boot-it").path("state").asText().equals("online"));
        assertThat(hub.get("/api/gateways/gw-boot-it").path("site").asText()).isEqualTo("bldg-7");
    }

    /** GIVEN the jar WHEN provision and walktest are asked for help or given bad usage THEN they exit 0 and 2. */
    @Test
    void installerCommandsExitCodesFromTheJar() throws Exception {
        GatewayProcess help = GatewayProcess.run(work, "provision", "--help");
        assertThat(help.waitFor(60)).as(help.transcript()).isZero();
        assertThat(String.join("\n", help.out())).contains("--claim").contains("--config-dir");
        GatewayProcess walkHelp = GatewayProcess.run(work, "walktest", "--help");
        assertThat(walkHelp.waitFor(60)).as(walkHelp.transcript()).isZero();
        assertThat(String.join("\n", walkHelp.out())).contains("--duration");
        GatewayProcess usage = GatewayProcess.run(work, "walktest", "--hub", "https://hub.example.org");
        assertThat(usage.waitFor(60)).isEqualTo(2);
    }
}
