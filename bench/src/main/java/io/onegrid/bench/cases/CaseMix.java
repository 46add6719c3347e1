package io.onegrid.bench.cases;

import io.onegrid.hub.grid.Grid;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A year of cases in the bench district, the same for a given seed: opened uniformly over [now − 1 year, now)
 * (ids ascending with the opening time, as the hub files them), in communities of unequal activity, with the
 * case types, SLA limits and stage mix of a district that works its cases: nearly every case older than a week
 * is closed (about one in eight as a false alarm), recent ones are still in the loop. Stage times follow the
 * built-in SLA policy's limits.
 */
final class CaseMix {
    static final Duration SPAN = Duration.ofDays(365);
    private static final long MIN = 60_000;
    private static final long DAY = 86_400_000L;

    /** A case type with its severity and the built-in policy's dispatch, accept and resolve limits, in minutes. */
    private record Kind(String type, String severity, String rule, String device, double weight, long dispatchMin,
                        long acceptMin, long resolveMin) { }

    private static final List<Kind> KINDS = List.of(
            new Kind("fire.smoke", "MAJOR", "smoke", "smoke-1", 9, 5, 5, 60),
            new Kind("fire.smoke", "CRITICAL", "smoke", "smoke-1", 3, 2, 3, 30),
            new Kind("fire.hydrant-pressure-low", "MAJOR", "low-pressure", "hydrant-1", 8, 5, 5, 60),
            new Kind("fire.gas-leak", "CRITICAL", "gas", "smoke-1", 3, 2, 3, 30),
            new Kind("facility.water-leak", "MINOR", "leak", "door-1", 15, 60, 120, 480),
            new Kind("facility.elevator-fault", "MAJOR", "fault", "door-1", 10, 60, 120, 480),
            new Kind("device.offline", "MINOR", "offline", "th-1", 25, 240, 480, 4320),
            new Kind("device.gateway-offline", "MAJOR", "offline", "th-1", 7, 240, 480, 4320),
            new Kind("welfare.inactivity", "MAJOR", "inactivity", "door-1", 12, 30, 60, 240),
            new Kind("welfare.sos", "CRITICAL", "sos", "door-1", 3, 30, 60, 240),
            new Kind("environment.temperature-high", "MINOR", "high", "th-1", 5, 120, 240, 1440));

    /** The devices every site's gateway declares (the alarms above name them). */
    static final List<String> DEVICES = List.of("smoke-1", "hydrant-1", "th-1", "door-1");

    /** One generated case with its alarm's source; times in epoch ms, null where the case has not got there. */
    record BenchCase(long id, String type, String severity, String stage, String site, String unit, String area,
                     String gridNode, String scopePath, boolean unplaced, String ownerTier, int escalationLevel,
                     String assigneeTeam, int version, long openedAt, long updatedAt, Long dispatchedAt,
                     Long acceptedAt, Long startedAt, Long resolvedAt, Long verifiedAt, Long closedAt, long dispatchDue,
                     Long acceptDue, long resolveDue, int breaches, int reworkCount, String outcome,
                     String falseAlarmReason, String gatewayId, String deviceId, String ruleId) { }

    private CaseMix() { }

    static List<BenchCase> generate(BenchGrid g, int count, long seed, long nowMs) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> communities = new ArrayList<>(g.sitesByCommunity.keySet());
        // unequal activity: a community's share is log-normal (a few busy ones, a long quiet tail)
        double[] cumulative = new double[communities.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += Math.exp(0.6 * gaussian(r));
            cumulative[i] = sum;
        }
        double kindSum = KINDS.stream().mapToDouble(Kind::weight).sum();
        long[] opened = new long[count];
        long spanMs = SPAN.toMillis();
        for (int i = 0; i < count; i++) opened[i] = nowMs - spanMs + (long) (r.nextDouble() * spanMs);
        Arrays.sort(opened);
        List<BenchCase> out = new ArrayList<>(count);
        String districtPath = g.path(g.grid.district().id());
        for (int i = 0; i < count; i++) {
            Kind k = pick(r, kindSum);
            String site;
            String unit = null;
            String area = null;
            String node;
            if (r.nextDouble() < 0.003) { // a site the grid does not know: the district's unplaced queue
                site = "unknown-" + r.nextInt(40);
                node = null;
            } else {
                String community = communities.get(index(cumulative, r.nextDouble() * sum));
                List<BenchGrid.Site> sites = g.sitesByCommunity.get(community);
                BenchGrid.Site s = sites.get(r.nextInt(sites.size()));
                site = s.id();
                double where = r.nextDouble();
                if (where < 0.65 && !s.units().isEmpty()) unit = s.units().get(r.nextInt(s.units().size()));
                else if (where < 0.9 && !s.areas().isEmpty()) area = s.areas().get(r.nextInt(s.areas().size()));
                node = unit != null ? Grid.unitId(site, unit) : area != null ? Grid.areaId(site, area) : site;
            }
            out.add(lifecycle(r, g, i + 1, k, site, unit, area, node, node == null ? districtPath : g.path(node),
                    opened[i], nowMs));
        }
        return out;
    }

    /** Stage and stage times of one case, given how long ago it was opened. */
    private static BenchCase lifecycle(SplittableRandom r, BenchGrid g, long id, Kind k, String site, String unit,
                                       String area, String node, String path, long opened, long now) {
        long age = now - opened;
        double openChance = age < DAY ? 0.6 : age < 7 * DAY ? 0.15 : 0.004;
        // how far along the loop it got: 0 OPEN .. 5 VERIFIED while open, 6 CLOSED, -1 FALSE_ALARM
        int reached;
        if (r.nextDouble() < openChance) {
            double s = r.nextDouble();
            reached = s < 0.35 ? 0 : s < 0.5 ? 1 : s < 0.6 ? 2 : s < 0.85 ? 3 : s < 0.95 ? 4 : 5;
        } else {
            reached = r.nextDouble() < 0.12 ? -1 : 6;
        }
        long dispatchDue = opened + k.dispatchMin * MIN;
        long resolveDue = opened + k.resolveMin * MIN;
        Long[] t = new Long[6]; // dispatched, accepted, started, resolved, verified, closed
        Long acceptDue = null;
        long at = opened;
        int rework = 0;
        if (reached == -1) t[5] = at + exp(r, 20 * MIN);
        if (reached >= 1) { at += exp(r, 0.3 * k.dispatchMin * MIN); t[0] = at; acceptDue = at + k.acceptMin * MIN; }
        if (reached >= 2) { at += exp(r, 0.3 * k.acceptMin * MIN); t[1] = at; }
        if (reached >= 3) { at += exp(r, 5 * MIN); t[2] = at; }
        if (reached >= 4) {
            at = Math.max(at, opened + exp(r, 0.45 * k.resolveMin * MIN));
            t[3] = at;
            if (r.nextDouble() < 0.04) rework = 1;
        }
        if (reached >= 5) { at += exp(r, 30 * MIN); t[4] = at; }
        if (reached >= 6) { at += exp(r, 10 * MIN); t[5] = at; }
        // a recent case cannot be further along than now: squeeze its times below now, in order
        for (int i = 0; i < t.length; i++) if (t[i] != null && t[i] >= now) t[i] = now - (t.length - i);
        int breaches = 0;
        if (t[0] == null ? reached == 0 && now > dispatchDue : t[0] > dispatchDue) breaches |= 1;
        if (t[3] == null ? reached >= 0 && reached < 4 && now > resolveDue : t[3] > resolveDue) breaches |= 4;
        String stage = switch (reached) {
            case -1 -> "FALSE_ALARM";
            case 0 -> "OPEN";
            case 1 -> "DISPATCHED";
            case 2 -> "ACCEPTED";
            case 3 -> "HANDLING";
            case 4 -> "RESOLVED";
            case 5 -> "VERIFIED";
            default -> "CLOSED";
        };
        String tier = node == null ? g.grid.district().id() : g.grid.tierOf(node).id();
        int escalation = 0;
        if ((breaches & 1) != 0 && node != null) { // the SLA sweep moved it one tier up
            tier = g.grid.tierAbove(tier).map(n -> n.id()).orElse(tier);
            escalation = 1;
        }
        long updated = Arrays.stream(t).filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(opened);
        int version = 1 + Math.max(0, reached) + 2 * rework + escalation + (reached == -1 ? 1 : 0);
        String outcome = k.type.startsWith("welfare") && t[3] != null ? "resident-ok" : null;
        return new BenchCase(id, k.type, k.severity, stage, site, unit, area, node, path, node == null, tier, escalation,
                t[0] != null ? tier : null, version, opened, updated, t[0], t[1], t[2], t[3], t[4], t[5], dispatchDue,
                acceptDue, resolveDue, breaches, rework, outcome, reached == -1 ? "checked on site: no fault" : null,
                "gw-" + site, k.device, k.rule);
    }

    private static Kind pick(SplittableRandom r, double sum) {
        double x = r.nextDouble() * sum;
        for (Kind k : KINDS) {
            x -= k.weight;
            if (x < 0) return k;
        }
        return KINDS.get(KINDS.size() - 1);
    }

    private static int index(double[] cumulative, double x) {
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }

    private static long exp(SplittableRandom r, double mean) {
        return (long) (-mean * Math.log(1 - r.nextDouble()));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
