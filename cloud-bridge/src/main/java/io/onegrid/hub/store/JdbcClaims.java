package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.grid.Grid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link ClaimStore} and {@link WalkTestStore} of {@link JdbcHubStore}: claim codes, walk tests, commissioning. */
final class JdbcClaims implements ClaimStore, WalkTestStore {
    private final Database db;
    private final Clock clock;
    private final Supplier<Grid> grid;
    private final TxWriter writer;

    JdbcClaims(Database db, Clock clock, Supplier<Grid> grid, TxWriter writer) {
        this.db = db;
        this.clock = clock;
        this.grid = grid;
        this.writer = writer;
    }

    @Override
    public Claim createClaim(String codeHash, String site, String scopePath, String createdBy, Instant expiresAt) {
        return db.write("creating a claim", c -> ClaimSql.create(c, codeHash, site, scopePath, createdBy, clock.millis(),
                expiresAt.toEpochMilli()));
    }

    @Override
    public List<Claim> claims(Scope scope, int limit) {
        return db.read("listing claims", c -> ClaimSql.list(c, scope, limit));
    }

    @Override
    public Optional<Claim> claim(long id, Scope scope) {
        return db.read("reading a claim", c -> ClaimSql.one(c, id, scope));
    }

    @Override
    public Optional<Claim> claimByCodeHash(String codeHash) {
        return db.read("reading a claim", c -> ClaimSql.byHash(c, codeHash));
    }

    @Override
    public boolean revokeClaim(long id, String by) {
        return db.write("revoking a claim", c -> ClaimSql.revoke(c, id, by, clock.millis()));
    }

    @Override
    public ClaimOutcome completeClaim(long claimId, String gatewayId, String secretHash, Credential expected,
                                      GatewayCertificate certificate) {
        try {
            return db.write("provisioning gateway " + gatewayId, c -> {
                Claim claim = ClaimSql.one(c, claimId, Scope.ALL).orElse(null);
                if (claim == null) return ClaimOutcome.CLAIM_GONE;
                String path = Placement.of(grid.get(), claim.site(), null, null).scopePath();
                return ClaimSql.complete(c, claimId, gatewayId, secretHash, expected, certificate, claim.site(), path,
                        clock.millis());
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof ClaimSql.GatewayTaken) return ClaimOutcome.GATEWAY_TAKEN;
            throw e;
        }
    }

    @Override
    public Started startWalkTest(String gatewayId, Duration duration, String by) {
        return writer.write("starting a walk test", tx -> WalkTestSql.start(tx, gatewayId, duration.toMillis(), by));
    }

    @Override
    public Optional<WalkTest> endWalkTest(String gatewayId, String by) {
        return writer.write("ending a walk test", tx -> WalkTestSql.end(tx, gatewayId, by));
    }

    @Override
    public Optional<WalkTest> latestWalkTest(String gatewayId) {
        return db.read("reading a walk test", c -> WalkTestSql.latest(c, gatewayId));
    }

    @Override
    public java.util.Map<String, Instant> walkTestsRunning() {
        return db.read("reading running walk tests", c -> WalkTestSql.running(c, clock.millis()));
    }

    @Override
    public Commissioning storeCommissioning(String gatewayId, Long walkTestId, String by, String reportJson,
                                            List<String> tested) {
        return writer.write("storing a commissioning report", tx -> WalkTestSql.storeReport(tx, gatewayId, walkTestId, by,
                reportJson, tested));
    }

    @Override
    public Optional<Commissioning> commissioning(String gatewayId) {
        return db.read("reading a commissioning report", c -> WalkTestSql.latestReport(c, gatewayId));
    }
}
