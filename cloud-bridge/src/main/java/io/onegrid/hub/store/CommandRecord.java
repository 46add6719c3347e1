package io.onegrid.hub.store;

import java.time.Instant;

/**
 * One command to a gateway and what became of it: who sent what ({@code argsJson} is the JSON object of its
 * arguments) and when it expires, its state, and the gateway's reply as the JSON it sent ({@code replyJson}: the
 * {@code result} or {@code error} part, with {@code ok}), with the reply's error code apart for queries.
 */
public record CommandRecord(String id, String gatewayId, String command, String argsJson, String sentBy,
                            Instant createdAt, Instant expiresAt, CommandState state, Instant deliveredAt,
                            Instant repliedAt, String errorCode, String replyJson) {

    /** A new command, not yet sent. */
    public static CommandRecord pending(String id, String gatewayId, String command, String argsJson, String sentBy,
                                        Instant createdAt, Instant expiresAt) {
        return new CommandRecord(id, gatewayId, command, argsJson, sentBy, createdAt, expiresAt, CommandState.PENDING,
                null, null, null, null);
    }

    /** The state at {@code now}: an open command past its expiry is expired even before the sweep has written it. */
    public CommandState stateAt(Instant now) {
        return state.open() && !now.isBefore(expiresAt) ? CommandState.EXPIRED : state;
    }
}
