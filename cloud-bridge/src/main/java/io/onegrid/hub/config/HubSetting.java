package io.onegrid.hub.config;

import java.util.Locale;

/**
 * Every setting of the hub, declared once: its command-line flag, its environment variable, its default
 * and its help sentence. {@link HubConfigParser} reads them, {@link HubConfig} holds the typed values,
 * {@code --help} and docs/hub.md list them. Flags win over environment variables.
 */
public enum HubSetting {
    MQTT_HOST("mqtt-host", "127.0.0.1", "address the MQTT endpoint binds to"),
    MQTT_PORT("mqtt-port", "1883", "MQTT port (0 = pick a free port; the real one is printed)"),
    HTTP_HOST("http-host", "127.0.0.1", "address the HTTP API binds to"),
    HTTP_PORT("http-port", "8080", "HTTP port (0 = pick a free port; the real one is printed)"),
    DATA_DIR("data-dir", "./run/hub", "folder for the SQLite database (hub.db) and its WAL files"),
    MQTT_TLS_CERT("mqtt-tls-cert", "", "PEM certificate chain for MQTT over TLS (with --mqtt-tls-key)"),
    MQTT_TLS_KEY("mqtt-tls-key", "", "PEM private key for MQTT over TLS (with --mqtt-tls-cert)"),
    MQTT_TLS_KEYSTORE("mqtt-tls-keystore", "", "PKCS#12 key store for MQTT over TLS (instead of PEM files)"),
    MQTT_TLS_KEYSTORE_PASSWORD("mqtt-tls-keystore-password", "", "password of --mqtt-tls-keystore (prefer the env variable)", true),
    HTTP_TLS_CERT("http-tls-cert", "", "PEM certificate chain for HTTPS (with --http-tls-key)"),
    HTTP_TLS_KEY("http-tls-key", "", "PEM private key for HTTPS (with --http-tls-cert)"),
    HTTP_TLS_KEYSTORE("http-tls-keystore", "", "PKCS#12 key store for HTTPS (instead of PEM files)"),
    HTTP_TLS_KEYSTORE_PASSWORD("http-tls-keystore-password", "", "password of --http-tls-keystore (prefer the env variable)", true),
    TOKEN_TTL("token-ttl", "12h", "how long a login token stays valid (e.g. 30m, 12h, PT8H)"),
    MQTT_MAX_PAYLOAD("mqtt-max-payload", "256k", "largest PUBLISH payload accepted (bytes, k or m suffix; at most 256k)"),
    GATEWAY("gateway", "", "pre-register a gateway as id:secret (repeatable; env: comma-separated list)", true, true),
    DEMO_GATEWAY("demo-gateway", "false",
            "pre-register gateway gw-demo-01 with password $ONEGRID_DEMO_GATEWAY_PASSWORD or demo-gateway-secret"),
    DEMO_GATEWAY_PASSWORD(null, "ONEGRID_DEMO_GATEWAY_PASSWORD", "",
            "password of gw-demo-01; setting it also turns --demo-gateway on", true),
    ADMIN_PASSWORD(null, "ONEGRID_ADMIN_PASSWORD", "",
            "password of user admin on first start (otherwise one is generated and printed once)", true),
    CORRELATION_WINDOW("correlation-window", "30m",
            "alarms about the same place and case type within this window join one open case (the SLA policy may set it per case type)"),
    INGEST_LINGER("ingest-linger", "2ms", "how long the writer waits to gather messages into one transaction"),
    INGEST_MAX_BATCH("ingest-max-batch", "500", "most messages committed in one transaction"),
    HTTP_MAX_BODY("http-max-body", "64k", "largest HTTP request body accepted (bytes, k or m suffix)"),
    PASSWORD_ITERATIONS("password-iterations", "210000", "PBKDF2-HMAC-SHA256 iterations for new password hashes"),
    MQTT_RECEIVE_MAXIMUM("mqtt-receive-maximum", "64",
            "unacknowledged QoS 1 PUBLISHes one gateway may have in flight (CONNACK Receive Maximum; more: DISCONNECT 0x93);"
                    + " also how many of its QoS 0 messages may wait for storage (more are dropped and counted)"),
    MQTT_AUTH_MAX_FAILURES("mqtt-auth-max-failures", "10",
            "failed MQTT CONNECTs per gateway id before that id is refused with CONNACK 0x9F for --mqtt-auth-lockout"),
    MQTT_AUTH_MAX_FAILURES_PER_ADDRESS("mqtt-auth-max-failures-per-address", "20",
            "failed MQTT CONNECTs from one remote address (any gateway id) before that address is refused with 0x9F"),
    MQTT_AUTH_LOCKOUT("mqtt-auth-lockout", "1m", "how long CONNECTs are refused after too many failures"),
    LOGIN_MAX_FAILURES("login-max-failures", "5",
            "failed logins per user name from one address before that pair is refused (HTTP 429) for --login-lockout"),
    LOGIN_MAX_FAILURES_PER_ADDRESS("login-max-failures-per-address", "20",
            "failed logins from one address (any user names) before that address is refused"),
    LOGIN_LOCKOUT("login-lockout", "1m", "how long logins are refused after too many failures"),
    DEDUP_RETENTION("dedup-retention", "30d",
            "how long (gateway, boot, seq) de-duplication keys are kept; keep it longer than any gateway outbox backlog"),
    TELEMETRY_RETENTION("telemetry-retention", "14d", "how long telemetry readings are kept"),
    STREAM_RETENTION("stream-retention", "7d",
            "how long live-stream events are kept for clients that resume with Last-Event-ID"),
    CLOCK_SKEW_TOLERANCE("clock-skew-tolerance", "2m",
            "gateway wall-clock error beyond which alarm and case times use the hub's estimate from ts.mono"),
    DB_URL("db-url", "", "PostgreSQL database, jdbc:postgresql://HOST:PORT/DB (default: the embedded SQLite file in --data-dir)"),
    DB_USER("db-user", "onegrid", "PostgreSQL user"),
    DB_PASSWORD(null, "ONEGRID_HUB_DB_PASSWORD", "", "PostgreSQL password (or --db-password-file); never logged", true),
    DB_PASSWORD_FILE("db-password-file", "", "file holding the PostgreSQL password (first line)"),
    GRID("grid", "", "grid file (docs/grid.md) imported at start, replacing the grid in force"),
    SLA_POLICY("sla-policy", "", "SLA policy file (docs/cases.md); default: the shipped policy"),
    GATEWAY_MISSING_AFTER("gateway-missing-after", "3m", "a gateway silent this long is 'missing' (offline)"),
    DEVICE_FAULT_AFTER("device-fault-after", "15m",
            "a gateway or device offline this long gets a device-fault case for the site's property management"),
    SWEEP_INTERVAL("sweep-interval", "10s", "how often SLA deadlines and device health are checked"),
    WEBHOOK_TIMEOUT("webhook-timeout", "5s",
            "how long a webhook receiver may take to connect and answer before the attempt counts as failed"),
    WEBHOOK_MAX_ATTEMPTS("webhook-max-attempts", "8", "attempts of one webhook delivery before it is given up (gave-up)"),
    WEBHOOK_RETRY_INITIAL("webhook-retry-initial", "30s",
            "delay before the first retry of a failed webhook delivery; it doubles per attempt, with jitter"),
    WEBHOOK_RETRY_MAX("webhook-retry-max", "30m", "longest delay between two attempts of one webhook delivery"),
    WEBHOOK_CONCURRENCY("webhook-concurrency", "16", "webhook requests in flight at once, over all subscriptions"),
    WEBHOOK_SUBSCRIPTION_CONCURRENCY("webhook-subscription-concurrency", "1",
            "webhook requests in flight at once for one subscription; 1 sends first attempts in event order"),
    WEBHOOK_RETENTION("webhook-retention", "7d", "how long delivered and given-up webhook deliveries stay in the log"),
    GATEWAY_MQTT_URI("gateway-mqtt-uri", "",
            "MQTT URI told to gateways that provision with a claim code (default: tcp:// or ssl:// with the MQTT port, and "
                    + "--mqtt-host, or the host the gateway reached the HTTP API at when --mqtt-host is 0.0.0.0 or ::)"),
    PROVISION_MAX_FAILURES_PER_CODE("provision-max-failures-per-code", "5",
            "failed provisioning attempts with one claim code before that code is refused for the lockout (429)"),
    PROVISION_MAX_FAILURES_PER_ADDRESS("provision-max-failures-per-address", "10",
            "failed provisioning attempts from one address (any codes) before the address is refused for the lockout (429)"),
    PROVISION_LOCKOUT("provision-lockout", "10m", "how long provisioning is refused, counted from the last failure"),
    PROVISION_MAX_CLOCK_SKEW("provision-max-clock-skew", "5m",
            "a provisioning gateway whose wall clock is further off the hub's than this is refused (400 clock_skew)"),
    GATEWAY_CA_CERT("gateway-ca-cert", "",
            "PEM CA certificate that signs gateway client certificates (with --gateway-ca-key; default <data-dir>/gateway-ca.pem, "
                    + "made on first start; required with --db-url and MQTT TLS: hub nodes must share one CA)"),
    GATEWAY_CA_KEY("gateway-ca-key", "",
            "unencrypted PEM private key of --gateway-ca-cert (default <data-dir>/gateway-ca.key, mode 0600); never logged"),
    GATEWAY_CERT_VALIDITY("gateway-cert-validity", "730d",
            "how long a gateway client certificate signed at claim time is valid (at most the CA's own validity)"),
    WEBHOOK_KEY_FILE("webhook-key-file", "",
            "key that encrypts webhook signing secrets in the database; made with the first subscription (default <data-dir>/webhook-secrets.key)");

    /** Prefix of the environment variable of every setting that has a flag. */
    public static final String ENV_PREFIX = "ONEGRID_HUB_";

    private final String flag;
    private final String env;
    private final String defaultValue;
    private final String help;
    private final boolean secret;
    private final boolean repeatable;

    HubSetting(String flag, String defaultValue, String help) {
        this(flag, defaultValue, help, false, false);
    }

    HubSetting(String flag, String defaultValue, String help, boolean secret) {
        this(flag, defaultValue, help, secret, false);
    }

    HubSetting(String flag, String defaultValue, String help, boolean secret, boolean repeatable) {
        this(flag, ENV_PREFIX + flag.toUpperCase(Locale.ROOT).replace('-', '_'), defaultValue, help, secret, repeatable);
    }

    HubSetting(String flag, String env, String defaultValue, String help, boolean secret) {
        this(flag, env, defaultValue, help, secret, false);
    }

    HubSetting(String flag, String env, String defaultValue, String help, boolean secret, boolean repeatable) {
        this.flag = flag;
        this.env = env;
        this.defaultValue = defaultValue;
        this.help = help;
        this.secret = secret;
        this.repeatable = repeatable;
    }

    /** Flag name without dashes, or null for settings read from the environment only (passwords). */
    public String flag() { return flag; }

    public String env() { return env; }

    /** The default as it would be typed; empty means "not set". */
    public String defaultValue() { return defaultValue; }

    public String help() { return help; }

    /** Secrets are never echoed back in errors or toString. */
    public boolean secret() { return secret; }

    public boolean repeatable() { return repeatable; }

    /** Whether the setting is a switch that takes no value on the command line. */
    public boolean isSwitch() { return this == DEMO_GATEWAY; }

    /** How the setting is named in error messages: its flag, or its env variable. */
    public String displayName() {
        return flag != null ? "--" + flag : env;
    }
}
