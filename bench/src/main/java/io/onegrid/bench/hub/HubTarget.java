package io.onegrid.bench.hub;

import io.onegrid.hub.Hub;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.HubConfigParser;
import io.onegrid.hub.ingest.IngestCounters;
import io.onegrid.hub.store.HubStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The real hub with its shipped defaults (SQLite store, group-commit ingest), on ephemeral ports with its
 * database in a fresh temp dir, and the bench gateways registered from configuration. Optionally with a grid
 * file imported at start, as {@code --grid} does, so that alarms are placed and open cases on the grid.
 */
public final class HubTarget implements IngestTarget {
    public static final String ADMIN_PASSWORD = "bench-admin-password";
    private final Path dir;
    private final Hub hub;

    HubTarget(List<GatewayCredential> gateways) {
        this(gateways, null);
    }

    /** {@code gridText}: a grid file's text imported at start, or null for none (every case unplaced). */
    HubTarget(List<GatewayCredential> gateways, String gridText) {
        this(gateways, gridText, null);
    }

    /** {@code dataDir}: a folder holding a prepared {@code hub.db} (deleted on close), or null for a fresh temp dir. */
    HubTarget(List<GatewayCredential> gateways, String gridText, Path dataDir) {
        this(gateways, gridText, dataDir, 0, UnaryOperator.identity());
    }

    /**
     * On MQTT port {@code mqttPort} (a gateway process is given the hub's address before the hub starts), with the
     * store wrapped by {@code storeDecorator} (to see what the hub commits, in its order). No grid, fresh database.
     */
    public HubTarget(List<GatewayCredential> gateways, int mqttPort, UnaryOperator<HubStore> storeDecorator) {
        this(gateways, null, null, mqttPort, storeDecorator);
    }

    private HubTarget(List<GatewayCredential> gateways, String gridText, Path dataDir, int mqttPort,
                      UnaryOperator<HubStore> storeDecorator) {
        try {
            dir = dataDir != null ? dataDir : Files.createTempDirectory("onegrid-bench-hub");
            HubConfig config = HubConfig.defaults().forTests(dir);
            if (mqttPort != 0) {
                // forTests() without its ephemeral MQTT port: the same shipped defaults otherwise
                config = HubConfigParser.parse(new String[] {"--mqtt-port", String.valueOf(mqttPort), "--http-port", "0",
                        "--data-dir", dir.toString(), "--password-iterations", String.valueOf(config.passwordIterations())},
                        Map.of());
            }
            config = config.withGateways(gateways).withAdminPassword(ADMIN_PASSWORD);
            if (gridText != null) {
                Path grid = Files.writeString(dir.resolve("grid.yaml"), gridText);
                HubConfig.CaseSettings c = config.cases();
                config = config.withCases(new HubConfig.CaseSettings(Optional.of(grid), c.slaPolicyFile(),
                        c.gatewayMissingAfter(), c.deviceFaultAfter(), c.sweepInterval()));
            }
            hub = Hub.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()), storeDecorator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int httpPort() {
        return hub.httpPort();
    }

    @Override
    public int mqttPort() {
        return hub.mqttPort();
    }

    @Override
    public long handled() {
        return hub.counters().stored.get();
    }

    @Override
    public String problems() {
        IngestCounters c = hub.counters();
        long bad = c.rejected.get() + c.failed.get() + c.duplicates.get();
        return bad == 0 ? "" : "hub counters: " + c.snapshot();
    }

    @Override
    public void close() {
        hub.close();
        HubIngestBench.deleteTree(dir);
    }
}
