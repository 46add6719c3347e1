package io.onegrid.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;

/** Gateway credential checks: every refusal pays the full password check, so timing reveals nothing. */
class GatewayAuthenticatorTest {
    private final PasswordHasher hasher = new PasswordHasher(1000, new SecureRandom());
    private final String dummy = hasher.hash("dummy");
    private final Map<String, String> hashes = Map.of("gw-1", hasher.hash("right-secret"), "gw-cert", "none");
    private final AtomicInteger slowChecks = new AtomicInteger();
    private final List<String> checkedAgainst = new CopyOnWriteArrayList<>();
    private final BiPredicate<String, String> counting = (password, stored) -> {
        slowChecks.incrementAndGet();
        checkedAgainst.add(stored);
        return hasher.verify(password, stored);
    };
    private final GatewayAuthenticator auth = new GatewayAuthenticator(id -> Optional.ofNullable(hashes.get(id)), counting,
            dummy, new SecureRandom());

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

    /**
     * Verifies that a guess against a gateway without a password (certificate only, or revoked: stored hash "none")
     * runs the full check against the dummy hash, as for an unknown id, instead of a fast refusal that reveals the id.
     */
    @Test
    void noPasswordGatewayPaysFullCheckLikeAnUnknownId() {
        // WHEN
        boolean ok = auth.authenticate("gw-cert", "none");
        boolean unknown = auth.authenticate("gw-nobody", "none");
        // THEN
        assertThat(ok).isFalse();
        assertThat(unknown).isFalse();
        assertThat(checkedAgainst).containsExactly(dummy, dummy);
    }
}
