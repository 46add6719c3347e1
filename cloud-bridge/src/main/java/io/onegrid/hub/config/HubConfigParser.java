package io.onegrid.hub.config;

import io.onegrid.protocol.EnvelopeCodec;
import io.onegrid.protocol.Topics;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link HubConfig} from command-line flags ({@code --name value} or {@code --name=value}) and
 * environment variables. Precedence: flag, then env, then the default declared in {@link HubSetting}.
 * Every bad value is a {@link ConfigException} naming the flag.
 */
public final class HubConfigParser {

    private HubConfigParser() { }

    /** Whether the arguments ask for help instead of a start. */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) return true;
        }
        return false;
    }

    public static HubConfig parse(String[] args, Map<String, String> env) {
        Map<HubSetting, List<String>> raw = new EnumMap<>(HubSetting.class);
        for (HubSetting s : HubSetting.values()) {
            String v = env.get(s.env());
            if (v != null && !v.isEmpty()) {
                raw.put(s, s.repeatable() ? splitList(v) : List.of(v));
            }
        }
        Map<HubSetting, List<String>> fromFlags = readFlags(args);
        raw.putAll(fromFlags);
        return requireSharedGatewayCa(build(new Values(raw)));
    }

    /**
     * Hub nodes on one PostgreSQL database serve the same gateways, so they must sign and trust client certificates with
     * one CA: a CA each node made in its own data folder would be trusted by that node only, and a gateway provisioned
     * through one node would fail the TLS handshake at the next.
     */
    private static HubConfig requireSharedGatewayCa(HubConfig config) {
        if (config.database().url().isPresent() && config.mqttTls().isPresent()
                && config.provisioning().ca().certPem().isEmpty()) {
            throw ConfigException.of(HubSetting.GATEWAY_CA_CERT, "required, with " + HubSetting.GATEWAY_CA_KEY.displayName()
                    + ", when the store is PostgreSQL (" + HubSetting.DB_URL.displayName() + ") and MQTT has TLS: every hub "
                    + "node on the database must sign and trust gateway certificates with the same CA, so the hub makes none "
                    + "of its own; make one and give both files to every node (docs/tls.md §4). A hub that made its own "
                    + "before keeps using it with --gateway-ca-cert " + config.provisioning().ca().certFile(config.dataDir())
                    + " --gateway-ca-key " + config.provisioning().ca().keyFile(config.dataDir()));
        }
        return config;
    }

    private static Map<HubSetting, List<String>> readFlags(String[] args) {
        Map<String, HubSetting> byFlag = new LinkedHashMap<>();
        for (HubSetting s : HubSetting.values()) {
            if (s.flag() != null) byFlag.put(s.flag(), s);
        }
        Map<HubSetting, List<String>> out = new EnumMap<>(HubSetting.class);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new ConfigException("unexpected argument '" + a + "' (settings are --name value; see --help)");
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            HubSetting s = byFlag.get(name);
            if (s == null) {
                throw new ConfigException("--" + name + ": unknown option (see --help)");
            }
            if (s.isSwitch()) {
                value = value == null ? "true" : value;
            } else if (value == null) {
                if (i + 1 >= args.length) throw ConfigException.of(s, "needs a value");
                value = args[++i];
            }
            if (s.repeatable()) {
                out.computeIfAbsent(s, k -> new ArrayList<>()).add(value);
            } else {
                out.put(s, List.of(value));
            }
        }
        return out;
    }

    private static HubConfig build(Values v) {
        int maxPayload = v.bytes(HubSetting.MQTT_MAX_PAYLOAD);
        if (maxPayload > EnvelopeCodec.MAX_PAYLOAD_BYTES || maxPayload < 1024) {
            throw ConfigException.of(HubSetting.MQTT_MAX_PAYLOAD,
                    "must be between 1k and " + EnvelopeCodec.MAX_PAYLOAD_BYTES / 1024 + "k, got " + v.one(HubSetting.MQTT_MAX_PAYLOAD));
        }
        return new HubConfig(
                v.host(HubSetting.MQTT_HOST), v.port(HubSetting.MQTT_PORT),
                v.host(HubSetting.HTTP_HOST), v.port(HubSetting.HTTP_PORT),
                v.path(HubSetting.DATA_DIR),
                tls(v, HubSetting.MQTT_TLS_CERT, HubSetting.MQTT_TLS_KEY, HubSetting.MQTT_TLS_KEYSTORE, HubSetting.MQTT_TLS_KEYSTORE_PASSWORD),
                tls(v, HubSetting.HTTP_TLS_CERT, HubSetting.HTTP_TLS_KEY, HubSetting.HTTP_TLS_KEYSTORE, HubSetting.HTTP_TLS_KEYSTORE_PASSWORD),
                v.duration(HubSetting.TOKEN_TTL, Duration.ofMinutes(1)),
                maxPayload,
                gateways(v),
                v.optional(HubSetting.ADMIN_PASSWORD),
                v.duration(HubSetting.CORRELATION_WINDOW, Duration.ZERO),
                v.duration(HubSetting.INGEST_LINGER, Duration.ZERO),
                v.intIn(HubSetting.INGEST_MAX_BATCH, 1, 100_000),
                v.bytes(HubSetting.HTTP_MAX_BODY),
                v.intIn(HubSetting.PASSWORD_ITERATIONS, 1000, 10_000_000),
                v.intIn(HubSetting.MQTT_RECEIVE_MAXIMUM, 1, 65_535),
                new AuthLimits(v.intIn(HubSetting.MQTT_AUTH_MAX_FAILURES, 1, 100_000),
                        v.intIn(HubSetting.MQTT_AUTH_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                        v.duration(HubSetting.MQTT_AUTH_LOCKOUT, Duration.ZERO)),
                new AuthLimits(v.intIn(HubSetting.LOGIN_MAX_FAILURES, 1, 1000),
                        v.intIn(HubSetting.LOGIN_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                        v.duration(HubSetting.LOGIN_LOCKOUT, Duration.ZERO)),
                new Retention(v.duration(HubSetting.DEDUP_RETENTION, Duration.ofHours(1)),
                        v.duration(HubSetting.TELEMETRY_RETENTION, Duration.ofHours(1)),
                        v.duration(HubSetting.STREAM_RETENTION, Duration.ofHours(1)),
                        v.duration(HubSetting.WEBHOOK_RETENTION, Duration.ofHours(1))),
                v.duration(HubSetting.CLOCK_SKEW_TOLERANCE, Duration.ofSeconds(1)),
                database(v),
                new HubConfig.CaseSettings(v.optional(HubSetting.GRID).map(x -> v.existingFile(HubSetting.GRID)),
                        v.optional(HubSetting.SLA_POLICY).map(x -> v.existingFile(HubSetting.SLA_POLICY)),
                        v.duration(HubSetting.GATEWAY_MISSING_AFTER, Duration.ofSeconds(5)),
                        v.duration(HubSetting.DEVICE_FAULT_AFTER, Duration.ofSeconds(5)),
                        v.duration(HubSetting.SWEEP_INTERVAL, Duration.ofMillis(100))),
                webhooks(v),
                provisioning(v));
    }

    private static HubConfig.ProvisioningSettings provisioning(Values v) {
        Optional<String> uri = v.optional(HubSetting.GATEWAY_MQTT_URI);
        if (uri.isPresent() && !uri.get().matches("(tcp|ssl)://[^/\\s]+:\\d{1,5}")) {
            throw ConfigException.of(HubSetting.GATEWAY_MQTT_URI, "must be tcp://HOST:PORT or ssl://HOST:PORT, got '"
                    + uri.get() + "'");
        }
        Duration skew = v.duration(HubSetting.PROVISION_MAX_CLOCK_SKEW, Duration.ofSeconds(1));
        return new HubConfig.ProvisioningSettings(uri, new AuthLimits(v.intIn(HubSetting.PROVISION_MAX_FAILURES_PER_CODE, 1, 1000),
                v.intIn(HubSetting.PROVISION_MAX_FAILURES_PER_ADDRESS, 1, 100_000),
                v.duration(HubSetting.PROVISION_LOCKOUT, Duration.ZERO)), skew, gatewayCa(v));
    }

    private static GatewayCaSettings gatewayCa(Values v) {
        Optional<String> cert = v.optional(HubSetting.GATEWAY_CA_CERT);
        Optional<String> key = v.optional(HubSetting.GATEWAY_CA_KEY);
        if (cert.isPresent() != key.isPresent()) {
            throw ConfigException.of(cert.isPresent() ? HubSetting.GATEWAY_CA_KEY : HubSetting.GATEWAY_CA_CERT,
                    "is required together with " + (cert.isPresent() ? HubSetting.GATEWAY_CA_CERT : HubSetting.GATEWAY_CA_KEY)
                            .displayName());
        }
        Duration validity = v.duration(HubSetting.GATEWAY_CERT_VALIDITY, Duration.ofDays(1));
        return new GatewayCaSettings(cert.map(x -> v.existingFile(HubSetting.GATEWAY_CA_CERT)),
                key.map(x -> v.existingFile(HubSetting.GATEWAY_CA_KEY)), validity);
    }

    private static HubConfig.WebhookSettings webhooks(Values v) {
        Duration timeout = v.duration(HubSetting.WEBHOOK_TIMEOUT, Duration.ofMillis(100));
        if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw ConfigException.of(HubSetting.WEBHOOK_TIMEOUT, "must be at most 1m, got '" + v.one(HubSetting.WEBHOOK_TIMEOUT) + "'");
        }
        Duration initial = v.duration(HubSetting.WEBHOOK_RETRY_INITIAL, Duration.ofMillis(100));
        Duration max = v.duration(HubSetting.WEBHOOK_RETRY_MAX, Duration.ofMillis(100));
        if (max.compareTo(initial) < 0) {
            throw ConfigException.of(HubSetting.WEBHOOK_RETRY_MAX, "must be at least " + HubSetting.WEBHOOK_RETRY_INITIAL.displayName()
                    + " (" + v.one(HubSetting.WEBHOOK_RETRY_INITIAL) + "), got '" + v.one(HubSetting.WEBHOOK_RETRY_MAX) + "'");
        }
        return new HubConfig.WebhookSettings(timeout, v.intIn(HubSetting.WEBHOOK_MAX_ATTEMPTS, 1, 100), initial, max,
                v.intIn(HubSetting.WEBHOOK_CONCURRENCY, 1, 1000), v.intIn(HubSetting.WEBHOOK_SUBSCRIPTION_CONCURRENCY, 1, 64),
                v.optional(HubSetting.WEBHOOK_KEY_FILE).map(x -> v.path(HubSetting.WEBHOOK_KEY_FILE)));
    }

    private static HubConfig.DatabaseSettings database(Values v) {
        Optional<String> url = v.optional(HubSetting.DB_URL);
        if (url.isPresent() && !url.get().startsWith("jdbc:postgresql://")) {
            throw ConfigException.of(HubSetting.DB_URL, "must be jdbc:postgresql://HOST:PORT/DB, got '" + url.get() + "'");
        }
        Optional<String> password = v.optional(HubSetting.DB_PASSWORD);
        Optional<String> file = v.optional(HubSetting.DB_PASSWORD_FILE);
        if (file.isPresent()) {
            if (password.isPresent()) {
                throw ConfigException.of(HubSetting.DB_PASSWORD_FILE, "give the password either in a file or in "
                        + HubSetting.DB_PASSWORD.env() + ", not both");
            }
            try {
                List<String> lines = Files.readAllLines(v.existingFile(HubSetting.DB_PASSWORD_FILE));
                password = lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).strip());
            } catch (java.io.IOException e) {
                throw ConfigException.of(HubSetting.DB_PASSWORD_FILE, "cannot read the file: " + e.getMessage());
            }
        }
        return new HubConfig.DatabaseSettings(url, v.one(HubSetting.DB_USER), password);
    }

    private static Optional<TlsSettings> tls(Values v, HubSetting cert, HubSetting key, HubSetting keystore, HubSetting password) {
        Optional<String> c = v.optional(cert);
        Optional<String> k = v.optional(key);
        Optional<String> ks = v.optional(keystore);
        if (ks.isPresent()) {
            if (c.isPresent() || k.isPresent()) {
                throw ConfigException.of(keystore, "give either a PKCS#12 key store or " + cert.displayName() + " and "
                        + key.displayName() + ", not both");
            }
            return Optional.of(new TlsSettings(null, null, v.existingFile(keystore), v.optional(password).orElse("")));
        }
        if (c.isPresent() != k.isPresent()) {
            throw ConfigException.of(c.isPresent() ? key : cert, "is required together with "
                    + (c.isPresent() ? cert : key).displayName());
        }
        if (c.isEmpty()) return Optional.empty();
        return Optional.of(new TlsSettings(v.existingFile(cert), v.existingFile(key), null, null));
    }

    private static List<GatewayCredential> gateways(Values v) {
        Map<String, GatewayCredential> out = new LinkedHashMap<>();
        Optional<String> demoPassword = v.optional(HubSetting.DEMO_GATEWAY_PASSWORD);
        if (v.bool(HubSetting.DEMO_GATEWAY) || demoPassword.isPresent()) {
            out.put(HubConfig.DEMO_GATEWAY_ID, new GatewayCredential(HubConfig.DEMO_GATEWAY_ID,
                    demoPassword.orElse(HubConfig.DEMO_GATEWAY_DEFAULT_PASSWORD)));
        }
        for (String spec : v.all(HubSetting.GATEWAY)) {
            int colon = spec.indexOf(':');
            String id = colon < 0 ? spec : spec.substring(0, colon);
            if (colon <= 0 || colon == spec.length() - 1) {
                throw ConfigException.of(HubSetting.GATEWAY, "expected id:secret, got '" + id + (colon < 0 ? "'" : ":***'"));
            }
            if (!Topics.isValidGatewayId(id)) {
                throw ConfigException.of(HubSetting.GATEWAY, "gateway id '" + id + "' must match " + Topics.GATEWAY_ID_PATTERN);
            }
            String secret = spec.substring(colon + 1);
            if (secret.length() < 8) {
                throw ConfigException.of(HubSetting.GATEWAY, "secret of gateway '" + id + "' must have at least 8 characters");
            }
            out.put(id, new GatewayCredential(id, secret));
        }
        return List.copyOf(out.values());
    }

    private static List<String> splitList(String v) {
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) out.add(part.trim());
        }
        return out;
    }

    /** Raw values with typed accessors; falls back to the declared default. */
    private record Values(Map<HubSetting, List<String>> raw) {

        String one(HubSetting s) {
            List<String> l = raw.get(s);
            return l == null || l.isEmpty() ? s.defaultValue() : l.get(l.size() - 1);
        }

        List<String> all(HubSetting s) {
            return raw.getOrDefault(s, List.of());
        }

        Optional<String> optional(HubSetting s) {
            String v = one(s);
            return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        private String shown(HubSetting s) {
            return s.secret() ? "***" : one(s);
        }

        String host(HubSetting s) {
            String v = one(s).trim();
            if (v.isEmpty() || v.contains(" ") || v.contains("/")) {
                throw ConfigException.of(s, "must be a host name or IP address, got '" + v + "'");
            }
            return v;
        }

        int port(HubSetting s) {
            return intIn(s, 0, 65535);
        }

        int intIn(HubSetting s, int min, int max) {
            String v = one(s).trim();
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw ConfigException.of(s, "must be an integer " + min + ".." + max + ", got '" + shown(s) + "'");
            }
        }

        boolean bool(HubSetting s) {
            String v = one(s).trim().toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off", "" -> false;
                default -> throw ConfigException.of(s, "must be true or false, got '" + v + "'");
            };
        }

        Path path(HubSetting s) {
            try {
                return Path.of(one(s));
            } catch (InvalidPathException e) {
                throw ConfigException.of(s, "is not a valid path: " + e.getMessage());
            }
        }

        Path existingFile(HubSetting s) {
            Path p = path(s);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw ConfigException.of(s, "file " + p + " does not exist or is not readable");
            }
            return p;
        }

        int bytes(HubSetting s) {
            String v = one(s).trim().toLowerCase(Locale.ROOT);
            try {
                long factor = 1;
                if (v.endsWith("k")) { factor = 1024; v = v.substring(0, v.length() - 1); }
                else if (v.endsWith("m")) { factor = 1024 * 1024; v = v.substring(0, v.length() - 1); }
                long n = Long.parseLong(v.trim()) * factor;
                if (n <= 0 || n > Integer.MAX_VALUE) throw new NumberFormatException();
                return (int) n;
            } catch (NumberFormatException e) {
                throw ConfigException.of(s, "must be a positive size in bytes like 65536, 64k or 1m, got '" + one(s) + "'");
            }
        }

        Duration duration(HubSetting s, Duration min) {
            String v = one(s).trim();
            Duration d;
            try {
                d = parseDuration(v);
            } catch (RuntimeException e) {
                throw ConfigException.of(s, "must be a duration like 500ms, 30s, 10m, 12h, 1d or PT10M, got '" + v + "'");
            }
            if (d.compareTo(min) < 0) {
                throw ConfigException.of(s, "must be at least " + min + ", got '" + v + "'");
            }
            return d;
        }
    }

    /** Parses 500ms, 30s, 10m, 12h, 1d, or an ISO-8601 duration such as PT10M. */
    static Duration parseDuration(String v) {
        String s = v.toLowerCase(Locale.ROOT);
        if (s.startsWith("pt") || s.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
        long n;
        if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
        n = Long.parseLong(s.substring(0, s.length() - 1));
        if (n < 0) throw new IllegalArgumentException("negative");
        return switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unit");
        };
    }

    /** The --help text, generated from {@link HubSetting}. */
    public static String help() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: java -jar onegrid-hub.jar [options]\n\n")
                .append("OneGrid hub: MQTT 5 endpoint for gateways, case engine and REST API.\n")
                .append("Every option can also be set by its environment variable; options win.\n\n");
        for (HubSetting s : HubSetting.values()) {
            String name = s.flag() == null ? "(env only)" : "--" + s.flag() + (s.isSwitch() ? "" : " <value>");
            b.append(String.format(Locale.ROOT, "  %-36s %s%n", name, s.help()));
            b.append(String.format(Locale.ROOT, "  %-36s env %s%s%n", "", s.env(),
                    s.defaultValue().isEmpty() ? "" : ", default " + s.defaultValue()));
        }
        b.append("  --help                               print this text\n");
        return b.toString();
    }
}
