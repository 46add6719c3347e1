package io.onegrid.driver.coap;

import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.config.DtlsConfig;

import java.util.concurrent.TimeUnit;

/**
 * Californium's configuration, built in code for one device. Californium's own default
 * ({@code Configuration.getStandard()}) reads and writes {@code Californium3.properties} in the working directory;
 * every endpoint of this driver gets a configuration from here instead, so that file is never created.
 */
final class CaliforniumConfig {
    /** Californium re-registers an observation on its own after Max-Age plus this backoff; this driver does it
     * itself (so an unanswered re-registration becomes a BAD reading), so Californium's timer is pushed out of the way. */
    static final long OWN_REREGISTRATION_OFF_HOURS = 24;

    private CaliforniumConfig() {
    }

    /**
     * @param timeoutMs the device's request timeout: CON retransmissions and DTLS handshake flights are spaced
     *                  so that a lost datagram is resent within it, not after the default 2 s
     */
    static Configuration forDevice(CoapSettings settings, long timeoutMs) {
        Configuration config = new Configuration(CoapConfig.DEFINITIONS, UdpConfig.DEFINITIONS, DtlsConfig.DEFINITIONS);
        long retransmitMs = Math.max(50, Math.min(2000, timeoutMs / 4));
        config.set(CoapConfig.ACK_TIMEOUT, retransmitMs, TimeUnit.MILLISECONDS);
        config.set(CoapConfig.MAX_ACK_TIMEOUT, Math.max(retransmitMs, timeoutMs), TimeUnit.MILLISECONDS);
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, settings.maxPayloadBytes());
        config.set(CoapConfig.NOTIFICATION_REREGISTRATION_BACKOFF, OWN_REREGISTRATION_OFF_HOURS, TimeUnit.HOURS);
        config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
        config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
        config.set(DtlsConfig.DTLS_RECEIVER_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_CONNECTOR_THREAD_COUNT, 1);
        config.set(DtlsConfig.DTLS_RETRANSMISSION_TIMEOUT, retransmitMs, TimeUnit.MILLISECONDS);
        return config;
    }
}
