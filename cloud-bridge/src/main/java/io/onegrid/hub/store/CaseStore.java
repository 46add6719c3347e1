package io.onegrid.hub.store;

import io.onegrid.hub.cases.Scope;
import java.time.Instant;
import java.util.Optional;

/** Cases: the list, one case, the loop's actions, SLA escalation and KPIs. */
public interface CaseStore {

    CasePage cases(CaseQuery query);

    /** The case if it exists and lies in {@code scope}; empty otherwise (callers answer 404 either way). */
    Optional<CaseDetail> caseDetail(long caseId, Scope scope);

    /**
     * Applies an action in one transaction together with its timeline line, notifications and live event.
     * Throws {@code HubException} NOT_FOUND (missing or out of scope), FORBIDDEN (role), STAGE_CONFLICT (with
     * the stage and allowed actions), VERSION_CONFLICT or BAD_REQUEST.
     */
    CaseDetail act(CaseCommand command);

    /** Escalates every case whose deadline has passed at {@code now}; returns how many breaches it handled. */
    int sweepSla(Instant now);

    Kpis kpis(Scope scope, Instant from, Instant to, Instant now);
}
