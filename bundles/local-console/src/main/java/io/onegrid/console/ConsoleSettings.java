package io.onegrid.console;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The console's resolved settings (see {@link ConsoleConfig} for each one's meaning and default).
 *
 * @param socket the Unix domain socket's path
 */
public record ConsoleSettings(Path socket, int maxRequestBytes, Duration handlerTimeout, Duration idleTimeout,
                              int maxConnections) {
    public ConsoleSettings {
        if (maxRequestBytes < 64) throw new IllegalArgumentException("max.request.bytes must be at least 64");
        if (maxConnections < 1) throw new IllegalArgumentException("max.connections must be at least 1");
    }
}
