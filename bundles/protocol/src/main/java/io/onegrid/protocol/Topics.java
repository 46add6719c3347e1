package io.onegrid.protocol;

import java.util.regex.Pattern;

/**
 * Topic names of the bridge. Uplink: {@code og/v1/gw/{gatewayId}/{kind}}. Downlink commands:
 * {@code og/v1/gw/{gatewayId}/cmd/{command}}, their replies on {@code og/v1/gw/{gatewayId}/reply/{command}}
 * (see {@link Command} and {@link CommandReply}).
 */
public final class Topics {
    public static final String PREFIX = "og/v1/gw/";
    public static final String GATEWAY_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern GATEWAY_ID = Pattern.compile(GATEWAY_ID_PATTERN);
    /** A command name: one topic level, lower case, so it can never carry a wildcard or a separator. */
    public static final String COMMAND_PATTERN = "[a-z][a-z0-9-]{0,31}";
    private static final Pattern COMMAND = Pattern.compile(COMMAND_PATTERN);

    private Topics() { }

    public static boolean isValidGatewayId(String id) {
        return id != null && GATEWAY_ID.matcher(id).matches();
    }

    public static boolean isValidCommand(String command) {
        return command != null && COMMAND.matcher(command).matches();
    }

    public static String uplink(String gatewayId, MessageKind kind) {
        return PREFIX + gatewayId + "/" + kind.wireName();
    }

    public static String command(String gatewayId, String command) {
        return PREFIX + gatewayId + "/cmd/" + command;
    }

    public static String commandFilter(String gatewayId) {
        return PREFIX + gatewayId + "/cmd/+";
    }

    public static String reply(String gatewayId, String command) {
        return PREFIX + gatewayId + "/reply/" + command;
    }

    /** An uplink topic, split. */
    public record Uplink(String gatewayId, MessageKind kind) { }

    /** Parses an uplink topic name, or throws {@link ProtocolError#BAD_TOPIC}. */
    public static Uplink parseUplink(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            throw new ProtocolException(ProtocolError.BAD_TOPIC, "topic must start with " + PREFIX + ": " + topic);
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            throw new ProtocolException(ProtocolError.BAD_TOPIC, "uplink topic must be " + PREFIX + "{gatewayId}/{kind}: " + topic);
        }
        String gw = rest.substring(0, slash);
        if (!isValidGatewayId(gw)) {
            throw new ProtocolException(ProtocolError.BAD_TOPIC, "bad gateway id in topic: " + topic);
        }
        MessageKind kind;
        try {
            kind = MessageKind.fromWire(rest.substring(slash + 1));
        } catch (ProtocolException e) {
            throw new ProtocolException(ProtocolError.BAD_TOPIC, e.getMessage());
        }
        return new Uplink(gw, kind);
    }

    /** A reply topic, split. */
    public record Reply(String gatewayId, String command) { }

    /** Whether {@code topic} lies in {@code og/v1/gw/{gatewayId}/reply/}, whatever follows. */
    public static boolean isReplyOf(String gatewayId, String topic) {
        return topic != null && topic.startsWith(PREFIX + gatewayId + "/reply/");
    }

    /** Parses {@code og/v1/gw/{gatewayId}/reply/{command}}, or throws {@link ProtocolError#BAD_TOPIC}. */
    public static Reply parseReply(String topic) {
        return new Reply(gatewayOf(topic, "reply"), leafOf(topic, "reply"));
    }

    /** Parses {@code og/v1/gw/{gatewayId}/cmd/{command}} and returns the command, or throws {@link ProtocolError#BAD_TOPIC}. */
    public static String parseCommand(String topic) {
        gatewayOf(topic, "cmd");
        return leafOf(topic, "cmd");
    }

    private static String gatewayOf(String topic, String kind) {
        String[] parts = topic == null || !topic.startsWith(PREFIX) ? new String[0]
                : topic.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3 || !parts[1].equals(kind) || !isValidGatewayId(parts[0])) {
            throw new ProtocolException(ProtocolError.BAD_TOPIC, "topic must be " + PREFIX + "{gatewayId}/" + kind
                    + "/{command}: " + topic);
        }
        return parts[0];
    }

    private static String leafOf(String topic, String kind) {
        String command = topic.substring(topic.lastIndexOf('/') + 1);
        if (!isValidCommand(command)) {
            throw new ProtocolException(ProtocolError.BAD_TOPIC, "command in " + kind + " topic must match "
                    + COMMAND_PATTERN + ": " + topic);
        }
        return command;
    }
}
