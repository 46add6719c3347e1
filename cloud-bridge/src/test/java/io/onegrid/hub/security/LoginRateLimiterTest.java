package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Per-user login lockout on an injected clock. */
class LoginRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final LoginRateLimiter limiter = new LoginRateLimiter(3, Duration.ofMinutes(1), clock);

    /** Verifies that a user is locked after N failures, others are not, and the lock ends after the lockout. */
    @Test
    void locksAfterFailuresUntilLockoutPasses() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.allowed("alice")).isTrue();
            limiter.failed("alice");
        }
        assertThat(limiter.allowed("alice")).isFalse();
        assertThat(limiter.allowed("bob")).isTrue();
        clock.advance(Duration.ofSeconds(61));
        assertThat(limiter.allowed("alice")).isTrue();
    }

    /** Verifies that a success forgets earlier failures. */
    @Test
    void successResets() {
        limiter.failed("alice");
        limiter.failed("alice");
        limiter.succeeded("alice");
        limiter.failed("alice");
        limiter.failed("alice");
        assertThat(limiter.allowed("alice")).isTrue();
    }
}
