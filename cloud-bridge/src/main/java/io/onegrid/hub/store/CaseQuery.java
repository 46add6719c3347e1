package io.onegrid.hub.store;

import io.onegrid.hub.cases.CaseStage;
import io.onegrid.hub.cases.Scope;

/** Filters (null = any) and paging for the case list, newest first, always within a scope. */
public record CaseQuery(Scope scope, CaseStage stage, String site, String unit, String type, Boolean unplaced,
                        int limit, int offset) {
    public static final int MAX_LIMIT = 500;

    public CaseQuery {
        if (scope == null) throw new IllegalArgumentException("a case query needs a scope");
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT);
        if (offset < 0) throw new IllegalArgumentException("offset must be >= 0");
    }

    public static CaseQuery all() {
        return new CaseQuery(Scope.ALL, null, null, null, null, null, 50, 0);
    }
}
