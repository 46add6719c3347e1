package io.onegrid.hub.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.TestStores;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning's rules on a real SQLite store and an injected clock, with the slow hash counted instead of run: every
 * answer costs exactly one hash or check, failures count per code and per address, and a repeat is answered the same.
 */
class ProvisioningTest {
    private static final String SECRET = "gateway-made-secret-0001";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    private final AtomicInteger slow = new AtomicInteger();
    @TempDir
    Path dir;
    private JdbcHubStore store;
    private Provisioning provisioning;
    private final ClaimCodes codes = new ClaimCodes(new SecureRandom());

    @BeforeEach
    void open() {
        store = TestStores.sqlite(dir.resolve("hub.db"), clock);
        Grid grid = GridFile.demo();
        store.replaceGrid(grid, GridFile.export(grid), "test");
        provisioning = new Provisioning(store, store, s -> {
            slow.incrementAndGet();
            return "h:" + s;
        }, (s, stored) -> {
            slow.incrementAndGet();
            return stored.equals("h:" + s);
        }, new SecureRandom(), new AttemptLimiter(Duration.ofMinutes(10), clock), new AuthLimits(3, 100, Duration.ofMinutes(10)),
                Duration.ofMinutes(5), clock, null);
        slow.set(0);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String claim(Duration ttl) {
        String code = codes.generate();
        store.createClaim(ClaimCodes.hash(code), "bldg-7", GridFile.demo().path("bldg-7").orElseThrow(), "inst",
                clock.instant().plus(ttl));
        return code;
    }

    private Provisioning.Answer provision(String code, String id, String secret, String address) {
        return provisioning.provision(new Provisioning.Request(code, id, secret, clock.instant()), address);
    }

    /** Runs one request and returns how many slow operations it cost, and its error (null on success). */
    private HubError costOf(String code, String id, String secret) {
        slow.set(0);
        HubException e = catchThrowableOfType(() -> provision(code, id, secret, "10.0.0.1"), HubException.class);
        assertThat(slow.get()).as("slow operations for " + (e == null ? "success" : e.error())).isEqualTo(1);
        return e == null ? null : e.error();
    }

    /**
     * GIVEN each kind of request: new gateway, repeat, wrong code, used code with another id or secret, revoked,
     * expired, id taken, known id with its own secret, a revoked id with a new secret WHEN provisioning THEN each costs
     * exactly one slow operation.
     */
    @Test
    void everyAnswerCostsOneSlowOperation() {
        String code = claim(Duration.ofHours(1));
        assertThat(costOf(code, "gw-a", SECRET)).isNull();
        assertThat(costOf(code, "gw-a", SECRET)).isNull();
        assertThat(costOf(code, null, SECRET)).isNull();
        assertThat(costOf("0000-0000-00", "gw-b", SECRET)).isEqualTo(HubError.CLAIM_INVALID);
        assertThat(costOf(code, "gw-b", SECRET)).isEqualTo(HubError.CLAIM_USED);
        assertThat(costOf(code, "gw-a", "another-secret-00000")).isEqualTo(HubError.CLAIM_USED);

        String revoked = claim(Duration.ofHours(1));
        store.revokeClaim(store.claimByCodeHash(ClaimCodes.hash(revoked)).orElseThrow().id(), "admin");
        assertThat(costOf(revoked, "gw-b", SECRET)).isEqualTo(HubError.CLAIM_REVOKED);
        String expired = claim(Duration.ofMinutes(5));
        String taken = claim(Duration.ofHours(2));
        clock.advance(Duration.ofMinutes(6));
        assertThat(costOf(expired, "gw-b", SECRET)).isEqualTo(HubError.CLAIM_EXPIRED);
        assertThat(costOf(taken, "gw-a", "another-secret-00000")).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(costOf(taken, "gw-a", SECRET)).as("the same box, placed again").isNull();

        store.revokeGatewayCredential("gw-a", "admin");
        assertThat(costOf(claim(Duration.ofHours(1)), "gw-a", "a-new-box-new-secret-01")).as("after a revocation").isNull();
        assertThat(store.gatewaySecretHash("gw-a")).contains("h:a-new-box-new-secret-01");
    }

    /**
     * GIVEN a used code tried with three wrong secrets (from three addresses) WHEN even its rightful gateway repeats
     * its request THEN it is refused 429 with the wait, until the lockout has passed; then it gets its answer.
     */
    @Test
    void failuresCountPerCode() {
        String code = claim(Duration.ofHours(1));
        provision(code, "gw-a", SECRET, "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            String address = "10.0.1." + i;
            String wrong = "wrong-secret-000000" + i;
            assertThat(catchThrowableOfType(() -> provision(code, "gw-a", wrong, address),
                    HubException.class).error()).isEqualTo(HubError.CLAIM_USED);
        }
        HubException limited = catchThrowableOfType(() -> provision(code, "gw-a", SECRET, "10.0.0.9"), HubException.class);
        assertThat(limited.error()).isEqualTo(HubError.RATE_LIMITED);
        assertThat(limited.details()).containsEntry("retryAfterS", 600L);

        clock.advance(Duration.ofMinutes(11));
        assertThat(provision(code, "gw-a", SECRET, "10.0.0.9").gatewayId()).isEqualTo("gw-a");
    }

    /** GIVEN a gateway clock 6 minutes ahead WHEN provisioning THEN clock_skew with the skew, and the code stays open. */
    @Test
    void clockFarOffIsRefusedWithoutSpendingTheCode() {
        String code = claim(Duration.ofHours(1));
        HubException e = catchThrowableOfType(() -> provisioning.provision(new Provisioning.Request(code, "gw-a", SECRET,
                clock.instant().plus(Duration.ofMinutes(6))), "10.0.0.1"), HubException.class);
        assertThat(e.error()).isEqualTo(HubError.CLOCK_SKEW);
        assertThat(e.details()).containsEntry("skewMs", 360_000L);
        assertThat(e.getMessage()).contains("6m ahead of");
        assertThat(store.claimByCodeHash(ClaimCodes.hash(code)).orElseThrow().state(clock.instant())).isEqualTo("open");
    }
}
