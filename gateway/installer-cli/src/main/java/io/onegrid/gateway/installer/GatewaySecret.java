package io.onegrid.gateway.installer;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * The gateway's own MQTT password, made on the gateway so it never travels anywhere but to the hub's
 * {@code POST /api/provision}. The hub's rules: 16..256 printable ASCII characters, no spaces.
 */
public final class GatewaySecret {
    public static final int MIN_LENGTH = 16;
    public static final int MAX_LENGTH = 256;
    /** 48 symbols of a 64-letter alphabet: 288 bits, well above the hub's recommended 32 characters. */
    static final int GENERATED_LENGTH = 48;
    // URL- and shell-safe, so a support engineer can paste it into mosquitto_pub without quoting
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray();

    private GatewaySecret() {
    }

    public static String generate(SecureRandom random) {
        char[] out = new char[GENERATED_LENGTH];
        for (int i = 0; i < out.length; i++) out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        return new String(out);
    }

    /** Why the hub would refuse this secret (never quoting it), or empty when it follows the rules. */
    public static Optional<String> problem(String secret) {
        if (secret.length() < MIN_LENGTH || secret.length() > MAX_LENGTH) {
            return Optional.of("the secret has " + secret.length() + " characters; the hub takes "
                    + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            if (c <= ' ' || c > '~') {
                return Optional.of("the secret has a character that is not printable ASCII or is a space, at position " + (i + 1));
            }
        }
        return Optional.empty();
    }
}
