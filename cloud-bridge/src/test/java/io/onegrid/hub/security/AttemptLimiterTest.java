package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.security.AttemptLimiter.Attempt;
import io.onegrid.hub.security.AttemptLimiter.Limit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Failure counting per key with reservations, on an injected clock. */
class AttemptLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final AttemptLimiter limiter = new AttemptLimiter(Duration.ofMinutes(1), clock);

    private static Limit[] login(String user, String address) {
        return new Limit[] {new Limit("user:" + user + "@" + address, 3, true), new Limit("addr:" + address, 5, false)};
    }

    private void fail(Limit... limits) {
        limiter.begin(limits).orElseThrow().failed();
    }

    /** Verifies that a key is refused after N failures, others are not, and the refusal ends after the lockout. */
    @Test
    void refusesAfterFailuresUntilLockoutPasses() {
        // GIVEN
        for (int i = 0; i < 3; i++) fail(login("alice", "10.0.0.1"));
        // WHEN / THEN
        assertThat(limiter.begin(login("alice", "10.0.0.1"))).isEmpty();
        assertThat(limiter.begin(login("bob", "10.0.0.1"))).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(limiter.begin(login("alice", "10.0.0.1"))).isPresent();
    }

    /**
     * GIVEN a key at its limit WHEN asking how long to wait THEN it is the rest of the lockout since the last failure;
     * zero for keys below their limit, and one second for a key full of attempts still in progress.
     */
    @Test
    void retryAfterIsWhatIsLeftOfTheLockout() {
        for (int i = 0; i < 3; i++) fail(login("alice", "10.0.0.1"));
        clock.advance(Duration.ofSeconds(20));

        assertThat(limiter.retryAfter(login("alice", "10.0.0.1"))).isEqualTo(Duration.ofSeconds(40));
        assertThat(limiter.retryAfter(login("bob", "10.0.0.1"))).isZero();
        Limit one = new Limit("one", 1, true);
        Attempt inFlight = limiter.begin(one).orElseThrow();
        assertThat(limiter.retryAfter(one)).isEqualTo(Duration.ofSeconds(1));
        inFlight.succeeded();
        assertThat(limiter.retryAfter(one)).isZero();
    }

    /** Verifies that failures from one address do not lock the same user out at another address. */
    @Test
    void userLockedOnlyAtTheGuessingAddress() {
        // GIVEN someone guesses admin's password from 10.0.0.66
        for (int i = 0; i < 3; i++) fail(login("admin", "10.0.0.66"));
        // WHEN / THEN admin from another address still gets to try
        assertThat(limiter.begin(login("admin", "10.0.0.66"))).isEmpty();
        assertThat(limiter.begin(login("admin", "10.0.0.7"))).isPresent();
    }

    /** Verifies that one address spraying many user names hits the looser per-address limit. */
    @Test
    void addressLimitSpansUserNames() {
        // GIVEN five failures for five different users from one address
        for (int i = 0; i < 5; i++) fail(login("user" + i, "10.0.0.66"));
        // WHEN / THEN a sixth user name from that address is refused, from elsewhere it is not
        assertThat(limiter.begin(login("user9", "10.0.0.66"))).isEmpty();
        assertThat(limiter.begin(login("user9", "10.0.0.7"))).isPresent();
    }

    /** Verifies that concurrent attempts reserve their place: no more than the limit get through before any fails. */
    @Test
    void concurrentAttemptsReserveBeforeTheCheck() {
        // WHEN ten attempts begin before any of them has finished its password check
        List<Attempt> granted = new ArrayList<>();
        for (int i = 0; i < 10; i++) limiter.begin(login("admin", "10.0.0.66")).ifPresent(granted::add);
        // THEN only three were let through
        assertThat(granted).hasSize(3);
        // WHEN one is abandoned (database error: no verdict), a place frees up; failures keep their places taken
        granted.get(0).abandoned();
        granted.get(0).failed(); // a second end is ignored
        Optional<Attempt> next = limiter.begin(login("admin", "10.0.0.66"));
        assertThat(next).isPresent();
        granted.get(1).failed();
        granted.get(2).failed();
        next.get().failed();
        assertThat(limiter.begin(login("admin", "10.0.0.66"))).isEmpty();
    }

    /** Verifies that a success forgets the credential's failures but not the address's. */
    @Test
    void successForgetsOnlyTheCredentialKey() {
        // GIVEN two failures for alice from one address
        fail(login("alice", "10.0.0.1"));
        fail(login("alice", "10.0.0.1"));
        // WHEN alice logs in, then fails twice more
        limiter.begin(login("alice", "10.0.0.1")).orElseThrow().succeeded();
        fail(login("alice", "10.0.0.1"));
        fail(login("alice", "10.0.0.1"));
        // THEN alice may still try (her count restarted) ...
        limiter.begin(login("alice", "10.0.0.1")).orElseThrow().abandoned();
        // ... but the address kept all four failures: one more and it is refused for everyone
        fail(login("bob", "10.0.0.1"));
        assertThat(limiter.begin(login("dave", "10.0.0.1"))).isEmpty();
    }

    /** Verifies that guessing with endless distinct keys cannot grow memory without bound. */
    @Test
    void memoryBounded() {
        for (int i = 0; i < AttemptLimiter.MAX_TRACKED + 50; i++) {
            limiter.begin(new Limit("k" + i, 3, true)).orElseThrow().failed();
        }
        assertThat(limiter.tracked()).isEqualTo(AttemptLimiter.MAX_TRACKED);
    }
}
