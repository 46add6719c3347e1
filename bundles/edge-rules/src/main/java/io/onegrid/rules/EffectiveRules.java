package io.onegrid.rules;

import io.onegrid.api.DeviceRef;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.DeviceProfile;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.ProfileOverrides;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A device's effective alarm rules: its profile's rules (with the implicit comm-fault rule, so
 * {@code comm-fault.enabled=false} works on every device) after its overrides, interpreted by
 * {@link ProfileOverrides}, the same strict interpreter the gateway's configuration loader uses, so the
 * engine never applies an override the loader would refuse. A rule disabled by {@code <rule>.enabled=false}
 * is absent from the result.
 */
final class EffectiveRules {
    private static final Logger LOG = LoggerFactory.getLogger(EffectiveRules.class);

    private EffectiveRules() {
    }

    /**
     * The rules to evaluate for {@code device}. The loader refuses bad overrides, so one that does not fit
     * here means the profile changed under an already loaded configuration: half an override could silently
     * weaken an alarm, so none of the device's overrides apply and the profile's rules run as they are.
     *
     * @param profileRules the profile's rules including the implicit comm-fault rule ({@link RuleFactory#rulesOf})
     */
    static List<AlarmRuleSpec> of(DeviceRef device, DeviceProfile profile, List<AlarmRuleSpec> profileRules) {
        if (device.overrides().isEmpty()) return profileRules;
        DeviceProfile withImplicit = new DeviceProfile(profile.id(), profile.name(), profile.category(),
                profile.manufacturer(), profile.protocol(), profile.pollInterval(), profile.timeout(), profile.report(),
                profile.channels(), profileRules, profile.source());
        try {
            return ProfileOverrides.apply(withImplicit, device.overrides(), "device " + device.id()).alarms();
        } catch (ProfileException e) {
            List<ProfileException> problems = e.allProblems();
            LOG.error("Device {}: its overrides do not fit profile {} ({}; changed after the configuration was loaded?): {}."
                            + " None of its overrides apply: its alarm rules run with the profile's values until the"
                            + " device's overrides in the gateway's configuration or the profile are corrected",
                    device.id(), profile.id(), profile.source(), IntStream.range(0, problems.size())
                            .mapToObj(i -> "[" + (i + 1) + "] " + problems.get(i).problem())
                            .collect(Collectors.joining(" ")));
        } catch (RuntimeException e) {
            LOG.error("Device {}: applying its overrides to profile {} failed; its alarm rules run with the profile's"
                    + " values", device.id(), profile.id(), e);
        }
        return profileRules;
    }
}
