package io.onegrid.uplink;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Reading;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Topics;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the {@link UplinkEncoder} from the gateway id alone, apart from the MQTT session
 * ({@link UplinkComponent}): edge rules and telemetry need the encoder to put alarms into the outbox, and
 * must keep running when the hub's address is wrong or the session cannot start.
 * <p>
 * Owns the boot id (drawn once per activation = per gateway run) and the sequence counter. It has a
 * {@code @Modified} method, so a change of any uplink setting never re-activates it: the boot id stays, the
 * sequence never repeats, and the components holding the encoder are not restarted. The session component
 * gets the same {@link WireEncoder} through this component's second, bundle-private service name.
 */
@Component(service = {UplinkEncoder.class, EncoderComponent.class}, configurationPid = UplinkComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
public final class EncoderComponent implements UplinkEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(EncoderComponent.class);

    private final WireEncoder encoder;

    @Activate
    public EncoderComponent(EncoderConfig config) {
        String gatewayId = gatewayId(config);
        if (!Topics.isValidGatewayId(gatewayId)) {
            throw new IllegalArgumentException("uplink gatewayId '" + gatewayId + "' must match "
                    + Topics.GATEWAY_ID_PATTERN);
        }
        this.encoder = new WireEncoder(gatewayId, UUID.randomUUID().toString(), GatewayClock.SYSTEM, new EnvelopeCodec());
        LOG.info("gateway {} boot {}", gatewayId, encoder.bootId());
    }

    @Modified
    void modified(EncoderConfig config) {
        String wanted = gatewayId(config);
        if (!wanted.equals(encoder.gatewayId())) {
            LOG.warn("gateway id change from {} to {} takes effect at the next gateway start", encoder.gatewayId(), wanted);
        }
    }

    /** The encoder itself, with the birth, health and death messages the session sends directly. */
    WireEncoder wire() {
        return encoder;
    }

    private static String gatewayId(EncoderConfig config) {
        return Objects.requireNonNullElse(config.gatewayId(), "").trim();
    }

    @Override
    public OutboundMessage alarm(AlarmTransition transition) {
        return encoder.alarm(transition);
    }

    @Override
    public OutboundMessage telemetry(List<Reading> readings) {
        return encoder.telemetry(readings);
    }

    @Override
    public OutboundMessage event(GatewayEvent event) {
        return encoder.event(event);
    }
}
