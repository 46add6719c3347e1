package io.onegrid.poller;

import io.onegrid.api.CommandArgs;
import io.onegrid.api.CommandException;
import io.onegrid.api.CommandException.Code;
import io.onegrid.api.CommandHandler;
import io.onegrid.api.DriverException;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DataType;
import io.onegrid.profile.DeviceProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hub's {@code write} command: {@code {"device", "channel", "value"}} → one output channel written through the
 * device's bus queue (silencing a siren: {@code "value": false}). Only channels whose profile access allows writing
 * may be written, and the value must have the channel's type: a hub must not be able to drive an input or put a
 * string into a register.
 */
final class WriteCommand implements CommandHandler {
    private final DeviceAccess devices;

    WriteCommand(DeviceAccess devices) {
        this.devices = devices;
    }

    @Override
    public String name() {
        return WRITE;
    }

    @Override
    public Map<String, Object> handle(CommandArgs args) throws CommandException {
        args.only("device", "channel", "value");
        String id = args.string("device");
        String channel = args.string("channel");
        Object raw = args.value("value");
        DeviceProfile profile = devices.device(id).flatMap(d -> devices.profileOf(id)).orElseThrow(
                () -> new CommandException(Code.UNKNOWN_DEVICE, "no device '" + id + "' runs on this gateway"));
        ChannelSpec spec = profile.channel(channel).orElseThrow(() -> new CommandException(Code.UNKNOWN_CHANNEL,
                "device " + id + " (profile " + profile.id() + ") has no channel '" + channel + "'; writable: "
                        + writable(profile)));
        if (spec.access() == null || !spec.access().writable()) {
            throw new CommandException(Code.NOT_WRITABLE, "channel '" + channel + "' of device " + id + " is read-only"
                    + " in profile " + profile.id() + "; writable: " + writable(profile));
        }
        Object value = typed(spec, raw);
        try {
            devices.write(id, channel, value);
        } catch (DriverException e) {
            throw new CommandException(Code.DEVICE_ERROR, "writing " + channel + " of device " + id + " failed ("
                    + e.code() + "): " + e.getMessage(), e);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("device", id);
        result.put("channel", channel);
        result.put("value", value);
        return result;
    }

    /** The value as readings carry it (Boolean, Double or String), or BAD_REQUEST naming the type wanted. */
    private static Object typed(ChannelSpec spec, Object raw) throws CommandException {
        DataType type = spec.type();
        if (type == DataType.BOOL && raw instanceof Boolean) return raw;
        if (type == DataType.STRING && raw instanceof String) return raw;
        if (type != DataType.BOOL && type != DataType.STRING && raw instanceof Number n) return n.doubleValue();
        String wanted = type == DataType.BOOL ? "true or false" : type == DataType.STRING ? "a string" : "a number";
        throw new CommandException(Code.BAD_REQUEST, "argument 'value' for channel '" + spec.id() + "' ("
                + type.name().toLowerCase(java.util.Locale.ROOT) + ") must be " + wanted);
    }

    private static String writable(DeviceProfile profile) {
        return profile.channels().stream().filter(c -> c.access() != null && c.access().writable())
                .map(ChannelSpec::id).toList().toString();
    }
}
