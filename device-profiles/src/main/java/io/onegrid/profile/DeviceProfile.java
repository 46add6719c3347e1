package io.onegrid.profile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One model of device: its protocol, channels, read schedule, report policy and default alarm rules.
 * Loaded from YAML by {@link ProfileLoader}; {@code source} names the file it came from.
 *
 * @param protocol one of "modbus-tcp", "modbus-rtu", "coap", "gpio"
 */
public record DeviceProfile(String id, String name, String category, String manufacturer, String protocol,
                            Duration pollInterval, Duration timeout, ReportSpec report,
                            List<ChannelSpec> channels, List<AlarmRuleSpec> alarms, String source) {
    public DeviceProfile {
        channels = List.copyOf(channels);
        alarms = List.copyOf(alarms);
    }

    public Optional<ChannelSpec> channel(String channelId) {
        return channels.stream().filter(c -> c.id().equals(channelId)).findFirst();
    }

    public Optional<AlarmRuleSpec> alarm(String ruleId) {
        return alarms.stream().filter(a -> a.id().equals(ruleId)).findFirst();
    }

    /** Whether the profile speaks Modbus (TCP or RTU), so its channels carry Modbus points. */
    public boolean modbus() {
        return "modbus-tcp".equals(protocol) || "modbus-rtu".equals(protocol);
    }
}
