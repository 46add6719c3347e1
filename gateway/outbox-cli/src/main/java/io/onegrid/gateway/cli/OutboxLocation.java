package io.onegrid.gateway.cli;

import io.onegrid.gateway.config.ConfigException;
import io.onegrid.gateway.config.GatewayConfigParser;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the outbox is: {@code --db PATH} names the file, {@code --config FILE} reads the gateway's
 * configuration file the way the gateway does (storage.dir/outbox.db, relative paths against the working
 * directory), so the command finds the same file as the gateway started with that configuration.
 */
final class OutboxLocation {
    static final class Choice {
        @Option(names = "--db", paramLabel = "PATH", required = true, description = "The outbox file (outbox.db).")
        Path db;

        @Option(names = "--config", paramLabel = "FILE", required = true,
                description = "The gateway's configuration file; the outbox is its storage.dir/outbox.db.")
        Path config;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Choice choice;

    Path resolve() throws ConfigException {
        if (choice.db != null) return choice.db;
        return GatewayConfigParser.forWorkingDirectory(null).parse(choice.config).storage().outboxPath();
    }
}
