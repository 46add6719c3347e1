package io.onegrid.hub.store;

import java.util.List;

/** One page of cases and how many match the filters in total. */
public record CasePage(List<CaseSummary> items, long total, int limit, int offset) {
    public CasePage {
        items = List.copyOf(items);
    }
}
