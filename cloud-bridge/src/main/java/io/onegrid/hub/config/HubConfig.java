package io.onegrid.hub.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The hub's typed configuration. Each component's flag, environment variable, default and meaning are
 * declared once in {@link HubSetting}; {@link HubConfigParser} builds this record from them.
 *
 * @param mqttHost           address the MQTT endpoint binds to
 * @param mqttPort           MQTT port, 0 for an ephemeral port
 * @param httpHost           address the HTTP API binds to
 * @param httpPort           HTTP port, 0 for an ephemeral port
 * @param dataDir            folder holding hub.db
 * @param mqttTls            TLS for MQTT, empty for plain TCP
 * @param httpTls            TLS for HTTP, empty for plain HTTP
 * @param tokenTtl           lifetime of a login token
 * @param maxMqttPayloadBytes largest PUBLISH payload accepted
 * @param gateways           gateways registered from configuration
 * @param adminPassword      initial password of user admin, empty to generate one
 * @param correlationWindow  place+type correlation window for cases
 * @param ingestLinger       how long the writer gathers messages for one transaction
 * @param ingestMaxBatch     most messages per transaction
 * @param maxHttpBodyBytes   largest HTTP request body
 * @param passwordIterations PBKDF2 iterations for new hashes
 * @param mqttReceiveMaximum unacknowledged QoS 1 PUBLISHes one gateway may have in flight
 * @param mqttAuthLimits     failed CONNECTs per gateway id and per remote address
 * @param loginLimits        failed HTTP logins per user name at an address and per address
 * @param retention          how long de-duplication keys and telemetry are kept
 * @param clockSkewTolerance gateway clock error beyond which the hub uses its own estimate of event times
 * @param database           PostgreSQL connection, empty url for the embedded SQLite file
 * @param cases              grid file, SLA policy, health and sweep timing
 * @param webhooks           outgoing webhooks: timeouts, retries, concurrency, the secrets' key file
 * @param provisioning       claim-code provisioning: the MQTT URI told to gateways, its rate limits, the clock bound
 */
public record HubConfig(
        String mqttHost, int mqttPort,
        String httpHost, int httpPort,
        Path dataDir,
        Optional<TlsSettings> mqttTls, Optional<TlsSettings> httpTls,
        Duration tokenTtl,
        int maxMqttPayloadBytes,
        List<GatewayCredential> gateways,
        Optional<String> adminPassword,
        Duration correlationWindow,
        Duration ingestLinger, int ingestMaxBatch,
        int maxHttpBodyBytes,
        int passwordIterations,
        int mqttReceiveMaximum,
        AuthLimits mqttAuthLimits,
        AuthLimits loginLimits,
        Retention retention,
        Duration clockSkewTolerance,
        DatabaseSettings database,
        CaseSettings cases,
        WebhookSettings webhooks,
        ProvisioningSettings provisioning) {

    /** Where the hub keeps its data when it is not the embedded SQLite file. The password is never printed. */
    public record DatabaseSettings(Optional<String> url, String user, Optional<String> password) {
        @Override
        public String toString() {
            return url.map(u -> u + " as " + user).orElse("sqlite");
        }
    }

    /** The case engine's inputs and timers. */
    public record CaseSettings(Optional<Path> gridFile, Optional<Path> slaPolicyFile, Duration gatewayMissingAfter,
                               Duration deviceFaultAfter, Duration sweepInterval) { }

    /**
     * Outgoing webhooks (docs/webhooks.md). A failed attempt is retried after a delay drawn between half and all of
     * a ceiling that starts at {@code retryInitial} and doubles up to {@code retryMax}, until {@code maxAttempts}.
     *
     * @param keyFile the AES key that seals signing secrets; empty = {@code <data-dir>/webhook-secrets.key}
     */
    public record WebhookSettings(Duration timeout, int maxAttempts, Duration retryInitial, Duration retryMax,
                                  int concurrency, int subscriptionConcurrency, Optional<Path> keyFile) { }

    /**
     * Provisioning with claim codes (docs/hub.md#claiming-and-commissioning).
     *
     * @param gatewayMqttUri   the MQTT URI answered to provisioned gateways; empty = derived from the MQTT listener
     * @param limits           failed provisioning attempts per claim code ({@code maxFailures}) and per remote address
     * @param maxClockSkew     a gateway clock further off than this is refused (400 clock_skew)
     * @param ca               the CA that signs gateway client certificates
     */
    public record ProvisioningSettings(Optional<String> gatewayMqttUri, AuthLimits limits, Duration maxClockSkew,
                                       GatewayCaSettings ca) {
        /** With the default CA (the hub's own, in its data folder) and certificate validity. */
        public ProvisioningSettings(Optional<String> gatewayMqttUri, AuthLimits limits, Duration maxClockSkew) {
            this(gatewayMqttUri, limits, maxClockSkew, new GatewayCaSettings(Optional.empty(), Optional.empty(),
                    Duration.ofDays(730)));
        }
    }

    /** Id of the gateway that {@code --demo-gateway} registers. */
    public static final String DEMO_GATEWAY_ID = "gw-demo-01";
    /** Its password when ONEGRID_DEMO_GATEWAY_PASSWORD is not set. */
    public static final String DEMO_GATEWAY_DEFAULT_PASSWORD = "demo-gateway-secret";

    public HubConfig {
        gateways = List.copyOf(gateways);
    }

    /** All defaults: what the hub does when started without flags or env. */
    public static HubConfig defaults() {
        return HubConfigParser.parse(new String[0], java.util.Map.of());
    }

    /** A copy listening on ephemeral ports with its database in {@code dir}: for tests. */
    public HubConfig forTests(Path dir) {
        return new HubConfig(mqttHost, 0, httpHost, 0, dir, mqttTls, httpTls, tokenTtl, maxMqttPayloadBytes, gateways,
                adminPassword, correlationWindow, ingestLinger, ingestMaxBatch, maxHttpBodyBytes, 1000,
                mqttReceiveMaximum, mqttAuthLimits, loginLimits, retention, clockSkewTolerance, database, cases, webhooks, provisioning);
    }

    public HubConfig withGateways(List<GatewayCredential> gws) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gws, adminPassword, correlationWindow, ingestLinger, ingestMaxBatch,
                maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits, retention, clockSkewTolerance, database, cases, webhooks, provisioning);
    }

    public HubConfig withAdminPassword(String password) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, Optional.ofNullable(password), correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, database, cases, webhooks, provisioning);
    }

    public HubConfig withTokenTtl(Duration ttl) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, ttl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, database, cases, webhooks, provisioning);
    }

    public HubConfig withMqttReceiveMaximum(int receiveMaximum) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, receiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, database, cases, webhooks, provisioning);
    }

    public HubConfig withAuthLimits(AuthLimits mqtt, AuthLimits login) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqtt, login, retention, clockSkewTolerance, database, cases, webhooks, provisioning);
    }

    public HubConfig withDatabase(DatabaseSettings db) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, db, cases, webhooks, provisioning);
    }

    public HubConfig withCases(CaseSettings c) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, database, c, webhooks, provisioning);
    }

    public HubConfig withWebhooks(WebhookSettings w) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, database, cases, w, provisioning);
    }

    public HubConfig withProvisioning(ProvisioningSettings p) {
        return new HubConfig(mqttHost, mqttPort, httpHost, httpPort, dataDir, mqttTls, httpTls, tokenTtl,
                maxMqttPayloadBytes, gateways, adminPassword, correlationWindow, ingestLinger,
                ingestMaxBatch, maxHttpBodyBytes, passwordIterations, mqttReceiveMaximum, mqttAuthLimits, loginLimits,
                retention, clockSkewTolerance, database, cases, webhooks, p);
    }

    /** The key file that seals webhook secrets: the one configured, else {@code webhook-secrets.key} in {@link #dataDir()}. */
    public Path webhookKeyFile() {
        return webhooks.keyFile().orElse(dataDir.resolve("webhook-secrets.key"));
    }

    /** The database file inside {@link #dataDir()}. */
    public Path databaseFile() {
        return dataDir.resolve("hub.db");
    }

    /** Never prints secrets. */
    @Override
    public String toString() {
        return "HubConfig[mqtt=" + mqttHost + ":" + mqttPort + mqttTls.map(t -> " " + t).orElse("")
                + ", http=" + httpHost + ":" + httpPort + httpTls.map(t -> " " + t).orElse("")
                + ", dataDir=" + dataDir + ", tokenTtl=" + tokenTtl + ", maxMqttPayload=" + maxMqttPayloadBytes
                + ", gateways=" + gateways.stream().map(GatewayCredential::gatewayId).toList()
                + ", adminPassword=" + (adminPassword.isPresent() ? "***" : "generated")
                + ", correlationWindow=" + correlationWindow + ", ingestLinger=" + ingestLinger
                + ", ingestMaxBatch=" + ingestMaxBatch + ", maxHttpBody=" + maxHttpBodyBytes
                + ", passwordIterations=" + passwordIterations + ", mqttReceiveMaximum=" + mqttReceiveMaximum
                + ", mqttAuthLimits=" + mqttAuthLimits + ", loginLimits=" + loginLimits + ", retention=" + retention
                + ", clockSkewTolerance=" + clockSkewTolerance + ", database=" + database + ", cases=" + cases
                + ", webhooks=" + webhooks + ", provisioning=" + provisioning + "]";
    }
}
