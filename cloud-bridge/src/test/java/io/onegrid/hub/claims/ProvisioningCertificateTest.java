package io.onegrid.hub.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.onegrid.hub.MutableClock;
import io.onegrid.hub.config.AuthLimits;
import io.onegrid.hub.config.GatewayCaSettings;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.security.AttemptLimiter;
import io.onegrid.hub.security.CsrCheck;
import io.onegrid.hub.security.GatewayCa;
import io.onegrid.hub.security.TestCertificates;
import io.onegrid.hub.store.ClaimStore;
import io.onegrid.hub.store.GatewayCertificate;
import io.onegrid.hub.store.JdbcHubStore;
import io.onegrid.hub.store.RegistryStore;
import io.onegrid.hub.store.TestStores;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning with a certificate signing request, on a real SQLite store and the real gateway CA: who may have an
 * existing gateway id (the holder of its key, or, after a revocation, a claim for the part of the grid the gateway is
 * in), repeats, a password replaced, a revocation that a concurrent renewal must not undo, and one slow check per answer.
 */
class ProvisioningCertificateTest {
    private static final String SECRET = "gateway-made-secret-0001";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00Z"));
    @TempDir
    Path dir;
    private JdbcHubStore store;
    private Provisioning provisioning;
    private GatewayCa ca;
    private final AtomicInteger slow = new AtomicInteger();
    private final ClaimCodes codes = new ClaimCodes(new SecureRandom());

    @BeforeEach
    void open() {
        store = TestStores.sqlite(dir.resolve("hub.db"), clock);
        Grid grid = GridFile.demo();
        store.replaceGrid(grid, GridFile.export(grid), "test");
        GatewayCa ca = GatewayCa.open(new GatewayCaSettings(Optional.empty(), Optional.empty(), Duration.ofDays(730)), dir,
                new SecureRandom(), clock);
        this.ca = ca;
        provisioning = provisioning(store);
    }

    /** Provisioning over {@code claims}, with the slow hash and check counted in {@link #slow} instead of run. */
    private Provisioning provisioning(ClaimStore claims) {
        return new Provisioning(claims, store, s -> {
            slow.incrementAndGet();
            return "h:" + s;
        }, (s, stored) -> {
            slow.incrementAndGet();
            return stored.equals("h:" + s);
        }, new SecureRandom(), new AttemptLimiter(Duration.ofMinutes(10), clock), new AuthLimits(10, 100,
                Duration.ofMinutes(10)), Duration.ofMinutes(5), clock, ca::issue);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String claim() {
        return claim("bldg-7");
    }

    private String claim(String site) {
        String code = codes.generate();
        store.createClaim(ClaimCodes.hash(code), site, GridFile.demo().path(site).orElseThrow(), "inst",
                clock.instant().plus(Duration.ofHours(1)));
        return code;
    }

    private Provisioning.Answer provision(String code, String id, String secret, KeyPair key) throws Exception {
        return provisioning.provision(new Provisioning.Request(code, id, secret,
                key == null ? null : CsrCheck.check(TestCertificates.csr("ignored", key)), clock.instant()), "10.0.0.1");
    }

    private HubError refused(String code, String id, String secret, KeyPair key) {
        HubException e = catchThrowableOfType(() -> provision(code, id, secret, key), HubException.class);
        assertThat(e).as("refused").isNotNull();
        return e.error();
    }

    /**
     * GIVEN a claim WHEN a gateway provisions with a CSR, then re-sends the same request THEN it gets a certificate for
     * its id (stored, no password) and the same certificate again; another key with the spent code is claim_used.
     */
    @Test
    void csrGetsACertificateAndARepeatGetsTheSameOne() throws Exception {
        String code = claim();
        KeyPair key = TestCertificates.ec("secp256r1");
        Provisioning.Answer a = provision(code, "gw-c1", null, key);
        assertThat(a.created()).isTrue();
        assertThat(a.certificate().pem()).contains("BEGIN CERTIFICATE");
        assertThat(store.gatewayCertificate("gw-c1")).contains(a.certificate());
        assertThat(store.gatewaySecretHash("gw-c1")).contains(RegistryStore.NO_PASSWORD);

        Provisioning.Answer again = provision(code, "gw-c1", null, key);
        assertThat(again.created()).isFalse();
        assertThat(again.certificate()).isEqualTo(a.certificate());
        assertThat(refused(code, "gw-c1", null, TestCertificates.ec("secp256r1"))).isEqualTo(HubError.CLAIM_USED);
    }

    /**
     * GIVEN a certificate gateway WHEN a new claim comes with its key THEN a new serial replaces the old one; with another
     * key it is gateway_taken, until an admin revokes the credential, after which any key may have the id.
     */
    @Test
    void onlyTheKeyHolderRenewsUntilRevoked() throws Exception {
        KeyPair key = TestCertificates.ec("secp256r1");
        String first = provision(claim(), "gw-c2", null, key).certificate().serial();
        Provisioning.Answer renewed = provision(claim(), "gw-c2", null, key);
        assertThat(renewed.certificate().serial()).isNotEqualTo(first);
        assertThat(store.gatewayCertificate("gw-c2").orElseThrow().serial()).isEqualTo(renewed.certificate().serial());

        KeyPair stranger = TestCertificates.ec("secp256r1");
        String code = claim();
        assertThat(refused(code, "gw-c2", null, stranger)).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(refused(code, "gw-c2", "some-guessed-secret-0001", null)).isEqualTo(HubError.GATEWAY_TAKEN);

        store.revokeGatewayCredential("gw-c2", "admin");
        Provisioning.Answer replaced = provision(code, "gw-c2", null, stranger);
        assertThat(replaced.certificate().keyHash()).isNotEqualTo(renewed.certificate().keyHash());
    }

    /** GIVEN a password gateway WHEN it provisions again with its secret and a CSR THEN the certificate replaces the password. */
    @Test
    void certificateReplacesAPassword() throws Exception {
        provision(claim(), "gw-p1", SECRET, null);
        assertThat(store.gatewaySecretHash("gw-p1")).contains("h:" + SECRET);
        Provisioning.Answer a = provision(claim(), "gw-p1", SECRET, TestCertificates.ec("secp256r1"));
        assertThat(a.certificate()).isNotNull();
        assertThat(store.gatewaySecretHash("gw-p1")).contains(RegistryStore.NO_PASSWORD);
    }

    /** GIVEN a hub without a gateway CA (no MQTT TLS) WHEN a CSR comes THEN it is certificate_needs_tls and spends nothing. */
    @Test
    void noCaRefusesCsrWithoutSpending() throws Exception {
        provisioning = new Provisioning(store, store, s -> "h:" + s, (s, stored) -> stored.equals("h:" + s),
                new SecureRandom(), new AttemptLimiter(Duration.ofMinutes(10), clock), new AuthLimits(10, 100,
                Duration.ofMinutes(10)), Duration.ofMinutes(5), clock, null);
        String code = claim();
        assertThat(refused(code, "gw-n1", null, TestCertificates.ec("secp256r1"))).isEqualTo(HubError.CERTIFICATE_NEEDS_TLS);
        assertThat(provision(code, "gw-n1", SECRET, null).created()).isTrue();
    }

    /**
     * GIVEN a certificate gateway at bldg-7 whose credential an admin revoked WHEN a claim for a site in another street
     * comes with another key THEN it is gateway_taken and that code stays open, while a claim for bldg-7 takes the id.
     */
    @Test
    void revokedIdIsTakenOnlyByAClaimForItsPartOfTheGrid() throws Exception {
        provision(claim(), "gw-d1", null, TestCertificates.ec("secp256r1"));
        store.revokeGatewayCredential("gw-d1", "admin");
        KeyPair stranger = TestCertificates.ec("secp256r1");
        String elsewhere = claim("mjw-18");

        assertThat(refused(elsewhere, "gw-d1", null, stranger)).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(refused(elsewhere, "gw-d1", SECRET, null)).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(store.claimByCodeHash(ClaimCodes.hash(elsewhere)).orElseThrow().state(clock.instant())).isEqualTo("open");
        assertThat(store.gatewayCertificate("gw-d1")).isEmpty();
        assertThat(store.gateway("gw-d1", io.onegrid.hub.cases.Scope.ALL).orElseThrow().site()).isEqualTo("bldg-7");

        assertThat(provision(claim(), "gw-d1", null, stranger).certificate()).isNotNull();
    }

    /**
     * GIVEN a certificate gateway renewing with its key WHEN an admin revokes its credential after the renewal read the
     * certificate in force and before it is stored THEN the renewal is gateway_taken and the gateway stays revoked.
     */
    @Test
    void revocationDuringARenewalIsKept() throws Exception {
        KeyPair key = TestCertificates.ec("secp256r1");
        provision(claim(), "gw-r1", null, key);
        ClaimStore revokedMeanwhile = new ClaimStore() {
            @Override public Claim createClaim(String h, String site, String path, String by, Instant exp) {
                return store.createClaim(h, site, path, by, exp); }
            @Override public java.util.List<Claim> claims(io.onegrid.hub.cases.Scope s, int limit) { return store.claims(s, limit); }
            @Override public Optional<Claim> claim(long id, io.onegrid.hub.cases.Scope s) { return store.claim(id, s); }
            @Override public Optional<Claim> claimByCodeHash(String h) { return store.claimByCodeHash(h); }
            @Override public boolean revokeClaim(long id, String by) { return store.revokeClaim(id, by); }
            @Override public ClaimOutcome completeClaim(long id, String gw, String h, ClaimStore.Credential expected,
                                                        GatewayCertificate cert) {
                store.revokeGatewayCredential(gw, "admin");
                return store.completeClaim(id, gw, h, expected, cert);
            }
        };
        provisioning = provisioning(revokedMeanwhile);

        assertThat(refused(claim(), "gw-r1", null, key)).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(store.gatewayCertificate("gw-r1")).as("still revoked").isEmpty();
    }

    /**
     * GIVEN each kind of certificate request: new id, repeat, renewal, another key for a taken id, after a revocation, and
     * from another part of the grid WHEN provisioning THEN each costs exactly one slow hash or check.
     */
    @Test
    void everyCertificateAnswerCostsOneSlowOperation() throws Exception {
        KeyPair key = TestCertificates.ec("secp256r1");
        String code = claim();
        assertThat(cost(code, "gw-s1", null, key)).isNull();
        assertThat(cost(code, "gw-s1", null, key)).isNull();
        assertThat(cost(claim(), "gw-s1", null, key)).as("renewal").isNull();
        assertThat(cost(claim(), "gw-s1", null, TestCertificates.ec("secp256r1"))).isEqualTo(HubError.GATEWAY_TAKEN);
        store.revokeGatewayCredential("gw-s1", "admin");
        assertThat(cost(claim("mjw-18"), "gw-s1", null, key)).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(cost(claim("mjw-18"), "gw-s1", SECRET, null)).isEqualTo(HubError.GATEWAY_TAKEN);
        assertThat(cost(claim(), "gw-s1", SECRET, null)).as("a password after a revocation").isNull();
        store.revokeGatewayCredential("gw-s1", "admin");
        assertThat(cost(claim(), "gw-s1", null, key)).as("a certificate after a revocation").isNull();
    }

    private HubError cost(String code, String id, String secret, KeyPair key) {
        slow.set(0);
        HubException e = catchThrowableOfType(() -> provision(code, id, secret, key), HubException.class);
        assertThat(slow.get()).as("slow operations for " + (e == null ? "success" : e.error())).isEqualTo(1);
        return e == null ? null : e.error();
    }
}
