package io.onegrid.hub.store;

import io.onegrid.protocol.Envelope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps, per (gateway, boot), the hub's estimate of when the boot started, in the caller's transaction.
 * A gateway without an RTC (a Raspberry Pi after a power cut) can have a wall clock in 1970 or hours off,
 * while its boot-relative {@code ts.mono} stays right; the hub's own receive time anchors it.
 */
final class BootClocks {
    private static final Logger LOG = LoggerFactory.getLogger(BootClocks.class);

    private final long toleranceMs;

    BootClocks(Duration tolerance) {
        this.toleranceMs = tolerance.toMillis();
    }

    /** Folds one received envelope into its boot's estimate and returns the boot's clock after it. */
    BootClock observe(Connection c, Envelope e, long hubNow) throws SQLException {
        long candidate = hubNow - e.ts().monoMs();
        long start;
        long lastWall;
        long lastMono;
        boolean warned;
        boolean exists;
        // insert first, so two writers seeing a new boot at once do not both insert (the loser updates instead)
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gateway_boots (boot_start_hub, last_wall, last_mono, "
                + "warned, updated_at, gateway_id, boot_id) VALUES (?, ?, ?, FALSE, ?, ?, ?) "
                + "ON CONFLICT (gateway_id, boot_id) DO NOTHING")) {
            ps.setLong(1, candidate);
            ps.setLong(2, e.ts().wallMs());
            ps.setLong(3, e.ts().monoMs());
            ps.setLong(4, hubNow);
            ps.setString(5, e.gatewayId());
            ps.setString(6, e.bootId());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT boot_start_hub, last_wall, last_mono, warned "
                + "FROM gateway_boots WHERE gateway_id = ? AND boot_id = ?")) {
            ps.setString(1, e.gatewayId());
            ps.setString(2, e.bootId());
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
                start = exists ? Math.min(rs.getLong(1), candidate) : candidate;
                lastWall = exists ? rs.getLong(2) : e.ts().wallMs();
                lastMono = exists ? rs.getLong(3) : e.ts().monoMs();
                warned = exists && rs.getBoolean(4);
            }
        }
        if (e.ts().monoMs() >= lastMono) {
            lastWall = e.ts().wallMs();
            lastMono = e.ts().monoMs();
        }
        long skew = BootClock.skew(start, lastWall, lastMono);
        boolean corrected = Math.abs(skew) > toleranceMs;
        boolean warnNow = corrected && !warned;
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE gateway_boots SET boot_start_hub = ?, last_wall = ?, last_mono = ?, warned = ?, updated_at = ? "
                        + "WHERE gateway_id = ? AND boot_id = ?")) {
            ps.setLong(1, start);
            ps.setLong(2, lastWall);
            ps.setLong(3, lastMono);
            ps.setBoolean(4, warned || warnNow);
            ps.setLong(5, hubNow);
            ps.setString(6, e.gatewayId());
            ps.setString(7, e.bootId());
            ps.executeUpdate();
        }
        if (warnNow) {
            // once per boot (the flag is stored), not per message
            LOG.warn("gateway {} clock is {} {}; using hub-corrected times (boot {})", e.gatewayId(), describe(skew),
                    skew < 0 ? "behind" : "ahead", e.bootId());
        }
        return new BootClock(start, skew, corrected);
    }

    /** Whether a skew read back later is beyond the tolerance. */
    boolean beyondTolerance(long skewMs) {
        return Math.abs(skewMs) > toleranceMs;
    }

    /** "3h12m", "45m", "2m30s", "1.2s": enough to judge the size at a glance. */
    static String describe(long skewMs) {
        long ms = Math.abs(skewMs);
        long days = ms / 86_400_000L;
        long h = ms / 3_600_000L % 24;
        long m = ms / 60_000L % 60;
        long s = ms / 1000 % 60;
        if (days > 0) return days + "d" + h + "h";
        if (h > 0) return h + "h" + m + "m";
        if (m > 0) return s == 0 ? m + "m" : m + "m" + s + "s";
        return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
    }
}
