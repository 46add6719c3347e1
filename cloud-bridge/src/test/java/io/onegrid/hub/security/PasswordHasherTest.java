package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** PBKDF2 hashes: salted, self-describing, verified in constant time. */
class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000, new SecureRandom());

    /** Verifies that a hash verifies its own password only, and names algorithm and iterations. */
    @Test
    void hashAndVerify() {
        String h = hasher.hash("correct horse");
        assertThat(h).startsWith("pbkdf2-sha256$1000$").doesNotContain("correct horse");
        assertThat(hasher.verify("correct horse", h)).isTrue();
        assertThat(hasher.verify("correct horsf", h)).isFalse();
        assertThat(hasher.verify("", h)).isFalse();
    }

    /** Verifies that two hashes of one password differ (random salt) and both verify. */
    @Test
    void saltedHashesDiffer() {
        String a = hasher.hash("pw-123456");
        String b = hasher.hash("pw-123456");
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("pw-123456", a)).isTrue();
        assertThat(hasher.verify("pw-123456", b)).isTrue();
    }

    /** Verifies that a hash made with other iterations still verifies (the count is stored). */
    @Test
    void iterationsAreStoredPerHash() {
        String old = new PasswordHasher(2000, new SecureRandom()).hash("pw");
        assertThat(hasher.verify("pw", old)).isTrue();
    }

    /** Verifies that garbage or foreign hash formats are refused, not thrown. */
    @Test
    void unreadableHashIsFalse() {
        assertThat(hasher.verify("pw", "plain")).isFalse();
        assertThat(hasher.verify("pw", "bcrypt$1$a$b")).isFalse();
        assertThat(hasher.verify("pw", "pbkdf2-sha256$x$a$b")).isFalse();
        assertThat(hasher.verify(null, "pbkdf2-sha256$1000$a$b")).isFalse();
    }

    /** Verifies generated secrets: length, alphabet, 256-bit tokens. */
    @Test
    void secrets() {
        Secrets s = new Secrets(new SecureRandom());
        assertThat(s.password(24)).hasSize(24).matches("[a-zA-Z2-9]+").doesNotContain("0", "O", "1", "l", "I");
        assertThat(s.token()).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(PasswordHasher.sha256("x")).isNotEqualTo("x").hasSize(43);
    }
}
