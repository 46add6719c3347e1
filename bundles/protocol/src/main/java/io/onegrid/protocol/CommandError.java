package io.onegrid.protocol;

import java.util.Locale;

/**
 * Why a gateway did not carry a command out: the {@code error.code} of a {@link CommandReply}, as a stable wire
 * name. A hub keeps codes it does not know (a newer gateway may add some) as they are. See docs/protocol.md.
 */
public enum CommandError {
    /** The payload is not a command (not JSON, missing or ill-typed field) or its arguments are wrong. */
    BAD_REQUEST,
    /** The payload's {@code v} is newer than this gateway speaks. */
    UNSUPPORTED_VERSION,
    /** No such command on this gateway. */
    UNKNOWN_COMMAND,
    /** A command this gateway knows, whose part is not running now (the poller, the configuration loader). */
    UNAVAILABLE,
    /** The command's time was up before the gateway got to it: not executed. */
    EXPIRED,
    /** Too many commands waiting on the gateway: not executed. */
    BUSY,
    /** The command names a device this gateway does not run. */
    UNKNOWN_DEVICE,
    /** The command names a channel the device's profile does not have. */
    UNKNOWN_CHANNEL,
    /** The channel exists but its profile does not let it be written. */
    NOT_WRITABLE,
    /** The device did not answer or refused (timeout, no connection, device error). */
    DEVICE_ERROR,
    /** The configuration file has problems; the last good configuration stays in force. */
    CONFIG_INVALID,
    /** A bug on the gateway (logged there). */
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
