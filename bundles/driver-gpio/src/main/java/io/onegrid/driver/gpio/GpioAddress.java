package io.onegrid.driver.gpio;

import io.onegrid.api.DriverException;
import io.onegrid.profile.ChannelSpec;
import io.onegrid.profile.DeviceProfile;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A GPIO device address, {@code "channel=line,channel=line"}: which backend line each profile channel is
 * wired to (a BCM number such as {@code smoke=17}, or a simulator line name such as
 * {@code smoke=flat302.smoke}). Channels the address leaves out are not wired.
 */
public record GpioAddress(Map<String, String> lines) {
    public GpioAddress {
        lines = Collections.unmodifiableMap(new LinkedHashMap<>(lines));
    }

    static final String EXAMPLE = "\"smoke=17,siren=27\" or \"smoke=flat302.smoke,siren=flat302.siren\"";

    /** Parses and checks an address against the device's profile. */
    public static GpioAddress parse(String deviceId, String address, DeviceProfile profile) throws DriverException {
        if (address == null || address.isBlank()) {
            throw bad(deviceId, "has no GPIO address; expected channel=line pairs such as " + EXAMPLE);
        }
        Map<String, String> lines = new LinkedHashMap<>();
        Map<String, String> channelByLine = new HashMap<>();
        for (String entry : address.split(",", -1)) {
            String pair = entry.trim();
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw bad(deviceId, "has a malformed GPIO address entry '" + pair + "' in '" + address
                        + "'; expected channel=line pairs such as " + EXAMPLE);
            }
            String channel = pair.substring(0, eq).trim();
            String line = pair.substring(eq + 1).trim();
            if (channel.isEmpty() || line.isEmpty() || line.chars().anyMatch(Character::isWhitespace)) {
                throw bad(deviceId, "has a malformed GPIO address entry '" + pair + "' in '" + address + "'");
            }
            ChannelSpec spec = profile.channel(channel).orElseThrow(() -> bad(deviceId, "wires channel '" + channel
                    + "' but profile " + profile.id() + " has no such channel (it has: " + channelIds(profile) + ")"));
            if (spec.gpio() == null) {
                throw bad(deviceId, "wires channel '" + channel + "' but profile " + profile.id()
                        + " does not describe it as a GPIO line");
            }
            if (lines.putIfAbsent(channel, line) != null) {
                throw bad(deviceId, "wires channel '" + channel + "' twice in '" + address + "'");
            }
            String other = channelByLine.putIfAbsent(line, channel);
            if (other != null) {
                throw bad(deviceId, "wires channels '" + other + "' and '" + channel + "' to the same line " + line);
            }
        }
        return new GpioAddress(lines);
    }

    private static String channelIds(DeviceProfile profile) {
        return profile.channels().stream().map(ChannelSpec::id).collect(Collectors.joining(", "));
    }

    private static DriverException bad(String deviceId, String problem) {
        return new DriverException(DriverException.Code.BAD_ADDRESS, "GPIO device " + deviceId + " " + problem);
    }
}
