package io.onegrid.protocol;

import java.util.regex.Pattern;

/**
 * Topic names of the bridge. Uplink: {@code og/v1/gw/{gatewayId}/{kind}}. Downlink (reserved for the
 * command issue): {@code og/v1/gw/{gatewayId}/cmd/{command}}, replies on {@code og/v1/gw/{gatewayId}/reply/{command}}.
 */
public final class Topics {
    public static final String PREFIX = "og/v1/gw/";
    public static final String GATEWAY_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Pattern GATEWAY_ID = Pattern.compile(GATEWAY_ID_PATTERN);

    private Topics() { }

    public static boolean isValidGatewayId(String id) {
        return id != null && GATEWAY_ID.matcher(id).matches();
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
}
