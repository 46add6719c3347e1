package io.onegrid.gateway.config;

import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code storage:}: the state folder and the outbox's bounds (sizes in the one size syntax). */
final class StorageReader {
    static final List<String> KEYS = List.of("dir", "maxBytes", "commitIntervalMs", "quarantineMaxBytes");
    /** Below this an outbox could not hold one batch of telemetry. */
    static final long MIN_BYTES = 64 * 1024;

    private final Path baseDir;
    private final Path storageOverride;
    private final Problems problems;

    StorageReader(Path baseDir, Path storageOverride, Problems problems) {
        this.baseDir = baseDir;
        this.storageOverride = storageOverride;
        this.problems = problems;
    }

    GatewayConfig.Storage read(YamlMap top) {
        YamlMap storage = top.map("storage", "storage", KEYS);
        if (storage == null) {
            if (storageOverride != null) return new GatewayConfig.Storage(storageOverride, null, null, null);
            if (!top.has("storage")) problems.add(top.node(), "the file needs a 'storage:' section with 'dir'");
            return null;
        }
        Path dir = storageOverride;
        if (dir == null) {
            dir = Values.text(storage, "dir", true) == null ? null : Values.path(storage, "dir", baseDir);
            if (dir != null && Files.exists(dir) && !Files.isDirectory(dir)) {
                problems.add(storage.value("dir"), "storage.dir " + dir + " exists but is not a folder");
            }
        }
        Long maxBytes = Values.size(storage, "maxBytes", MIN_BYTES);
        Long commit = Values.millis(storage, "commitIntervalMs", 0, 60_000);
        Long quarantineMaxBytes = Values.size(storage, "quarantineMaxBytes", MIN_BYTES);
        return dir == null ? null : new GatewayConfig.Storage(dir, maxBytes, commit, quarantineMaxBytes);
    }
}
