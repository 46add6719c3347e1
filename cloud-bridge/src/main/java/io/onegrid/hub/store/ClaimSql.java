package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of {@link ClaimStore}. */
final class ClaimSql {
    private static final String COLUMNS = "id, site, scope_path, created_by, created_at, expires_at, used_at, gateway_id, "
            + "revoked_at, revoked_by FROM claims";

    private ClaimSql() { }

    static ClaimStore.Claim create(Connection c, String codeHash, String site, String scopePath, String by, long now,
                                   long expiresAt) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO claims (code_hash, site, scope_path, created_by, "
                + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
            Sql.bind(ps, codeHash, site, scopePath, by, now, expiresAt);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        UserSql.appendAudit(c, now, by, "create claim", "site:" + site, "claim " + id);
        return one(c, id, Scope.ALL).orElseThrow();
    }

    static List<ClaimStore.Claim> list(Connection c, Scope scope, int limit) throws SQLException {
        String where = scope.isAll() ? "" : " WHERE scope_path >= ? AND scope_path < ?";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + where + " ORDER BY id DESC LIMIT ?")) {
            if (scope.isAll()) Sql.bind(ps, limit); else Sql.bind(ps, scope.pathPrefix(), scope.upperBound(), limit);
            return read(ps);
        }
    }

    static Optional<ClaimStore.Claim> one(Connection c, long id, Scope scope) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " WHERE id = ?")) {
            Sql.bind(ps, id);
            return read(ps).stream().filter(x -> scope.contains(x.scopePath())).findFirst();
        }
    }

    static Optional<ClaimStore.Claim> byHash(Connection c, String codeHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " WHERE code_hash = ?")) {
            Sql.bind(ps, codeHash);
            return read(ps).stream().findFirst();
        }
    }

    static boolean revoke(Connection c, long id, String by, long now) throws SQLException {
        boolean done = Sql.update(c, "UPDATE claims SET revoked_at = ?, revoked_by = ? WHERE id = ? AND used_at IS NULL "
                + "AND revoked_at IS NULL AND expires_at > ?", now, by, id, now) == 1;
        if (done) UserSql.appendAudit(c, now, by, "revoke claim", "claim:" + id, null);
        return done;
    }

    /** See {@link ClaimStore#completeClaim}; {@code gatewayScope} is the path of the claim's site. */
    static ClaimStore.ClaimOutcome complete(Connection c, long claimId, String gatewayId, String secretHash,
                                            ClaimStore.Credential expected, GatewayCertificate cert, String site,
                                            String gatewayScope, long now) throws SQLException {
        if (Sql.update(c, "UPDATE claims SET used_at = ?, gateway_id = ? WHERE id = ? AND used_at IS NULL AND "
                + "revoked_at IS NULL AND expires_at > ?", now, gatewayId, claimId, now) != 1) {
            return ClaimStore.ClaimOutcome.CLAIM_GONE;
        }
        int placed;
        if (expected == null) {
            placed = Sql.update(c, "INSERT INTO gateways (id, secret_hash, online, registered_at, scope_path, site, "
                    + "claim_id) VALUES (?, ?, FALSE, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", gatewayId, secretHash, now,
                    gatewayScope, site, claimId);
        } else {
            // compare-and-set on the whole credential as read: 'none' is the hash both before and after a certificate
            // gateway is revoked, so only its serial (NULL once revoked) tells a renewal that it lost to the revocation
            String update = "UPDATE gateways SET site = ?, claim_id = ?, scope_path = CASE WHEN boot_id IS NULL THEN ? "
                    + "ELSE scope_path END, secret_hash = COALESCE(CAST(? AS VARCHAR(200)), secret_hash) WHERE id = ? "
                    + "AND secret_hash = ? AND COALESCE(cert_serial, '') = ?";
            String serial = expected.certSerial() == null ? "" : expected.certSerial();
            if (expected.revoked()) {
                Scope claimScope = new Scope(gatewayScope);
                placed = Sql.update(c, update + " AND scope_path >= ? AND scope_path < ?", site, claimId, gatewayScope,
                        secretHash, gatewayId, expected.secretHash(), serial, claimScope.pathPrefix(),
                        claimScope.upperBound());
            } else {
                placed = Sql.update(c, update, site, claimId, gatewayScope, secretHash, gatewayId, expected.secretHash(),
                        serial);
            }
        }
        if (placed != 1) throw new GatewayTaken();
        if (cert != null) putCertificate(c, gatewayId, cert);
        UserSql.appendAudit(c, now, "gateway:" + gatewayId, "provision gateway", "claim:" + claimId, "site " + site
                + (cert == null ? "" : ", certificate serial " + cert.serial()));
        return ClaimStore.ClaimOutcome.DONE;
    }

    private static void putCertificate(Connection c, String gatewayId, GatewayCertificate cert) throws SQLException {
        Sql.update(c, "UPDATE gateways SET cert_serial = ?, cert_fingerprint = ?, cert_key_hash = ?, cert_pem = ?, "
                + "cert_not_after = ? WHERE id = ?", cert.serial(), cert.fingerprint(), cert.keyHash(), cert.pem(),
                cert.notAfter().toEpochMilli(), gatewayId);
    }

    static java.util.Optional<GatewayCertificate> certificate(Connection c, String gatewayId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cert_serial, cert_fingerprint, cert_key_hash, cert_pem, "
                + "cert_not_after FROM gateways WHERE id = ? AND cert_serial IS NOT NULL")) {
            Sql.bind(ps, gatewayId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return java.util.Optional.empty();
                return java.util.Optional.of(new GatewayCertificate(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), Sql.instant(rs, 5)));
            }
        }
    }

    static boolean revokeCredential(Connection c, String gatewayId, String by, long now) throws SQLException {
        String serial = certificate(c, gatewayId).map(GatewayCertificate::serial).orElse(null);
        boolean done = Sql.update(c, "UPDATE gateways SET secret_hash = ?, cert_serial = NULL, cert_fingerprint = NULL, "
                + "cert_key_hash = NULL, cert_pem = NULL, cert_not_after = NULL WHERE id = ?", RegistryStore.NO_PASSWORD,
                gatewayId) == 1;
        if (done) UserSql.appendAudit(c, now, by, "revoke gateway credential", "gateway:" + gatewayId,
                serial == null ? "password" : "certificate serial " + serial);
        return done;
    }

    /** Thrown inside the transaction so that the claim is not spent when the gateway cannot be placed. */
    static final class GatewayTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GatewayTaken() {
            super("gateway id taken", null, false, false);
        }
    }

    private static List<ClaimStore.Claim> read(PreparedStatement ps) throws SQLException {
        List<ClaimStore.Claim> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ClaimStore.Claim(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Sql.instant(rs, 5), Sql.instant(rs, 6), Sql.instant(rs, 7), rs.getString(8), Sql.instant(rs, 9),
                        rs.getString(10)));
            }
        }
        return out;
    }
}
