package io.onegrid.uplink;

/**
 * The one setting of PID io.onegrid.uplink the encoder reads (documented, with the others, by
 * {@link UplinkConfig}): the encoder needs nothing about the hub, so a bad hub address cannot take it away.
 */
public @interface EncoderConfig {
    String gatewayId();
}
