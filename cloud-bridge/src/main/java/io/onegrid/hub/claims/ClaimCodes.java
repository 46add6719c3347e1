package io.onegrid.hub.claims;

import io.onegrid.hub.security.PasswordHasher;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Claim codes: 10 symbols of Crockford's base32 alphabet (digits and capitals without I, L, O, U), shown grouped
 * {@code XXXX-XXXX-XX}: 50 random bits. Read back leniently, as Crockford intends for codes typed by people: case,
 * dashes and spaces do not matter, and I/L read as 1, O as 0. Only {@link #hash} of the normalised code is stored.
 */
public final class ClaimCodes {
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public static final int LENGTH = 10;
    /** log2(32^10): what a guess is up against. */
    public static final int BITS = 50;

    private final SecureRandom random;

    public ClaimCodes(SecureRandom random) {
        this.random = random;
    }

    /** A new code as shown to the installer, e.g. {@code 7KQ4-M2XD-9T}. */
    public String generate() {
        StringBuilder b = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i == 4 || i == 8) b.append('-');
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    /** The code's canonical form (10 symbols, no dashes), or empty when it cannot be a claim code at all. */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 32) return Optional.empty();
        StringBuilder b = new StringBuilder(LENGTH);
        for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (ch == '-' || ch == ' ') continue;
            char c = switch (ch) {
                case 'I', 'L' -> '1';
                case 'O' -> '0';
                default -> ch;
            };
            if (ALPHABET.indexOf(c) < 0) return Optional.empty();
            b.append(c);
        }
        return b.length() == LENGTH ? Optional.of(b.toString()) : Optional.empty();
    }

    /**
     * What the store keeps of a code: SHA-256 of its canonical form. Not a slow hash: whoever can read the database
     * can also write it, codes live for days at most and are spent once, and online guessing is what the rate
     * limits stop. Throws for text that {@link #normalise} refuses.
     */
    public static String hash(String typed) {
        return PasswordHasher.sha256("claim:" + normalise(typed).orElseThrow(
                () -> new IllegalArgumentException("not a claim code")));
    }
}
