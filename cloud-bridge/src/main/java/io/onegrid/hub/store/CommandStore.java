package io.onegrid.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Commands from the hub to gateways and their replies. The hub is the gateways' MQTT server, so it keeps here
 * what a gateway has not received yet and sends it when the gateway subscribes again; every command and every
 * reply is also a line of the audit log, in the same transaction.
 */
public interface CommandStore {

    /**
     * Records a new PENDING command and its audit line ("send command", by its sender) in one transaction. Throws
     * {@code HubException} CONFLICT when the gateway already has {@code maxPending} commands waiting to be delivered.
     */
    void createCommand(CommandRecord command, int maxPending);

    Optional<CommandRecord> command(String id);

    /** A gateway's most recent commands, newest first. */
    List<CommandRecord> commands(String gatewayId, int limit);

    /** What waits for the gateway: PENDING and not expired at {@code now}, oldest first (the order to send them in). */
    List<CommandRecord> pendingCommands(String gatewayId, Instant now);

    /** The gateway acknowledged the PUBLISH: PENDING becomes DELIVERED. False when it was not pending. */
    boolean commandDelivered(String id, Instant at);

    /**
     * Records the gateway's answer ({@code state} REPLIED, FAILED or EXPIRED) and its audit line ("command reply",
     * by {@code gateway:<id>}), unless the command already has one (the first answer wins) or is not this gateway's:
     * then it changes nothing and answers empty. A late answer to a command already expired is still recorded: the
     * gateway did carry it out.
     */
    Optional<CommandRecord> commandReplied(String gatewayId, String id, CommandState state, String errorCode,
                                           String replyJson, Instant at);

    /** Open commands past their expiry become EXPIRED; returns how many. */
    int expireCommands(Instant now);
}
