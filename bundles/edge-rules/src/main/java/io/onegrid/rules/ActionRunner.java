package io.onegrid.rules;

import io.onegrid.api.ChannelWriter;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DriverException;
import io.onegrid.profile.AlarmRuleSpec;
import io.onegrid.profile.LocalAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local actuation: writes a rule's {@link LocalAction}s (siren on) when its alarm is raised. Runs on the
 * caller's thread before anything touches the database, so a siren does not wait for disk or network.
 * A failing write is logged and does not stop the other actions or the alarm itself.
 */
final class ActionRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ActionRunner.class);

    private final ChannelWriter writer;

    ActionRunner(ChannelWriter writer) {
        this.writer = writer;
    }

    void onRaise(DeviceRef device, AlarmRuleSpec rule) {
        for (LocalAction action : rule.actions()) {
            String target = action.device() == null || action.device().isBlank() ? device.id() : action.device();
            try {
                writer.write(target, action.channel(), action.value());
                LOG.info("Alarm {} on {}: wrote {}={} on {}", rule.id(), device.id(), action.channel(), action.value(), target);
            } catch (DriverException e) {
                LOG.error("Alarm {} on {}: local action {}={} on {} failed ({}): {}", rule.id(), device.id(),
                        action.channel(), action.value(), target, e.code(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Alarm {} on {}: local action {}={} on {} failed", rule.id(), device.id(),
                        action.channel(), action.value(), target, e);
            }
        }
    }
}
