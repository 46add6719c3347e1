package io.onegrid.hub.security;

import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets: passwords a human may type, and bearer tokens. */
public final class Secrets {
    // no 0/O/1/l/I: generated passwords get read aloud and typed
    private static final char[] READABLE = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = random;
    }

    /** A password of {@code length} readable characters (24 gives ~140 bits). */
    public String password(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(READABLE[random.nextInt(READABLE.length)]);
        }
        return b.toString();
    }

    /** 256 random bits, URL-safe base64. */
    public String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
