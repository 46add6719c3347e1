package io.onegrid.uplink;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the MQTT uplink (PID io.onegrid.uplink). */
@ObjectClassDefinition(id = UplinkComponent.PID, name = "OneGrid MQTT uplink",
        description = "The gateway's MQTT 5 session with the hub: identity, address, credentials and pacing.")
public @interface UplinkConfig {
    @AttributeDefinition(description = "Gateway id: MQTT client id, topic segment and envelope 'gw'."
            + " Letters, digits, '.', '_', '-'; at most 64 characters.")
    String gatewayId();

    @AttributeDefinition(description = "Hub address, tcp://host:port or ssl://host:port.")
    String hubUri() default "tcp://127.0.0.1:1883";

    @AttributeDefinition(required = false, description = "MQTT user name; empty means the gateway id.")
    String username() default "";

    @AttributeDefinition(required = false, description = "File holding only the secret the hub issued for this"
            + " gateway (UTF-8; trailing line breaks are ignored), read each time the session starts. Never logged."
            + " A path rather than the secret, because Configuration Admin keeps configurations in a plain file."
            + " It should be readable by the gateway's user alone (mode 0600). Empty: no password.")
    String passwordFile() default "";

    @AttributeDefinition(required = false, description = "Not read: set by the configuration loader to the password"
            + " file's size, modification time and inode (never anything derived from its content), so that a new"
            + " secret changes this configuration and the session restarts with it.")
    String passwordStamp() default "";

    @AttributeDefinition(description = "MQTT keep-alive in seconds.")
    int keepAliveSeconds() default 30;

    @AttributeDefinition(description = "Seconds between health messages while connected.")
    int healthIntervalSeconds() default 60;

    @AttributeDefinition(required = false, description = "For ssl:// hubs: PEM file of CA certificates"
            + " (.pem/.crt/.cer) or a JKS trust store (read without password). The hub's certificate must name"
            + " the host of hubUri. Empty: the JVM's trust store.")
    String truststorePath() default "";

    @AttributeDefinition(required = false, description = "For ssl:// hubs: PEM client certificate (the leaf first) for"
            + " mutual TLS, as the hub signed it at claim time. Set: the gateway logs in by certificate and sends no"
            + " password (passwordFile is ignored). Empty: no client certificate. Needs clientKeyPath.")
    String clientCertificatePath() default "";

    @AttributeDefinition(required = false, description = "Unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY) of"
            + " clientCertificatePath, made on the gateway and never sent anywhere; mode 0600. Never logged.")
    String clientKeyPath() default "";

    @AttributeDefinition(required = false, description = "Not read: set by the configuration loader to the client"
            + " certificate's and key's size, modification time and inode, so that a renewed certificate written to the"
            + " same paths changes this configuration and the session restarts with it.")
    String clientCertificateStamp() default "";

    @AttributeDefinition(description = "Most unacknowledged outbox messages at once; the hub's Receive Maximum"
            + " lowers it further.")
    int maxInFlight() default 16;

    @AttributeDefinition(description = "Failed publishes of one outbox message in a row (the publish could not be"
            + " queued, or no PUBACK came while it was the head of the line) after which it is held back behind the"
            + " others for a growing delay of its own, so it cannot stall them. Nothing is ever quarantined for a"
            + " transient failure; retryable PUBACKs (0x80, 0x89, 0x97) pause the whole drain and keep the order.")
    int maxAttempts() default UplinkSettings.DEFAULT_MAX_ATTEMPTS;

    @AttributeDefinition(description = "MQTT session expiry interval sent on CONNECT (seconds). The gateway always"
            + " connects with clean start: its outbox, not the broker, holds what must be delivered.")
    long sessionExpirySeconds() default 0;
}
