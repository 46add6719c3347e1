package io.onegrid.hub.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.onegrid.hub.commands.CommandService;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.config.HubConfig;
import io.onegrid.hub.config.TlsSettings;
import io.onegrid.hub.ingest.IngestBatcher;
import io.onegrid.hub.ingest.IngestCounters;
import io.onegrid.hub.ingest.RateLimitedLog;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.GatewayAuthenticator;
import io.onegrid.profile.Backoff;
import io.onegrid.protocol.EnvelopeCodec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.onegrid.hub.security.CertificateLogin;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.mqtt.MqttEndpoint;
import io.vertx.mqtt.MqttServer;
import io.vertx.mqtt.MqttServerOptions;
import io.vertx.mqtt.messages.codes.MqttDisconnectReasonCode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's MQTT 5 endpoint (Vert.x MQTT server). Authenticates CONNECT against the gateways table
 * (client id must equal user name = gateway id), keeps one session per gateway (a new connection takes
 * over the old one), and hands each connection to a {@link GatewaySession}. MQTT 3.1.1 clients are
 * refused with CONNACK 0x01 (unacceptable protocol version): without PUBACK reason codes they could not
 * tell a rejected message from a stored one.
 *
 * <p>With TLS and a gateway CA, the listener also asks for (but does not require) a client certificate, which the
 * TLS layer checks against that CA alone. A client that presents one logs in by it and only by it
 * ({@link CertificateLogin}: no password needed, a user name if sent must be the certificate's gateway); one without
 * logs in by password as before.
 *
 * <p>Failed password checks are limited per gateway id and per remote address ({@link AttemptLimiter});
 * a CONNECT over either limit is refused with CONNACK 0x9F (Connection rate exceeded) before its password
 * is checked, so guessing is slow and a flood of CONNECTs cannot make the hub run PBKDF2 without end.
 */
public final class GatewayMqttServer {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayMqttServer.class);
    /** Room for the fixed header, topic and properties on top of the payload limit. */
    private static final int PACKET_OVERHEAD = 8 * 1024;

    private final Vertx vertx;
    private final HubConfig config;
    private final GatewayAuthenticator authenticator;
    private final IngestBatcher batcher;
    private final IngestCounters counters;
    private final AttemptLimiter connectLimiter;
    private final AuthLimits authLimits;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final RateLimitedLog warnings = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private final ConcurrentMap<String, GatewaySession> sessions = new ConcurrentHashMap<>();
    private final OfflineRecorder offline;
    private final CommandService commands;
    private final Clock clock;
    private final Path clientCa;
    private final CertificateLogin certificateLogin;
    private final CredentialWatch watch;
    private MqttServer server;

    /**
     * @param clientCa         PEM certificate of the gateway CA whose client certificates log in, or null for passwords only
     * @param certificateLogin decides certificate logins (used when {@code clientCa} is given)
     * @param credentials      blocking: the credentials in force of gateway ids, so revoked sessions are cut
     */
    public GatewayMqttServer(Vertx vertx, HubConfig config, GatewayAuthenticator authenticator, IngestBatcher batcher,
                             IngestCounters counters, AttemptLimiter connectLimiter, CommandService commands, Clock clock,
                             Path clientCa, CertificateLogin certificateLogin,
                             java.util.function.Function<java.util.Collection<String>, java.util.Map<String,
                                     io.onegrid.hub.store.CredentialInForce>> credentials) {
        this.watch = new CredentialWatch(vertx, credentials);
        this.clientCa = clientCa;
        this.certificateLogin = certificateLogin;
        this.vertx = vertx;
        this.config = config;
        this.authenticator = authenticator;
        this.batcher = batcher;
        this.counters = counters;
        this.connectLimiter = connectLimiter;
        this.authLimits = config.mqttAuthLimits();
        this.commands = commands;
        this.clock = clock;
        Backoff backoff = new Backoff(new Random());
        this.offline = new OfflineRecorder(batcher, this::ifNoSession,
                (delay, task) -> vertx.setTimer(delay, id -> task.run()), () -> backoff.retries(
                        OfflineRecorder.FIRST_RETRY.toMillis(), OfflineRecorder.MAX_RETRY.toMillis(), OfflineRecorder.JITTER));
    }

    /** Starts listening; completes with the bound port. */
    public Future<Integer> start() {
        MqttServerOptions options = new MqttServerOptions()
                .setHost(config.mqttHost())
                .setPort(config.mqttPort())
                .setMaxMessageSize(config.maxMqttPayloadBytes() + PACKET_OVERHEAD)
                .setTimeoutOnConnect(30);
        config.mqttTls().ifPresent(tls -> applyTls(options, tls));
        if (config.mqttTls().isPresent() && clientCa != null) {
            // REQUEST, not REQUIRED: gateways with passwords keep connecting without a certificate
            options.setClientAuth(ClientAuth.REQUEST).setTrustOptions(new PemTrustOptions().addCertPath(clientCa.toString()));
        }
        server = MqttServer.create(vertx, options);
        server.endpointHandler(this::onConnect);
        watch.start(() -> sessions);
        server.exceptionHandler(e -> LOG.debug("MQTT connection error: {}", e.toString()));
        return server.listen().map(MqttServer::actualPort);
    }

    static void applyTls(MqttServerOptions options, TlsSettings tls) {
        options.setSsl(true);
        if (tls.isPem()) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certPem().toString())
                    .setKeyPath(tls.keyPem().toString()));
        } else {
            options.setKeyCertOptions(new PfxOptions().setPath(tls.pkcs12().toString()).setPassword(tls.pkcs12Password()));
        }
    }

    public Future<Void> stop() {
        watch.stop();
        sessions.values().forEach(GatewaySession::serverShutdown);
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** The bound port (after {@link #start} completed). */
    public int port() {
        return server.actualPort();
    }

    public int sessionCount() {
        return sessions.size();
    }

    private void onConnect(MqttEndpoint endpoint) {
        boolean v5 = endpoint.protocolVersion() >= MqttVersion.MQTT_5.protocolLevel();
        if (!v5) {
            // 3.1.1 has no PUBACK reason codes: a rejected message would look delivered and be lost
            warnings.warn("connect-v3", "MQTT connect refused: protocol level {} (only MQTT 5 is served)",
                    endpoint.protocolVersion());
            reject(endpoint, MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            return;
        }
        String username = endpoint.auth() == null ? null : endpoint.auth().getUsername();
        String password = endpoint.auth() == null ? null : endpoint.auth().getPassword();
        X509Certificate peer = peerCertificate(endpoint);
        if (peer != null) {
            certificateConnect(endpoint, peer, username);
            return;
        }
        if (username == null || password == null) {
            refuse(endpoint, v5, null, "no user name or password");
            return;
        }
        if (!username.equals(endpoint.clientIdentifier())) {
            warnings.warn("connect-clientid", "MQTT connect refused: client id is not the gateway id {}", username);
            reject(endpoint, v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                    : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            return;
        }
        String address = remoteHost(endpoint.remoteAddress());
        Optional<AttemptLimiter.Attempt> reserved = connectLimiter.begin(
                new AttemptLimiter.Limit("gw\0" + username, authLimits.maxFailures(), true),
                new AttemptLimiter.Limit("addr\0" + address, authLimits.maxFailuresPerAddress(), false));
        if (reserved.isEmpty()) {
            warnings.warn("connect-rate-" + username, "MQTT connect refused for {} from {}: too many failed attempts",
                    username, address);
            reject(endpoint, MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED);
            return;
        }
        AttemptLimiter.Attempt attempt = reserved.get();
        vertx.executeBlocking(() -> authenticator.verifiedHash(username, password), false).onComplete(ar -> {
            if (ar.failed()) {
                attempt.abandoned();
                LOG.warn("MQTT connect of {} could not be checked: {}", username, ar.cause().getMessage());
                reject(endpoint, MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);
            } else if (ar.result().isEmpty()) {
                attempt.failed();
                refuse(endpoint, v5, username, "bad credentials");
            } else {
                attempt.succeeded();
                accept(endpoint, username, new CredentialWatch.Held(ar.result().get(), null));
            }
        });
    }

    /** The client certificate the TLS layer verified against the gateway CA, or null (no TLS, or none presented). */
    private X509Certificate peerCertificate(MqttEndpoint endpoint) {
        if (clientCa == null || !endpoint.isSsl() || endpoint.sslSession() == null) return null;
        try {
            Certificate[] chain = endpoint.sslSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException none) {
            return null;
        }
    }

    private void certificateConnect(MqttEndpoint endpoint, X509Certificate peer, String username) {
        String clientId = endpoint.clientIdentifier();
        vertx.executeBlocking(() -> certificateLogin.check(peer, clientId, username), false).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("MQTT connect of {} by certificate could not be checked: {}", clientId, ar.cause().getMessage());
                reject(endpoint, ReasonCodes.Refusal.SERVER_UNAVAILABLE.code);
                return;
            }
            CertificateLogin.Result r = ar.result();
            Optional<ReasonCodes.Refusal> refusal = ReasonCodes.of(r.outcome());
            if (refusal.isEmpty()) {
                accept(endpoint, r.gatewayId(), new CredentialWatch.Held(null, fingerprint(peer)));
                return;
            }
            warnings.warn("connect-cert-" + clientId, "MQTT connect refused for client id {}: certificate serial {} (CN {}) {}",
                    clientId, peer.getSerialNumber().toString(16), r.gatewayId(), switch (r.outcome()) {
                        case UNREADABLE -> "has no CN that is a gateway id";
                        case WRONG_GATEWAY -> "is another gateway's than the client id or user name";
                        case NOT_ISSUED -> "is not in force: the gateway is unknown, has no certificate, or an admin revoked it";
                        case REPLACED -> "was replaced by a later one (provision again, or use the newest certificate)";
                        case ACCEPTED -> "";
                    });
            reject(endpoint, refusal.get().code);
        });
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            return io.onegrid.hub.security.Fingerprints.sha256Hex(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return null; // CertificateLogin refused such a certificate already
        }
    }

    private static String remoteHost(SocketAddress a) {
        return a == null || a.host() == null ? "unknown" : a.host();
    }

    private void refuse(MqttEndpoint endpoint, boolean v5, String username, String why) {
        warnings.warn("connect-" + username, "MQTT connect refused for {}: {}", username == null ? "(anonymous)" : username, why);
        reject(endpoint, v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
    }

    private static void reject(MqttEndpoint endpoint, MqttConnectReturnCode code) {
        try {
            endpoint.reject(code);
        } catch (RuntimeException e) {
            LOG.debug("client left before CONNACK: {}", e.toString());
        }
    }

    private void accept(MqttEndpoint endpoint, String gatewayId, CredentialWatch.Held credential) {
        GatewaySession session = new GatewaySession(vertx.getOrCreateContext(), endpoint, gatewayId, codec, batcher,
                counters, warnings, config.maxMqttPayloadBytes(), config.mqttReceiveMaximum(), this::ended, offline, commands,
                clock);
        MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value(), 1));
        props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value(),
                config.maxMqttPayloadBytes() + PACKET_OVERHEAD));
        props.add(new MqttProperties.IntegerProperty(
                MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
        // bounds what one gateway can put into the shared ingest queue; GatewaySession enforces it
        props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value(),
                config.mqttReceiveMaximum()));
        try {
            session.install();
            endpoint.accept(false, props);
        } catch (RuntimeException e) {
            LOG.debug("gateway {} left before CONNACK: {}", gatewayId, e.toString());
            return;
        }
        watch.hold(session, credential);
        GatewaySession previous = sessions.put(gatewayId, session);
        if (previous != null) {
            previous.takenOver();
        }
    }

    /** Called by a session when its connection closed; true if it was still the gateway's current session. */
    private boolean ended(GatewaySession session) {
        watch.forget(session);
        return sessions.remove(session.gatewayId(), session);
    }

    /**
     * Runs {@code submit} only while the gateway has no session. Under the map's lock for that id, which
     * {@link #accept} also takes to register a session: so either the write is queued before the new session
     * exists (and that session's birth, queued later, wins) or it is not queued at all.
     */
    private boolean ifNoSession(String gatewayId, Runnable submit) {
        boolean[] ran = {false};
        sessions.compute(gatewayId, (id, current) -> {
            if (current == null) {
                submit.run();
                ran[0] = true;
            }
            return current;
        });
        return ran[0];
    }

    static MqttDisconnectReasonCode sessionTakenOver() {
        return MqttDisconnectReasonCode.SESSION_TAKEN_OVER;
    }
}
