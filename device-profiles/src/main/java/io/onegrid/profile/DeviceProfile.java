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

    /** Rule id of the communication-fault rule every device runs when its profile declares none. */
    public static final String IMPLICIT_COMM_FAULT = "comm-fault";

    /**
     * The rules a device of this profile runs: the declared ones plus, when none of them is a comm-fault rule, an
     * implicit {@value #IMPLICIT_COMM_FAULT} (minor, case type device.comm-fault), so that every device that stops
     * answering is seen at the hub. The gateway's edge rules run exactly these, and overrides are checked against
     * them (so {@code comm-fault.enabled=false} is accepted where the gateway would honour it).
     */
    public List<AlarmRuleSpec> rulesRun() {
        boolean hasCommFault = alarms.stream().anyMatch(r -> r.kind() == RuleKind.COMM_FAULT);
        boolean idTaken = alarms.stream().anyMatch(r -> IMPLICIT_COMM_FAULT.equals(r.id()));
        if (hasCommFault || idTaken) return alarms;
        List<AlarmRuleSpec> rules = new java.util.ArrayList<>(alarms);
        rules.add(new AlarmRuleSpec(IMPLICIT_COMM_FAULT, RuleKind.COMM_FAULT, null, null, null, null, null, null,
                null, null, null, null, Severity.MINOR, "device.comm-fault", "Device not answering", List.of()));
        return List.copyOf(rules);
    }

    /** This profile with {@link #rulesRun()} as its rules. */
    public DeviceProfile withRulesRun() {
        List<AlarmRuleSpec> run = rulesRun();
        return run == alarms ? this : new DeviceProfile(id, name, category, manufacturer, protocol, pollInterval, timeout,
                report, channels, run, source);
    }

    /** Whether the profile speaks Modbus (TCP or RTU), so its channels carry Modbus points. */
    public boolean modbus() {
        return "modbus-tcp".equals(protocol) || "modbus-rtu".equals(protocol);
    }
}
