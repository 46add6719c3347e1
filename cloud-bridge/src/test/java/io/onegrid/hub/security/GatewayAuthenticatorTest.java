package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Gateway credential checks: every refusal pays the full password check, so timing reveals nothing. */
class GatewayAuthenticatorTest {
    private final PasswordHasher hasher = new PasswordHasher(1000, new SecureRandom());
    private final Map<String, String> hashes = Map.of("gw-1", hasher.hash("right-secret"));
    private final AtomicInteger slowChecks = new AtomicInteger();
    private final BiPredicate<String, String> counting = (password, stored) -> {
        slowChecks.incrementAndGet();
        return hasher.verify(password, stored);
    };
    private final GatewayAuthenticator auth = new GatewayAuthenticator(id -> Optional.ofNullable(hashes.get(id)), counting,
            hasher.hash("dummy"), new SecureRandom());

    /** Verifies that a wrong password for a gateway that connected before still costs one full check. */
    @Test
    void wrongPasswordAfterRememberedSuccessPaysFullCheck() {
        // GIVEN gw-1 connected once, so its password is remembered
        assertThat(auth.authenticate("gw-1", "right-secret")).isTrue();
        assertThat(auth.authenticate("gw-1", "right-secret")).isTrue();
        assertThat(slowChecks.get()).isEqualTo(1); // the reconnect was the fast path
        // WHEN a wrong password is tried
        boolean ok = auth.authenticate("gw-1", "wrong-secret");
        // THEN it is refused after a full check, like any other refusal
        assertThat(ok).isFalse();
        assertThat(slowChecks.get()).isEqualTo(2);
    }

    /** Verifies that an unknown gateway id costs the same full check as a known one. */
    @Test
    void unknownIdPaysFullCheck() {
        // WHEN
        boolean unknown = auth.authenticate("gw-nobody", "right-secret");
        boolean known = auth.authenticate("gw-1", "wrong-secret");
        // THEN
        assertThat(unknown).isFalse();
        assertThat(known).isFalse();
        assertThat(slowChecks.get()).isEqualTo(2);
    }
}
