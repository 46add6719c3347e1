package io.onegrid.uplink;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.DeviceRegistry;
import io.onegrid.api.Outbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
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
 * Runs the MQTT session with the hub. Provides no service: nothing on the gateway depends on the session
 * being up, so a bad hub setting fails only this component (the encoder, {@link EncoderComponent}, stays).
 * The encoder's boot id and sequence outlive this component; live reconfiguration restarts only the session.
 * Watches the {@link DeviceRegistry} so the hub's device list (the birth) follows devices added, changed or
 * removed while connected. Commands from the hub go to the handlers {@link CommandsComponent} collects.
 */
@Component(service = {}, configurationPid = UplinkComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = UplinkConfig.class)
public final class UplinkComponent {
    public static final String PID = "io.onegrid.uplink";
    private static final Logger LOG = LoggerFactory.getLogger(UplinkComponent.class);

    private final WireEncoder encoder;
    private final Outbox outbox;
    private final String software;
    private final CommandDispatcher commands;
    private final Runnable devicesChanged = this::devicesChanged;
    private volatile DeviceRegistry registry;
    private volatile MqttUplink uplink;

    @Activate
    public UplinkComponent(UplinkConfig config, @Reference EncoderComponent encoder, @Reference Outbox outbox,
                           BundleContext context, @Reference CommandsComponent commands) throws MqttException {
        this.encoder = encoder.wire();
        this.outbox = outbox;
        this.commands = commands.dispatcher();
        this.software = context.getBundle().getVersion().toString();
        this.uplink = startUplink(settings(config));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(DeviceRegistry r) {
        this.registry = r;
        r.addDevicesListener(devicesChanged);
        devicesChanged(); // the device list just became known
    }

    void unbindRegistry(DeviceRegistry r) {
        r.removeDevicesListener(devicesChanged);
        if (registry == r) registry = null;
    }

    @Modified
    synchronized void modified(UplinkConfig config) throws MqttException {
        UplinkSettings settings;
        try {
            settings = settings(config);
        } catch (IllegalArgumentException e) {
            LOG.error("uplink configuration rejected, the current session stays: {}", e.getMessage());
            return;
        }
        uplink.stop();
        uplink = startUplink(settings);
    }

    @Deactivate
    synchronized void deactivate() {
        uplink.stop();
    }

    private void devicesChanged() {
        MqttUplink u = uplink;
        if (u != null) u.devicesChanged();
    }

    private MqttUplink startUplink(UplinkSettings settings) throws MqttException {
        LOG.info("uplink starting: {}", settings);
        MqttUplink u = new MqttUplink(settings, encoder, outbox, this::devices, this::health, software,
                MqttUplink.Timing.DEFAULT, commands);
        u.start();
        return u;
    }

    private Collection<DeviceRef> devices() {
        DeviceRegistry r = registry;
        return r == null ? List.of() : r.devices();
    }

    private DeviceHealth health(String deviceId) {
        DeviceRegistry r = registry;
        return r == null ? DeviceHealth.UNKNOWN : r.health(deviceId);
    }

    /**
     * The session uses the encoder's gateway id: a changed id applies at the next start, for both (the
     * encoder logs the change).
     */
    UplinkSettings settings(UplinkConfig c) {
        return settings(encoder.gatewayId(), c);
    }

    /** @throws IllegalArgumentException for a setting the session cannot use, naming it (never the secret) */
    static UplinkSettings settings(String gatewayId, UplinkConfig c) {
        return new UplinkSettings(gatewayId, c.hubUri(), c.username(),
                c.clientCertificatePath().isBlank() ? password(c.passwordFile()) : "",
                c.keepAliveSeconds(), c.healthIntervalSeconds(), c.truststorePath(), c.maxInFlight(),
                c.sessionExpirySeconds(), c.maxAttempts(), c.clientCertificatePath(), c.clientKeyPath());
    }

    /**
     * The secret from passwordFile, without the line break editors and {@code echo} put at the end; "" when no
     * file is configured. Messages name the file and what went wrong, never the content.
     */
    static String password(String passwordFile) {
        if (passwordFile == null || passwordFile.isBlank()) return "";
        String file = passwordFile.trim();
        String secret;
        try {
            secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).replaceFirst("[\\r\\n]+$", "");
        } catch (IOException | InvalidPathException e) {
            throw new IllegalArgumentException("uplink passwordFile " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + "); it must be a UTF-8 file the gateway's user can read", e);
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("uplink passwordFile " + file + " is empty; it must hold the secret the"
                    + " hub issued for this gateway");
        }
        return secret;
    }
}
