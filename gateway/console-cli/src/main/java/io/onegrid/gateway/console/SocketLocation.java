package io.onegrid.gateway.console;

import io.onegrid.gateway.config.ConfigException;
import io.onegrid.gateway.config.GatewayConfigParser;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the console socket is: {@code --socket PATH}, or {@code --config FILE} read the way the gateway reads it
 * (the socket is console.sock in storage.dir, beside outbox.db), or by default the installed gateway's
 * configuration {@value #INSTALLED_CONFIG}.
 */
final class SocketLocation {
    static final String INSTALLED_CONFIG = "/etc/onegrid/gateway.yaml";
    static final String SOCKET_FILE = "console.sock";

    static final class Choice {
        @Option(names = "--socket", paramLabel = "PATH", description = "The gateway's console socket.")
        Path socket;

        @Option(names = "--config", paramLabel = "FILE", description = "The gateway's configuration file; the socket"
                + " is storage.dir/console.sock. Default: " + INSTALLED_CONFIG + ".")
        Path config;
    }

    @ArgGroup(exclusive = true)
    Choice choice;

    Path resolve() throws ConfigException {
        if (choice != null && choice.socket != null) return choice.socket;
        Path config = choice != null && choice.config != null ? choice.config : Path.of(INSTALLED_CONFIG);
        return GatewayConfigParser.forWorkingDirectory(null).parse(config).storage().outboxPath()
                .toAbsolutePath().getParent().resolve(SOCKET_FILE);
    }
}
