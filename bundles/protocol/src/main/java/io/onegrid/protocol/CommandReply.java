package io.onegrid.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gateway's answer to a {@link Command}, the payload of {@code og/v1/gw/{gatewayId}/reply/{command}}: the
 * command's id (null only when the command was too broken to name one; the MQTT 5 correlation data then still
 * ties the reply to it), the command name, and either a result (JSON values) or a {@link Failure}. {@code ts} is
 * the gateway's clock when it answered.
 */
public record CommandReply(String id, String command, Map<String, Object> result, Failure failure, Timestamp ts) {
    /** Why the command was not carried out: a code ({@link CommandError#wireName()} or a newer one) and a sentence. */
    public record Failure(String code, String message) {
        public Failure {
            if (code == null || code.isBlank()) {
                throw new ProtocolException(ProtocolError.INVALID_FIELD, "reply error needs a 'code'");
            }
            message = message == null ? "" : message;
        }
    }

    public CommandReply {
        if (id != null && !Command.isValidId(id)) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "reply 'id' must match " + Command.ID_PATTERN);
        }
        if (!Topics.isValidCommand(command)) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "reply 'command' must match " + Topics.COMMAND_PATTERN);
        }
        if (ts == null) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "reply needs 'ts'");
        }
        result = failure != null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(result == null ? Map.of() : result));
    }

    public static CommandReply ok(String id, String command, Map<String, Object> result, Timestamp ts) {
        return new CommandReply(id, command, result, null, ts);
    }

    public static CommandReply failed(String id, String command, CommandError error, String message, Timestamp ts) {
        return new CommandReply(id, command, null, new Failure(error.wireName(), message), ts);
    }

    public boolean ok() {
        return failure == null;
    }
}
