package io.onegrid.uplink;

import io.onegrid.api.AlarmTransition;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.GatewayEvent;
import io.onegrid.api.OutboundMessage;
import io.onegrid.api.Outbox;
import io.onegrid.api.Reading;
import io.onegrid.api.UplinkEncoder;
import io.onegrid.protocol.EnvelopeCodec;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provides the {@link UplinkEncoder} and runs the MQTT session. The boot id is drawn once per activation
 * (= per gateway start) and kept across live reconfiguration, which only restarts the MQTT session; the
 * sequence counter lives in the encoder, so numbers never repeat within a boot.
 */
@Component(service = UplinkEncoder.class, configurationPid = UplinkComponent.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = UplinkConfig.class)
public final class UplinkComponent implements UplinkEncoder {
    public static final String PID = "io.onegrid.uplink";
    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);

    private final WireEncoder encoder;
    private final Outbox outbox;
    private final String software;
    private volatile DeviceRegistry registry;
    private MqttUplink uplink;

    @Activate
    public UplinkComponent(UplinkConfig config, @Reference Outbox outbox, BundleContext context) throws MqttException {
        UplinkSettings settings = settings(config);
        this.outbox = outbox;
        this.software = context.getBundle().getVersion().toString();
        this.encoder = new WireEncoder(settings.gatewayId(), UUID.randomUUID().toString(), GatewayClock.SYSTEM,
                new EnvelopeCodec());
        this.uplink = startUplink(settings);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(DeviceRegistry r) {
        this.registry = r;
        MqttUplink u = uplink;
        if (u != null) u.republishBirth(); // the device list just became known
    }

    void unbindRegistry(DeviceRegistry r) {
        if (registry == r) registry = null;
    }

    @Modified
    synchronized void modified(UplinkConfig config) throws MqttException {
        UplinkSettings settings = settings(config);
        if (!settings.gatewayId().equals(encoder.gatewayId())) {
            LOG.warn("gateway id change from {} to {} takes effect at the next gateway start", encoder.gatewayId(),
                    settings.gatewayId());
            return;
        }
        uplink.stop();
        uplink = startUplink(settings);
    }

    @Deactivate
    synchronized void deactivate() {
        uplink.stop();
    }

    private MqttUplink startUplink(UplinkSettings settings) throws MqttException {
        LOG.info("uplink starting: {}", settings);
        MqttUplink u = new MqttUplink(settings, encoder, outbox, this::devices, this::online, software,
                MqttUplink.Timing.DEFAULT);
        u.start();
        return u;
    }

    private Collection<DeviceRef> devices() {
        DeviceRegistry r = registry;
        return r == null ? List.of() : r.devices();
    }

    private boolean online(String deviceId) {
        DeviceRegistry r = registry;
        return r != null && r.online(deviceId);
    }

    static UplinkSettings settings(UplinkConfig c) {
        return new UplinkSettings(Objects.requireNonNullElse(c.gatewayId(), "").trim(), c.hubUri(), c.username(),
                c._password(), c.keepAliveSeconds(), c.healthIntervalSeconds(), c.truststorePath(), c.maxInFlight(),
                c.sessionExpirySeconds());
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
