package io.onegrid.sim.scenario;

import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.Problems;
import io.onegrid.profile.Scalars;
import io.onegrid.profile.YamlMap;
import io.onegrid.sim.device.ChannelValues;
import io.onegrid.sim.modbus.RegisterCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** Reads channel values of one device ({@code initial:}, {@code set:}), checked against its profile. */
final class Values {
    private final Problems problems;
    private final DeviceProfile profile;
    private final String what;

    Values(Problems problems, DeviceProfile profile, String what) {
        this.problems = problems;
        this.profile = profile;
        this.what = what;
    }

    /** A mapping keyed by the profile's channel ids; null when absent or not a mapping (reported). */
    YamlMap channels(YamlMap parent, String key) {
        return parent.map(key, "'" + key + "' of " + what + " (profile " + profile.id() + ")",
                profile.channels().stream().map(ChannelSpec::id).toList());
    }

    /** channel → value of the kind the channel holds; values that do not fit are reported and left out. */
    Map<String, Object> map(YamlMap parent, String key) {
        Map<String, Object> values = new LinkedHashMap<>();
        YamlMap m = channels(parent, key);
        if (m != null) {
            for (String channelId : m.keys()) {
                value(m, channelId).ifPresent(v -> values.put(channelId, v));
            }
        }
        return values;
    }

    /** A channel value, checked for kind and, for Modbus, that it fits the channel's registers. */
    Optional<Object> value(YamlMap m, String channelId) {
        ChannelSpec channel = profile.channel(channelId).orElseThrow();
        Node node = m.value(channelId);
        Optional<Object> raw = node == null ? Optional.empty() : Scalars.value(node);
        if (raw.isEmpty()) {
            problems.add(node == null ? m.node() : node, "'" + channelId + "' of " + what + " needs a single value ("
                    + kind(channel) + "), got " + YamlMap.describe(node));
            return Optional.empty();
        }
        return check(node, channel, raw.get());
    }

    /** {@code value} as the channel's value kind; empty (reported at {@code at}) when it does not fit. */
    Optional<Object> check(Node at, ChannelSpec channel, Object value) {
        try {
            Object coerced = ChannelValues.coerce(channel, value);
            if (channel.modbus() != null) {
                RegisterCodec.encode(channel, coerced);
            }
            return Optional.of(coerced);
        } catch (IllegalArgumentException e) {
            problems.add(at, what + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether the channel is numeric; reports it at its key if not. */
    boolean numeric(YamlMap m, String channelId) {
        ChannelSpec channel = profile.channel(channelId).orElseThrow();
        if (DeviceReader.isNumeric(channel)) {
            return true;
        }
        problems.add(m.value(channelId) == null ? m.node() : m.value(channelId), "'" + channelId + "' of " + what
                + " is " + channel.type() + "; only numeric channels take noise or ramps");
        return false;
    }

    private static String kind(ChannelSpec channel) {
        return switch (channel.type()) {
            case BOOL -> "true or false";
            case STRING -> "a quoted text";
            default -> "a number";
        };
    }
}
