package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseAction;
import io.onegrid.hub.cases.CaseMachine;
import io.onegrid.hub.cases.CaseRoles;
import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Role;
import io.onegrid.hub.cases.SlaLimits;
import io.onegrid.hub.errors.HubError;
import io.onegrid.hub.errors.HubException;
import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridNode;
import io.onegrid.hub.grid.Responder;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The loop's actions on one case, in the caller's transaction: checks scope (404), role (403), version and
 * stage (409), applies {@link CaseMachine}'s move with its timestamps and deadlines, and writes the timeline
 * line, the notifications and the live event with it. The version check is in the UPDATE itself, so of two
 * writers acting on the same version exactly one succeeds.
 */
final class CaseActions {
    /** Outcomes a welfare check is resolved with. */
    static final Set<String> WELFARE_OUTCOMES = Set.of("resident-ok", "assisted", "hospital", "no-contact", "away",
            "deceased");
    static final int BREACH_DISPATCH = 1;
    static final int BREACH_ACCEPT = 2;
    static final int BREACH_RESOLVE = 4;

    private final Supplier<Grid> grid;
    private final CaseFiling filing;
    private final SqlDialect dialect;

    CaseActions(Supplier<Grid> grid, CaseFiling filing, SqlDialect dialect) {
        this.grid = grid;
        this.filing = filing;
        this.dialect = dialect;
    }

    void act(Tx tx, CaseCommand cmd) throws SQLException {
        CaseSummary s = load(tx, cmd.caseId()).filter(c -> cmd.scope().contains(c.scopePath()))
                .orElseThrow(() -> new HubException(HubError.NOT_FOUND, "no case " + cmd.caseId()));
        CaseAction a = cmd.action();
        if (!CaseRoles.may(cmd.role(), a)) {
            throw new HubException(HubError.FORBIDDEN, "the " + cmd.role().wireName() + " role may not " + a.wireName()
                    + " a case");
        }
        if (cmd.expectedVersion() != null && cmd.expectedVersion() != s.version()) {
            throw conflict(HubError.VERSION_CONFLICT, "case " + s.id() + " changed since version " + cmd.expectedVersion()
                    + " (now " + s.version() + "); reload it and try again", s, cmd.role());
        }
        if (!CaseMachine.allows(s.stage(), a)) {
            throw conflict(HubError.STAGE_CONFLICT, "a case in stage " + s.stage() + " cannot be " + past(a), s, cmd.role());
        }
        if (cmd.role() == Role.RESPONDER && s.assigneeUser() != null && !s.assigneeUser().equals(cmd.user())
                && a != CaseAction.COMMENT) {
            throw new HubException(HubError.FORBIDDEN, "case " + s.id() + " is dispatched to someone else");
        }
        SlaLimits limits = filing.policy().limits(s.type(), s.severity());
        Map<String, Object> set = new LinkedHashMap<>();
        String detail = cmd.note() == null ? "" : cmd.note();
        List<Responder> notify = List.of();
        String notifyTier = s.ownerTier();
        String reason = null;
        Grid g = grid.get();
        CaseStage next = CaseMachine.next(s.stage(), a, !Boolean.FALSE.equals(cmd.passed()));
        switch (a) {
            case DISPATCH -> {
                String team = cmd.team();
                String assignee = cmd.assignee();
                if (assignee != null) {
                    UserRecord u = UserSql.user(tx.c, assignee).orElseThrow(() -> new HubException(HubError.BAD_REQUEST,
                            "'assignee' names no user: " + assignee));
                    if (u.scopeNode() != null && !g.isWithin(nodeOf(s, g), u.scopeNode())) {
                        throw new HubException(HubError.BAD_REQUEST, "user " + assignee + " is not responsible for this place");
                    }
                    notify = g.responders().stream().filter(r -> assignee.equals(r.user())).toList();
                } else {
                    if (team == null) team = s.ownerTier();
                    String t = team;
                    if (g.team(team).isEmpty() && g.node(team).filter(n -> n.kind().isTier()).isEmpty()) {
                        throw new HubException(HubError.BAD_REQUEST, "'team' names no team of the grid: " + t);
                    }
                    notify = Notifier.tierResponders(g, team);
                    notifyTier = team;
                }
                set.put("assignee_user", assignee);
                set.put("assignee_team", assignee == null ? team : null);
                set.put("dispatched_at", tx.now);
                set.put("accept_due", tx.now + limits.accept().toMillis());
                reason = "dispatched";
                detail = (assignee != null ? "to " + assignee : "to team " + team) + (detail.isEmpty() ? "" : ": " + detail);
            }
            case ACCEPT -> {
                set.put("accepted_at", tx.now);
                if (s.assigneeUser() == null) set.put("assignee_user", cmd.user());
                // accepting answers one's own notifications of the case: nobody needs to be told twice
                Notifications.acknowledgeAllOf(tx, s.id(), g.responders().stream()
                        .filter(r -> cmd.user().equals(r.user())).map(Responder::id).collect(java.util.stream.Collectors.toSet()));
            }
            case START -> set.put("started_at", tx.now);
            case RESOLVE -> {
                if (s.type().startsWith("welfare")) {
                    if (cmd.outcome() == null || !WELFARE_OUTCOMES.contains(cmd.outcome())) {
                        throw new HubException(HubError.BAD_REQUEST, "a welfare case is resolved with an 'outcome', one of "
                                + new java.util.TreeSet<>(WELFARE_OUTCOMES));
                    }
                    set.put("outcome", cmd.outcome());
                    detail = "outcome " + cmd.outcome() + (detail.isEmpty() ? "" : ": " + detail);
                }
                set.put("resolved_at", tx.now);
            }
            case VERIFY -> {
                if (cmd.passed() == null) {
                    throw new HubException(HubError.BAD_REQUEST, "verify needs {\"passed\": true} or {\"passed\": false}");
                }
                if (cmd.passed()) {
                    set.put("verified_at", tx.now);
                    detail = "passed" + (detail.isEmpty() ? "" : ": " + detail);
                } else {
                    set.put("rework_count", s.reworkCount() + 1);
                    detail = "failed, back to handling (rework)" + (detail.isEmpty() ? "" : ": " + detail);
                    notify = s.assigneeUser() == null ? Notifier.tierResponders(g, s.assigneeTeam() == null
                            ? s.ownerTier() : s.assigneeTeam())
                            : g.responders().stream().filter(r -> s.assigneeUser().equals(r.user())).toList();
                    reason = "rework";
                }
            }
            case CLOSE -> set.put("closed_at", tx.now);
            case FALSE_ALARM -> {
                if (cmd.reason() == null || cmd.reason().isBlank()) {
                    throw new HubException(HubError.BAD_REQUEST, "false-alarm needs a 'reason'");
                }
                set.put("closed_at", tx.now);
                set.put("false_alarm_reason", Sql.clip(cmd.reason(), 2000));
                detail = cmd.reason() + (cmd.note() == null ? "" : " (" + cmd.note() + ")");
            }
            case RETURN -> {
                set.put("assignee_user", null);
                set.put("assignee_team", null);
                set.put("dispatched_at", null);
                set.put("accepted_at", null);
                set.put("accept_due", null);
                set.put("dispatch_due", tx.now + limits.dispatch().toMillis());
            }
            case ESCALATE -> {
                GridNode up = g.tierAbove(s.ownerTier()).orElseThrow(() -> conflict(HubError.STAGE_CONFLICT,
                        "case " + s.id() + " is already owned by the district: it cannot be escalated", s, cmd.role()));
                set.put("owner_tier", up.id());
                set.put("escalation_level", s.escalationLevel() + 1);
                notify = Notifier.tierResponders(g, up.id());
                notifyTier = up.id();
                reason = "escalated";
                detail = s.ownerTier() + " -> " + up.id() + (detail.isEmpty() ? "" : ": " + detail);
            }
            case COMMENT -> {
                if (cmd.note() == null || cmd.note().isBlank()) {
                    throw new HubException(HubError.BAD_REQUEST, "comment needs a 'note'");
                }
            }
        }
        boolean lateResolve = a == CaseAction.RESOLVE && s.resolveDue() != null && tx.now > s.resolveDue().toEpochMilli();
        StringBuilder sql = new StringBuilder("UPDATE cases SET stage = ?, updated_at = ?");
        List<Object> args = new java.util.ArrayList<>(List.of(next.name(), tx.now));
        for (Map.Entry<String, Object> e : set.entrySet()) {
            sql.append(", ").append(e.getKey()).append(" = ?");
            args.add(e.getValue());
        }
        if (lateResolve) sql.append(", breaches = breaches | ").append(BREACH_RESOLVE);
        if (a != CaseAction.COMMENT) sql.append(", version = version + 1");
        sql.append(" WHERE id = ? AND version = ?");
        args.add(s.id());
        args.add(s.version());
        if (Sql.update(tx.c, sql.toString(), args.toArray()) != 1) {
            throw conflict(HubError.VERSION_CONFLICT, "case " + s.id() + " was changed by someone else at the same time; "
                    + "reload it and try again", s, cmd.role());
        }
        CaseTimeline.append(tx, s.id(), cmd.user(), a.wireName(), detail);
        if (reason != null) Notifier.notify(tx, s.id(), s.scopePath(), notify, notifyTier, reason);
        CaseEvents.publish(tx, s.id(), a.wireName());
    }

    private static String nodeOf(CaseSummary s, Grid g) {
        return s.gridNode() != null ? s.gridNode() : g.district().id();
    }

    private Optional<CaseSummary> load(Tx tx, long id) throws SQLException {
        if (dialect == SqlDialect.POSTGRESQL) {
            // lock the row so the version read here is the one the UPDATE checks against
            try (var ps = tx.c.prepareStatement("SELECT id FROM cases WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                ps.executeQuery().close();
            }
        }
        return CaseReader.summary(tx.c, id);
    }

    private static String past(CaseAction a) {
        return switch (a) {
            case DISPATCH -> "dispatched";
            case ACCEPT -> "accepted";
            case START -> "started";
            case RESOLVE -> "resolved";
            case VERIFY -> "verified";
            case CLOSE -> "closed";
            case FALSE_ALARM -> "closed as a false alarm";
            case RETURN -> "returned";
            case ESCALATE -> "escalated";
            case COMMENT -> "commented on";
        };
    }

    static HubException conflict(HubError code, String message, CaseSummary s, Role role) {
        return new HubException(code, message, Map.of("stage", s.stage().name(), "version", s.version(),
                "allowedActions", CaseMachine.allowed(s.stage()).stream().filter(x -> CaseRoles.may(role, x))
                        .map(CaseAction::wireName).toList()));
    }
}
