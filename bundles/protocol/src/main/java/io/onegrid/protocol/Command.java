package io.onegrid.protocol;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A command from the hub to one gateway, the payload of {@code og/v1/gw/{gatewayId}/cmd/{command}}: its id
 * (also sent as MQTT 5 correlation data, and echoed in the reply), the command name (equal to the topic's last
 * level), its arguments (JSON values: String, Boolean, Number, List, Map or null), and when the hub issued it and
 * when it expires, in the hub's epoch milliseconds. See docs/protocol.md, Commands.
 */
public record Command(String id, String command, Map<String, Object> args, long issuedAt, long expiresAt) {
    /** What a command id looks like: the hub uses UUIDs. */
    public static final String ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    public Command {
        if (!isValidId(id)) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "command 'id' must match " + ID_PATTERN);
        }
        if (!Topics.isValidCommand(command)) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "'command' must match " + Topics.COMMAND_PATTERN);
        }
        if (expiresAt < issuedAt) {
            throw new ProtocolException(ProtocolError.INVALID_FIELD, "'expiresAt' lies before 'issuedAt'");
        }
        // JSON null is a legal argument value, which Map.copyOf refuses
        args = Collections.unmodifiableMap(new LinkedHashMap<>(args == null ? Map.of() : args));
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }
}
