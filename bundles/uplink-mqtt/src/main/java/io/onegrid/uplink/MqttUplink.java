package io.onegrid.uplink;

import io.onegrid.api.DeviceHealth;
import io.onegrid.api.DeviceRef;
import io.onegrid.api.GatewayClock;
import io.onegrid.api.Outbox;
import io.onegrid.api.OutboxException;
import io.onegrid.api.Priority;
import io.onegrid.api.StoredMessage;
import io.onegrid.profile.Backoff;
import io.onegrid.protocol.Body;
import io.onegrid.protocol.MessageKind;
import io.onegrid.protocol.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's MQTT 5 session with the hub (Eclipse Paho). Runs its own reconnect loop with backoff
 * instead of Paho's automatic reconnect, whose timer keeps running after {@code disconnect()} and which
 * would not let us send the birth before the drain. On every connect: birth first, then the outbox drain.
 * A health envelope goes out directly (not through the outbox: a stale heartbeat is worthless) every
 * {@code healthIntervalSeconds} while connected. The will message is a death envelope "connection lost";
 * {@link #stop()} publishes a death "shutdown" and disconnects normally, so the broker drops the will.
 * The birth is sent again whenever the devices it declares changed ({@link #devicesChanged()}, and checked
 * before every health message in case a change went unnoticed), so the hub's device list follows live edits.
 * Paho keeps nothing of its own ({@link MemoryPersistence}, clean start): the outbox is the session state.
 * After every connect it subscribes to its commands ({@code og/v1/gw/{id}/cmd/+}): the hub keeps the commands sent
 * while the gateway was away and delivers them on that subscription; replies go out through {@link CommandChannel}.
 */
public final class MqttUplink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    static final long DEATH_TIMEOUT_MS = 2000;
    /** Device changes arrive one per device at start-up: wait this long so one birth covers them all. */
    static final long BIRTH_SETTLE_MS = 200;

    private final UplinkSettings settings;
    private final WireEncoder encoder;
    private final Outbox outbox;
    private final Supplier<Collection<DeviceRef>> devices;
    private final Heartbeat heartbeat;
    private final String software;
    private final ScheduledExecutorService executor;
    private final ReconnectSchedule reconnects;
    private final AtomicBoolean appendCheckQueued = new AtomicBoolean();
    private final OutboxDrainer drainer;
    private final MqttAsyncClient client;
    private final Runnable wakeOnAppend;
    private final CommandChannel commands;
    private final AtomicBoolean birthCheckQueued = new AtomicBoolean();

    // Confined to the executor thread.
    /** The devices the last birth of this session declared; null before the first. */
    private List<Body.DeclaredDevice> declaredInBirth;
    private boolean connected;
    private boolean stopped;
    private boolean everConnected;

    /** An uplink whose gateway has no command handlers (every command is answered, as unknown or unavailable). */
    public MqttUplink(UplinkSettings settings, WireEncoder encoder, Outbox outbox, Supplier<Collection<DeviceRef>> devices,
                      Function<String, DeviceHealth> health, String software, Timing timing) throws MqttException {
        this(settings, encoder, outbox, devices, health, software, timing, new CommandDispatcher(GatewayClock.SYSTEM));
    }

    public MqttUplink(UplinkSettings settings, WireEncoder encoder, Outbox outbox, Supplier<Collection<DeviceRef>> devices,
                      Function<String, DeviceHealth> health, String software, Timing timing, CommandDispatcher dispatcher)
            throws MqttException {
        this.settings = settings;
        this.encoder = encoder;
        this.outbox = outbox;
        this.devices = devices;
        this.heartbeat = new Heartbeat(encoder.clock(), outbox, health, ClockSyncProbe.system());
        this.software = software;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "onegrid-uplink-" + settings.gatewayId());
            t.setDaemon(true);
            return t;
        });
        Backoff backoff = new Backoff(new Random(timing.seed()));
        this.reconnects = new ReconnectSchedule(executor, backoff.retries(timing.reconnectInitialMs(), timing.reconnectMaxMs(),
                Timing.JITTER), this::alarmWaiting, this::connect, new Random(timing.seed() + 1));
        this.drainer = new OutboxDrainer(outbox, kind -> Topics.PREFIX + settings.gatewayId() + "/" + kind, executor,
                backoff.retries(timing.retryInitialMs(), timing.retryMaxMs(), Timing.JITTER),
                () -> backoff.retries(timing.retryInitialMs(), timing.retryMaxMs(), Timing.JITTER), settings.maxInFlight(),
                settings.maxAttempts(), new SetAsideNotice(outbox, encoder, encoder.codec(), GatewayClock.SYSTEM));
        this.client = new MqttAsyncClient(settings.hubUri(), settings.gatewayId(), new MemoryPersistence());
        this.client.setCallback(new SessionCallback());
        this.wakeOnAppend = () -> {
            drainer.wake();
            // disconnected with an alarm to send: do not wait out a long backoff (ReconnectSchedule)
            if (appendCheckQueued.compareAndSet(false, true)) post(() -> {
                appendCheckQueued.set(false);
                if (!connected && !stopped) reconnects.appended();
            });
        };
        this.commands = new CommandChannel(settings.gatewayId(), dispatcher, (topic, reply, listener) -> client.publish(
                topic, reply, null, listener), (filter, listener) -> client.subscribe(filter, 1, null, listener),
                GatewayClock.SYSTEM);
    }

    /**
     * Delays of the reconnect and retry loops; tests shorten them. Each wait is drawn between half and all of a ceiling
     * that doubles from the initial delay to the maximum ({@link #JITTER}), so a fleet that lost the hub together
     * does not come back in lock step.
     */
    public record Timing(long reconnectInitialMs, long reconnectMaxMs, long retryInitialMs, long retryMaxMs, long seed) {
        public static final Timing DEFAULT = new Timing(1000, 60_000, 1000, 60_000, System.nanoTime());
        /** The share of the ceiling by which a wait may be shortened. */
        public static final double JITTER = 0.5;
    }

    /** Starts connecting (in the background) and listening to the outbox. */
    public void start() {
        outbox.onAppend(wakeOnAppend);
        executor.execute(this::connect);
        long every = settings.healthIntervalSeconds();
        executor.scheduleAtFixedRate(this::publishHealth, every, every, TimeUnit.SECONDS);
    }

    /**
     * The device list may have changed: shortly (after {@link #BIRTH_SETTLE_MS}, coalescing a burst) the
     * birth is sent again if the devices it would declare differ from the last one's. Cheap; any thread.
     */
    public void devicesChanged() {
        if (!birthCheckQueued.compareAndSet(false, true)) return;
        try {
            executor.schedule(() -> {
                birthCheckQueued.set(false);
                if (connected && !stopped) republishBirthIfChanged(WireEncoder.declared(devices.get()));
            }, BIRTH_SETTLE_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            birthCheckQueued.set(false); // stopped
        }
    }

    private void republishBirthIfChanged(List<Body.DeclaredDevice> now) {
        if (declaredInBirth != null && Set.copyOf(now).equals(Set.copyOf(declaredInBirth))) return;
        LOG.info("device list changed ({} devices): sending the birth again", now.size());
        publishBirth(now);
    }

    private void connect() {
        if (stopped) return;
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    post(() -> onConnected(token));
                }

                @Override
                public void onFailure(IMqttToken token, Throwable error) {
                    post(() -> retryConnect(error));
                }
            });
        } catch (MqttException | RuntimeException e) {
            retryConnect(e);
        }
    }

    private void retryConnect(Throwable error) {
        if (stopped) return;
        long delay = reconnects.scheduleNext();
        LOG.warn("cannot connect to hub {} as {}: {}; retrying in {} ms", settings.hubUri(), settings.gatewayId(),
                describe(error), delay);
    }

    private void onConnected(IMqttToken token) {
        if (stopped) return;
        connected = true;
        reconnects.connected();
        MqttProperties props = token.getResponseProperties();
        Integer receiveMaximum = props == null ? null : props.getReceiveMaximum();
        int rm = receiveMaximum == null ? 65_535 : receiveMaximum;
        LOG.info("{} to hub {} as {} (boot {}, server receive maximum {})", everConnected ? "reconnected" : "connected",
                settings.hubUri(), settings.gatewayId(), encoder.bootId(), rm);
        everConnected = true;
        publishBirth(WireEncoder.declared(devices.get()));
        drainer.connected(this::publishQos1, rm);
        commands.connected(); // subscribes (the session is new: clean start), then sends replies held meanwhile
    }

    private void onConnectionLost(String why) {
        if (!connected) return;
        connected = false;
        drainer.disconnected();
        commands.disconnected();
        if (stopped) return;
        LOG.warn("connection to hub {} lost: {}", settings.hubUri(), why);
        reconnects.scheduleNext();
    }

    private void publishBirth(List<Body.DeclaredDevice> declared) {
        declaredInBirth = declared;
        publishDirect(MessageKind.BIRTH, encoder.birthOf(software, declared));
    }

    private void publishHealth() {
        if (!connected || stopped) return;
        try {
            Collection<DeviceRef> now = devices.get();
            republishBirthIfChanged(WireEncoder.declared(now)); // a change notification may have been missed
            publishDirect(MessageKind.HEALTH, encoder.health(heartbeat.body(now)));
        } catch (OutboxException | RuntimeException e) {
            LOG.warn("health message not sent: {}", e.toString());
        }
    }

    private void publishDirect(MessageKind kind, byte[] payload) {
        try {
            publishQos1(Topics.uplink(settings.gatewayId(), kind), payload, new PublishChannel.Result() {
                @Override
                public void acknowledged(int reasonCode) {
                    if (reasonCode >= 0x80) {
                        LOG.warn("hub rejected the {} message with PUBACK reason code {}", kind.wireName(),
                                OutboxDrainer.hex(reasonCode));
                    }
                }

                @Override
                public void failed(Throwable error) {
                    LOG.debug("{} message not delivered: {}", kind.wireName(), error.toString());
                }
            });
        } catch (MqttException e) {
            LOG.debug("{} message not sent: {}", kind.wireName(), e.toString());
        }
    }

    /** The one way anything is published: QoS 1, not retained, outcome from the PUBACK reason code. */
    private void publishQos1(String topic, byte[] payload, PublishChannel.Result result) throws MqttException {
        MqttMessage message = new MqttMessage(payload, 1, false, new MqttProperties());
        client.publish(topic, message, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                result.acknowledged(codes == null || codes.length == 0 ? 0 : codes[0]);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                result.failed(error);
            }
        });
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setSessionExpiryInterval(settings.sessionExpirySeconds());
        o.setKeepAliveInterval(settings.keepAliveSeconds());
        o.setConnectionTimeout(10);
        o.setUserName(settings.username());
        // a certificate login sends no password: the hub would not look at it, and it need not exist
        if (!settings.password().isEmpty() && !settings.clientCertificate()) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        o.setWill(Topics.uplink(settings.gatewayId(), MessageKind.DEATH),
                new MqttMessage(encoder.death("connection lost"), 1, false, new MqttProperties()));
        if (settings.tls()) {
            // Paho's default, set anyway: a certificate from the trusted CA for another host must not be accepted
            o.setHttpsHostnameVerificationEnabled(true);
            if (!settings.truststorePath().isEmpty() || settings.clientCertificate()) {
                o.setSocketFactory(TrustStores.socketFactory(
                        settings.truststorePath().isEmpty() ? null : Path.of(settings.truststorePath()),
                        settings.clientCertificate() ? Path.of(settings.certificatePath()) : null,
                        settings.clientCertificate() ? Path.of(settings.keyPath()) : null));
            }
        }
        return o;
    }

    /** Sends a death "shutdown", disconnects normally (no will) and stops every timer. */
    public void stop() {
        outbox.removeAppendListener(wakeOnAppend);
        try {
            executor.submit(() -> {
                stopped = true;
                drainer.stop();
                goodbye();
            }).get(DEATH_TIMEOUT_MS * 3, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("uplink stop: {}", e.toString());
        }
        executor.shutdownNow();
        commands.close();
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing MQTT client: {}", e.toString());
        }
    }

    private void goodbye() {
        if (connected) {
            try {
                client.publish(Topics.uplink(settings.gatewayId(), MessageKind.DEATH),
                        new MqttMessage(encoder.death("shutdown"), 1, false, new MqttProperties()))
                        .waitForCompletion(DEATH_TIMEOUT_MS);
            } catch (MqttException e) {
                LOG.debug("death message not confirmed: {}", e.toString());
            }
        }
        connected = false;
        try {
            if (client.isConnected()) client.disconnect(DEATH_TIMEOUT_MS).waitForCompletion(DEATH_TIMEOUT_MS);
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** For tests: drops the TCP connection without DISCONNECT, as a crash or a cut cable would. */
    void killConnectionForTest() throws MqttException {
        client.disconnectForcibly(0, 0, false);
    }

    /** Whether an alarm waits in the outbox (alarms drain first, so it is the first message if any). */
    private boolean alarmWaiting() {
        try {
            List<StoredMessage> first = outbox.nextBatch(1, java.util.Set.of());
            return !first.isEmpty() && first.get(0).priority() == Priority.ALARM;
        } catch (OutboxException | RuntimeException e) {
            return false; // the drainer reports the outbox's trouble; here it only means no hurry is known
        }
    }

    /** Runs on the uplink thread; after stop, callbacks of the closing client are dropped. */
    private void post(Runnable r) {
        try {
            executor.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("uplink stopped, callback dropped");
        }
    }

    /** CONNACK 0x87, which the hub answers to a certificate that is not (or no longer) the gateway's. */
    private static final int NOT_AUTHORIZED = 0x87;

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return "TLS handshake failed (" + t.getMessage() + "); check that truststorePath holds the CA"
                        + " that signed the hub's certificate and that the certificate names the host of hubUri"
                        + " (with a client certificate: that it is not expired and comes from this hub's gateway CA)";
            }
        }
        if (e instanceof MqttException m && m.getReasonCode() == NOT_AUTHORIZED) {
            return m.getMessage() + " (reason code 0x87: the hub does not accept this client certificate for this gateway:"
                    + " it was replaced or revoked; run onegrid-gateway provision with a new claim code)";
        }
        if (e instanceof MqttException m && m.getReasonCode() > 0) {
            return m.getMessage() + " (reason code " + OutboxDrainer.hex(m.getReasonCode()) + ")";
        }
        return String.valueOf(e);
    }

    private final class SessionCallback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getException() != null ? describe(response.getException())
                    : "server sent DISCONNECT " + OutboxDrainer.hex(response.getReturnCode());
            post(() -> onConnectionLost(why));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.debug("MQTT error: {}", exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commands.isCommandTopic(topic)) commands.arrived(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttToken token) { }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) { }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) { }
    }
}
