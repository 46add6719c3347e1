package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import io.onegrid.hub.grid.Grid;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link RegistryStore} of {@link JdbcHubStore}: gateways, their credentials, devices and the health sweep. */
final class JdbcRegistry implements RegistryStore {
    private final Database db;
    private final Clock clock;
    private final Supplier<Grid> grid;
    private final TxWriter writer;
    private final BootClocks bootClocks;
    private final HealthSweep healthSweep;
    private final long missingAfterMs;

    JdbcRegistry(Database db, Clock clock, Supplier<Grid> grid, TxWriter writer, BootClocks bootClocks, HealthSweep healthSweep,
                 long missingAfterMs) {
        this.db = db;
        this.clock = clock;
        this.grid = grid;
        this.writer = writer;
        this.bootClocks = bootClocks;
        this.healthSweep = healthSweep;
        this.missingAfterMs = missingAfterMs;
    }

    @Override
    public Optional<String> gatewaySecretHash(String gatewayId) {
        return db.read("reading gateway", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret_hash FROM gateways WHERE id = ?")) {
                ps.setString(1, gatewayId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public java.util.Map<String, CredentialInForce> gatewayCredentials(java.util.Collection<String> gatewayIds) {
        java.util.Map<String, CredentialInForce> out = new java.util.HashMap<>();
        List<String> ids = List.copyOf(gatewayIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            db.read("reading gateway credentials", c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id, secret_hash, cert_fingerprint FROM gateways "
                        + "WHERE id IN (" + marks + ")")) {
                    Sql.bind(ps, chunk.toArray());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) out.put(rs.getString(1), new CredentialInForce(rs.getString(2), rs.getString(3)));
                    }
                }
                return null;
            });
        }
        return out;
    }

    @Override
    public Optional<GatewayCertificate> gatewayCertificate(String gatewayId) {
        return db.read("reading a gateway's certificate", c -> ClaimSql.certificate(c, gatewayId));
    }

    @Override
    public boolean revokeGatewayCredential(String gatewayId, String by) {
        return db.write("revoking a gateway's credential", c -> ClaimSql.revokeCredential(c, gatewayId, by, clock.millis()));
    }

    @Override
    public boolean createGateway(String gatewayId, String secretHash) {
        return db.write("registering gateway", c -> Sql.update(c, "INSERT INTO gateways (id, secret_hash, online, "
                + "registered_at, scope_path) VALUES (?, ?, FALSE, ?, ?) ON CONFLICT (id) DO NOTHING", gatewayId,
                secretHash, clock.millis(), districtPath()) == 1);
    }

    @Override
    public void putGatewaySecret(String gatewayId, String secretHash) {
        db.write("registering gateway", c -> Sql.update(c, "INSERT INTO gateways (id, secret_hash, online, registered_at, "
                + "scope_path) VALUES (?, ?, FALSE, ?, ?) ON CONFLICT (id) DO UPDATE SET secret_hash = excluded.secret_hash",
                gatewayId, secretHash, clock.millis(), districtPath()));
    }

    private String districtPath() {
        Grid g = grid.get();
        return g.path(g.district().id()).orElseThrow();
    }

    @Override
    public List<GatewayView> gateways(Scope scope) {
        return db.read("listing gateways", c -> RegistrySql.gateways(c, scope, null, bootClocks, clock.millis(),
                missingAfterMs));
    }

    @Override
    public Optional<GatewayView> gateway(String gatewayId, Scope scope) {
        return db.read("reading gateway", c -> RegistrySql.gateways(c, scope, gatewayId, bootClocks, clock.millis(),
                missingAfterMs).stream().findFirst());
    }

    @Override
    public List<GatewayView.DeviceView> devices(Scope scope) {
        return db.read("listing devices", c -> RegistrySql.devices(c, scope, null));
    }

    @Override
    public void countRejected(String gatewayId) {
        db.write("counting a rejected message", c -> Sql.update(c,
                "UPDATE gateways SET rejected = rejected + 1 WHERE id = ?", gatewayId));
    }

    @Override
    public int sweepHealth(Duration missingAfter, Duration faultAfter) {
        return writer.write("sweeping device health", tx -> healthSweep.run(tx, missingAfter.toMillis(), faultAfter.toMillis()));
    }
}
