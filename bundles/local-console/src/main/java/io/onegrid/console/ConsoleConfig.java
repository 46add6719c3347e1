package io.onegrid.console;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the local console (PID io.onegrid.console); every setting has a working default. */
@ObjectClassDefinition(id = LocalConsoleComponent.PID, name = "OneGrid local console",
        description = "The gateway's commands (status, devices, read, alarms, outbox) on a Unix domain socket, for"
                + " 'onegrid-gateway console' on the gateway itself, without the hub.")
public @interface ConsoleConfig {
    @AttributeDefinition(description = "Path of the console's Unix domain socket (mode 0660: the gateway's user and"
            + " group only). Empty (default): console.sock in the storage folder, beside the outbox file.")
    String socketPath() default "";

    @AttributeDefinition(description = "Longest request line in bytes; a longer one is refused and its connection"
            + " closed. Default 8 KiB (a request is a command name and a few arguments).")
    int maxRequestBytes() default 8 * 1024;

    @AttributeDefinition(description = "How long a command may take before the console answers 'busy' and stops"
            + " waiting for it, in milliseconds. Default 15000 (a 'read' of a slow device with retries).")
    long handlerTimeoutMs() default 15_000;

    @AttributeDefinition(description = "A connection that sends no complete request for this long is closed, in"
            + " milliseconds, so an idle client cannot hold a connection slot. Default 60000.")
    long idleTimeoutMs() default 60_000;

    @AttributeDefinition(description = "Connections served at once, each on its own thread; one more is answered"
            + " 'busy' and closed. Default 4.")
    int maxConnections() default 4;
}
