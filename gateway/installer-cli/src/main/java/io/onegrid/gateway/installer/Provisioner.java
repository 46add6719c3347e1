package io.onegrid.gateway.installer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.onegrid.gateway.config.ConfigException;
import io.onegrid.gateway.config.GatewayConfigParser;
import io.onegrid.profile.ProfileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * One provisioning run: the gateway's credential, either a secret or its own key and certificate request (stored
 * before it is sent, so a run cut off after the hub said yes completes when re-run with the same code),
 * {@code POST /api/provision}, then gateway.yaml, checked by the gateway's own parser before it replaces anything.
 * With {@link Credential#AUTO} it asks the hub first ({@code GET /api/provision}): a certificate where the hub's
 * MQTT has TLS and a gateway CA, else a password.
 */
public final class Provisioner {
    public static final String PASSWORD_FILE = "hub-password";
    public static final String CONFIG_FILE = "gateway.yaml";
    public static final String CA_FILE = "hub-ca.pem";

    /** How the gateway will log in to the hub's MQTT. */
    public enum Credential { AUTO, CERTIFICATE, PASSWORD }

    /** What the installer asked for; {@code gatewayId} and {@code ca} may be null. */
    public record Request(String claimCode, Path configDir, Path ca, String gatewayId, Credential credential) {
        /** With a password, as before certificates existed. */
        public Request(String claimCode, Path configDir, Path ca, String gatewayId) {
            this(claimCode, configDir, ca, gatewayId, Credential.PASSWORD);
        }
    }

    /** What was provisioned and written; {@code credential} is CERTIFICATE or PASSWORD. */
    public record Result(String gatewayId, String site, boolean created, String mqttUri, Path config, Credential credential) { }

    private final HubClient hub;
    private final Clock clock;
    private final SecureRandom random;
    private final PrintWriter progress;

    public Provisioner(HubClient hub, Clock clock, SecureRandom random, PrintWriter progress) {
        this.hub = hub;
        this.clock = clock;
        this.random = random;
        this.progress = progress;
    }

    public Result provision(Request r) throws HubRefusedException, IOException, InterruptedException {
        Path dir = r.configDir().toAbsolutePath().normalize();
        Path config = dir.resolve(CONFIG_FILE);
        Optional<String> existing = Files.isRegularFile(config)
                ? Optional.of(Files.readString(config, StandardCharsets.UTF_8)) : Optional.empty();
        String gatewayId = r.gatewayId() != null ? r.gatewayId()
                : existing.flatMap(text -> GatewayYaml.gatewayId(config.toString(), text)).orElse(null);
        Credential credential = r.credential() == Credential.AUTO ? ask() : r.credential();
        ClientCertificateFiles certs = new ClientCertificateFiles(dir, progress);
        ObjectNode body = HubClient.JSON.createObjectNode().put("code", r.claimCode()).put("clock", clock.instant().toString());
        if (credential == Credential.PASSWORD) {
            body.put("secret", secret(dir.resolve(PASSWORD_FILE)));
        } else {
            body.put("csr", certs.request(random, gatewayId == null ? "onegrid-gateway" : gatewayId, this::handToServiceUser));
            // a gateway provisioned with a password proves with it that the id is its own
            if (Files.isRegularFile(dir.resolve(PASSWORD_FILE))) body.put("secret", secret(dir.resolve(PASSWORD_FILE)));
        }

        progress.println("claiming " + (gatewayId == null ? "a new gateway id" : "gateway id " + gatewayId)
                + " at " + hub.base() + " with a " + (credential == Credential.PASSWORD ? "password" : "client certificate")
                + " ...");
        if (gatewayId != null) body.put("gatewayId", gatewayId);
        HubClient.Answer a = hub.send("POST", "/api/provision", body);
        if (a.status() != 200 && a.status() != 201) throw new HubRefusedException(ProvisionRefusals.explain(a));
        JsonNode mqtt = a.body().path("mqtt");
        String id = a.body().path("gatewayId").asText();
        String uri = mqtt.path("uri").asText();
        if (id.isBlank() || uri.isBlank()) {
            throw new HubRefusedException("the hub's answer lacks gatewayId or mqtt.uri (" + a.body() + "); is " + hub.base()
                    + " a OneGrid hub?");
        }
        boolean created = a.body().path("created").asBoolean(a.status() == 201);
        progress.println((created ? "claimed: gateway " : "already claimed (same code and credential): gateway ") + id
                + " at site " + a.body().path("site").asText("?") + ", MQTT " + uri);
        if (mqtt.path("tls").asBoolean(false) && r.ca() == null) {
            progress.println("note: the hub's MQTT uses TLS and no --ca was given: the gateway will trust the JVM's CAs only");
        }

        Path truststore = r.ca() == null ? null : copyCa(r.ca(), dir.resolve(CA_FILE));
        GatewayYaml.HubSection section;
        if (credential == Credential.PASSWORD) {
            section = new GatewayYaml.HubSection(id, uri, dir.resolve(PASSWORD_FILE), truststore);
        } else {
            certs.store(a.body().path("certificate"));
            section = new GatewayYaml.HubSection(id, uri, null, truststore, certs.certificate(), certs.key());
        }
        String yaml;
        try {
            yaml = existing.isPresent() ? GatewayYaml.merge(config.toString(), existing.get(), section) : GatewayYaml.fresh(section);
        } catch (ProfileException e) {
            throw new HubRefusedException("claimed, but " + config + " is not valid YAML, so it was left unchanged: "
                    + e.getMessage() + "; fix it and run provision again (it reuses the claim)");
        }
        try {
            new GatewayConfigParser(dir).parse(config.toString(), yaml);
        } catch (ConfigException e) {
            throw new HubRefusedException("claimed, but " + config + " would not load, so it was left unchanged; fix these"
                    + " and run provision again (it reuses the claim):\n" + e.getMessage());
        }
        if (existing.isPresent() && existing.get().equals(yaml)) {
            progress.println(config + " already has this hub section; unchanged");
        } else {
            PrivateFiles.write(config, yaml.getBytes(StandardCharsets.UTF_8), PosixFilePermissions.fromString("rw-r--r--"));
            progress.println((existing.isPresent() ? "updated the hub section of " : "wrote ") + config);
        }
        return new Result(id, a.body().path("site").asText(), created, uri, config, credential);
    }

    /** What the hub takes: a certificate when it offers one, else a password (also from a hub that predates them). */
    private Credential ask() throws HubRefusedException, InterruptedException {
        HubClient.Answer a = hub.send("GET", "/api/provision", null);
        boolean cert = a.status() == 200 && a.body().path("credentials").toString().contains("\"certificate\"");
        progress.println(cert ? "the hub signs client certificates: this gateway gets its own key and certificate"
                : "the hub takes passwords only (its MQTT has no TLS): this gateway gets a password");
        return cert ? Credential.CERTIFICATE : Credential.PASSWORD;
    }

    /** The stored secret when there is one (a re-run, or a gateway placed again), else a new one stored now. */
    private String secret(Path file) throws IOException, HubRefusedException {
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.US_ASCII).replaceAll("[\r\n]+$", "");
            Optional<String> problem = GatewaySecret.problem(stored);
            if (problem.isPresent()) {
                throw new HubRefusedException(file + " holds no usable secret (" + problem.get() + "); remove it to make"
                        + " a new one, or restore the gateway's");
            }
            progress.println("using the secret stored in " + file);
            return stored;
        }
        String secret = GatewaySecret.generate(random);
        PrivateFiles.write(file, secret.getBytes(StandardCharsets.US_ASCII), PrivateFiles.SECRET_MODE);
        progress.println("made a new secret, stored in " + file + " (mode 0600)");
        handToServiceUser(file);
        return secret;
    }

    /** The packaged gateway runs as {@value #SERVICE_USER}: run as root (sudo), the secret goes to that user, still 0600. */
    static final String SERVICE_USER = "onegrid";

    void handToServiceUser(Path file) {
        if (!"root".equals(System.getProperty("user.name"))) return;
        try {
            var lookup = file.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(file, lookup.lookupPrincipalByName(SERVICE_USER));
            progress.println("gave " + file + " to the service user " + SERVICE_USER);
        } catch (java.nio.file.attribute.UserPrincipalNotFoundException e) {
            // no packaged gateway on this machine (a developer's run): the file stays the caller's
        } catch (IOException | UnsupportedOperationException e) {
            progress.println("warning: could not give " + file + " to " + SERVICE_USER + " (" + e.getMessage()
                    + "); run: sudo chown " + SERVICE_USER + ": " + file);
        }
    }

    private static Path copyCa(Path ca, Path target) throws IOException {
        if (!Files.exists(target) || !Files.isSameFile(ca, target)) {
            PrivateFiles.write(target, Files.readAllBytes(ca), PosixFilePermissions.fromString("rw-r--r--"));
        }
        return target;
    }
}
