package io.onegrid.hub.store;

import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridNode;
import java.util.Optional;

/**
 * Where a case, device or gateway sits in the grid: its node (null when the grid does not know the place),
 * that node's path (the district's for an unplaced record, so the district sees its "unplaced" queue) and
 * the command tier that owns what happens there.
 */
record Placement(String gridNode, String scopePath, boolean unplaced, String ownerTier) {

    static Placement of(Grid grid, String site, String unit, String area) {
        Optional<GridNode> n = grid.resolve(site, unit, area);
        if (n.isEmpty()) {
            String d = grid.district().id();
            return new Placement(null, grid.path(d).orElseThrow(), true, d);
        }
        String id = n.get().id();
        return new Placement(id, grid.path(id).orElseThrow(), false, grid.tierOf(id).id());
    }
}
