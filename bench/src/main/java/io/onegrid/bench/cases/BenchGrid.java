package io.onegrid.bench.cases;

import io.onegrid.hub.grid.Grid;
import io.onegrid.hub.grid.GridFile;
import io.onegrid.hub.grid.GridNode;
import io.onegrid.hub.grid.NodeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The district the case-query bench files its cases in: the demo district (Xihu, its 2 streets, 3 communities
 * and bldg-7, with its people) grown to 10 streets of 10 communities each, so that the scopes the bench
 * queries are the size they would be in a real district: a street is about a tenth of the cases, a community
 * about a hundredth. Every added community has 2 grids of 4 buildings with 24 flats and 2 common areas each.
 * Ids follow the demo's pattern ({@code xh-s03}, {@code xh-s03-c07}, {@code xh-s03-c07-b5}).
 */
final class BenchGrid {
    static final int STREETS = 10;
    static final int COMMUNITIES_PER_STREET = 10;
    private static final int GRIDS = 2;
    private static final int SITES_PER_GRID = 4;
    private static final int UNITS_PER_SITE = 24;
    private static final List<String> AREAS = List.of("pump-room", "stairwell");

    /** A building and the places in it that alarms name. */
    record Site(String id, String community, List<String> units, List<String> areas) { }

    final Grid grid;
    /** Buildings by community id, communities in grid order. */
    final Map<String, List<Site>> sitesByCommunity = new LinkedHashMap<>();

    private BenchGrid(Grid grid) {
        this.grid = grid;
        for (GridNode n : grid.nodes()) {
            if (n.kind() == NodeKind.COMMUNITY) sitesByCommunity.put(n.id(), new ArrayList<>());
        }
        for (GridNode n : grid.nodes()) {
            if (n.kind() != NodeKind.SITE) continue;
            List<String> units = new ArrayList<>();
            List<String> areas = new ArrayList<>();
            for (GridNode c : grid.children(n.id())) {
                String local = c.id().substring(n.id().length() + 1); // ids are site/unit
                (c.kind() == NodeKind.UNIT ? units : areas).add(local);
            }
            String community = grid.ancestor(n.id(), NodeKind.COMMUNITY).orElseThrow().id();
            sitesByCommunity.get(community).add(new Site(n.id(), community, units, areas));
        }
    }

    static BenchGrid build() {
        Grid demo = GridFile.demo();
        List<GridNode> nodes = new ArrayList<>(demo.nodes());
        String district = demo.district().id();
        List<GridNode> streets = demo.children(district);
        for (int s = 1; s <= STREETS; s++) {
            String street;
            int have;
            if (s <= streets.size()) {
                street = streets.get(s - 1).id();
                have = demo.children(street).size();
            } else {
                street = String.format(Locale.ROOT, "%s-s%02d", district, s);
                nodes.add(new GridNode(street, NodeKind.STREET, "街道" + s, district, null));
                have = 0;
            }
            for (int c = have + 1; c <= COMMUNITIES_PER_STREET; c++) {
                addCommunity(nodes, street, String.format(Locale.ROOT, "%s-c%02d", street, c));
            }
        }
        Grid g = new Grid(nodes, demo.residents(), demo.responders(), demo.teams());
        // the store keeps the grid as a document and reads it back on open: make sure this one round-trips
        String doc = GridFile.export(g);
        if (!GridFile.parse(doc, "bench grid").equals(g)) throw new IllegalStateException("bench grid does not round-trip");
        return new BenchGrid(g);
    }

    private static void addCommunity(List<GridNode> nodes, String street, String id) {
        nodes.add(new GridNode(id, NodeKind.COMMUNITY, "社区 " + id, street, null));
        for (int g = 1; g <= GRIDS; g++) {
            String grid = id + "-g" + g;
            nodes.add(new GridNode(grid, NodeKind.GRID, "网格 " + grid, id, null));
            for (int b = 1; b <= SITES_PER_GRID; b++) {
                String site = id + "-b" + ((g - 1) * SITES_PER_GRID + b);
                nodes.add(new GridNode(site, NodeKind.SITE, site, grid, "路 " + site));
                for (int u = 0; u < UNITS_PER_SITE; u++) {
                    String unit = String.format(Locale.ROOT, "%d%02d", 1 + u / 4, 1 + u % 4);
                    nodes.add(new GridNode(Grid.unitId(site, unit), NodeKind.UNIT, unit + "室", site, null));
                }
                for (String a : AREAS) nodes.add(new GridNode(Grid.areaId(site, a), NodeKind.AREA, a, site, null));
            }
        }
    }

    /** The materialised path of a node (what a user scoped to it sees). */
    String path(String nodeId) {
        return grid.path(nodeId).orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    int nodeCount() {
        return grid.nodes().size();
    }
}
