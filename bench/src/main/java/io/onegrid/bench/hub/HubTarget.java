package io.onegrid.bench.hub;

import io.onegrid.hub.Hub;
import io.onegrid.hub.config.GatewayCredential;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.ingest.IngestCounters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The real hub with its shipped defaults (SQLite store, group-commit ingest), on ephemeral ports with its
 * database in a fresh temp dir, and the bench gateways registered from configuration.
 */
final class HubTarget implements IngestTarget {
    private final Path dir;
    private final Hub hub;

    HubTarget(List<GatewayCredential> gateways) {
        try {
            dir = Files.createTempDirectory("onegrid-bench-hub");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HubConfig config = HubConfig.defaults().forTests(dir).withGateways(gateways).withAdminPassword("bench-admin-password");
        hub = Hub.start(config, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream()));
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
