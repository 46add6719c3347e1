package io.onegrid.hub.grid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The grid hierarchy of one district: district → street → community → grid → site → unit / area, with the
 * residents, responders and tier teams that belong to it. Immutable; built by {@link GridFile} (which checks
 * the file and reports problems with line numbers) or directly. The constructor still refuses a structure
 * that is not a tree with one district, so no caller can hold a broken grid.
 *
 * <p>{@link #path} gives each node its materialised path ({@code /district/street/.../node/}); a node is in
 * the subtree of another exactly when its path starts with the other's. Cases store the path of their place,
 * so scope checks are a string prefix, in Java and in SQL.
 */
public final class Grid {
    /** Kinds a node of each kind may have as children. */
    private static final Map<NodeKind, List<NodeKind>> CHILDREN = Map.of(
            NodeKind.DISTRICT, List.of(NodeKind.STREET),
            NodeKind.STREET, List.of(NodeKind.COMMUNITY),
            NodeKind.COMMUNITY, List.of(NodeKind.GRID),
            NodeKind.GRID, List.of(NodeKind.SITE),
            NodeKind.SITE, List.of(NodeKind.UNIT, NodeKind.AREA),
            NodeKind.UNIT, List.of(),
            NodeKind.AREA, List.of());

    private final Map<String, GridNode> nodes;
    private final Map<String, String> paths = new LinkedHashMap<>();
    private final Map<String, List<GridNode>> children = new LinkedHashMap<>();
    private final Map<String, Resident> residents;
    private final Map<String, Responder> responders;
    private final Map<String, Team> teams;
    private final GridNode district;

    public Grid(List<GridNode> nodes, List<Resident> residents, List<Responder> responders, List<Team> teams) {
        Map<String, GridNode> byId = new LinkedHashMap<>();
        GridNode root = null;
        for (GridNode n : nodes) {
            if (byId.putIfAbsent(n.id(), n) != null) throw new IllegalArgumentException("duplicate node id '" + n.id() + "'");
            if (n.parentId() == null) {
                if (n.kind() != NodeKind.DISTRICT) throw new IllegalArgumentException("node '" + n.id() + "' has no parent");
                if (root != null) throw new IllegalArgumentException("a grid has one district; found '" + root.id()
                        + "' and '" + n.id() + "'");
                root = n;
            }
        }
        if (root == null) throw new IllegalArgumentException("a grid needs a district");
        for (GridNode n : byId.values()) {
            if (n.parentId() == null) continue;
            GridNode p = byId.get(n.parentId());
            if (p == null) throw new IllegalArgumentException("node '" + n.id() + "' names unknown parent '" + n.parentId() + "'");
            if (!CHILDREN.get(p.kind()).contains(n.kind())) {
                throw new IllegalArgumentException("a " + n.kind().wireName() + " ('" + n.id() + "') cannot sit under a "
                        + p.kind().wireName() + " ('" + p.id() + "')");
            }
            children.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(n);
        }
        this.nodes = Collections.unmodifiableMap(byId);
        this.district = root;
        // parents are checked by kind, and kinds strictly descend, so this walk always ends: no cycles
        for (GridNode n : byId.values()) {
            List<String> chain = new ArrayList<>();
            for (GridNode c = n; c != null; c = c.parentId() == null ? null : byId.get(c.parentId())) chain.add(0, c.id());
            paths.put(n.id(), "/" + String.join("/", chain) + "/");
        }
        this.residents = index(residents, Resident::id, "resident");
        this.responders = index(responders, Responder::id, "responder");
        this.teams = index(teams, Team::id, "team");
        for (Resident r : residents) {
            GridNode u = byId.get(r.unitId());
            if (u == null || u.kind() != NodeKind.UNIT) {
                throw new IllegalArgumentException("resident '" + r.id() + "' lives in unknown unit '" + r.unitId() + "'");
            }
        }
        for (Responder r : responders) {
            if (!byId.containsKey(r.nodeId())) {
                throw new IllegalArgumentException("responder '" + r.id() + "' works at unknown node '" + r.nodeId() + "'");
            }
        }
        for (Team t : teams) {
            GridNode n = byId.get(t.id());
            if (n == null || !n.kind().isTier()) {
                throw new IllegalArgumentException("team '" + t.id() + "' must have the id of a district, street or community");
            }
        }
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id, String what) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            if (m.putIfAbsent(id.apply(t), t) != null) {
                throw new IllegalArgumentException("duplicate " + what + " id '" + id.apply(t) + "'");
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The grid id of a unit (flat) of a site, as gateways name it. */
    public static String unitId(String site, String unit) {
        return site + "/" + unit;
    }

    /** The grid id of a common area of a site. */
    public static String areaId(String site, String area) {
        return site + "/" + area;
    }

    public GridNode district() {
        return district;
    }

    public Optional<GridNode> node(String id) {
        return Optional.ofNullable(id == null ? null : nodes.get(id));
    }

    /** Every node, parents before children. */
    public List<GridNode> nodes() {
        List<GridNode> out = new ArrayList<>(nodes.size());
        walk(district, out);
        return out;
    }

    private void walk(GridNode n, List<GridNode> out) {
        out.add(n);
        for (GridNode c : children(n.id())) walk(c, out);
    }

    public List<GridNode> children(String id) {
        return List.copyOf(children.getOrDefault(id, List.of()));
    }

    /** The materialised path of a node ({@code /xh/xh-bs/.../id/}); empty for an unknown id. */
    public Optional<String> path(String id) {
        return Optional.ofNullable(id == null ? null : paths.get(id));
    }

    /** The node and its ancestors, nearest first (the node itself, its parent, ..., the district). */
    public List<GridNode> lineage(String id) {
        List<GridNode> out = new ArrayList<>();
        for (GridNode c = nodes.get(id); c != null; c = c.parentId() == null ? null : nodes.get(c.parentId())) out.add(c);
        return out;
    }

    /** Whether {@code id} is {@code root} or lies below it. */
    public boolean isWithin(String id, String root) {
        String p = paths.get(id);
        String r = paths.get(root);
        return p != null && r != null && p.startsWith(r);
    }

    /**
     * Where an alarm from a gateway's location belongs: the unit if the grid knows it, else the area, else the
     * site; empty if the grid does not know the site (the alarm goes to the district's unplaced queue).
     */
    public Optional<GridNode> resolve(String site, String unit, String area) {
        GridNode s = site == null ? null : nodes.get(site);
        if (s == null || s.kind() != NodeKind.SITE) return Optional.empty();
        if (unit != null) {
            GridNode u = nodes.get(unitId(site, unit));
            if (u != null) return Optional.of(u);
        }
        if (area != null) {
            GridNode a = nodes.get(areaId(site, area));
            if (a != null) return Optional.of(a);
        }
        return Optional.of(s);
    }

    /** The nearest command tier at or above a node (the community of a flat). */
    public GridNode tierOf(String id) {
        for (GridNode n : lineage(id)) {
            if (n.kind().isTier()) return n;
        }
        return district;
    }

    /** The command tier above a tier node, empty at the district. */
    public Optional<GridNode> tierAbove(String tierId) {
        GridNode n = nodes.get(tierId);
        if (n == null || n.parentId() == null) return Optional.empty();
        return Optional.of(tierOf(n.parentId()));
    }

    /** The nearest node of {@code kind} at or above {@code id}. */
    public Optional<GridNode> ancestor(String id, NodeKind kind) {
        return lineage(id).stream().filter(n -> n.kind() == kind).findFirst();
    }

    public Optional<Resident> resident(String id) {
        return Optional.ofNullable(id == null ? null : residents.get(id));
    }

    public List<Resident> residents() {
        return List.copyOf(residents.values());
    }

    /** Residents living in a unit. */
    public List<Resident> residentsOf(String unitId) {
        return residents.values().stream().filter(r -> r.unitId().equals(unitId)).toList();
    }

    public Optional<Responder> responder(String id) {
        return Optional.ofNullable(id == null ? null : responders.get(id));
    }

    public List<Responder> responders() {
        return List.copyOf(responders.values());
    }

    /** Responders working at the node or any of its ancestors, nearest first. */
    public List<Responder> respondersFor(String id) {
        List<Responder> out = new ArrayList<>();
        for (GridNode n : lineage(id)) {
            for (Responder r : responders.values()) {
                if (r.nodeId().equals(n.id())) out.add(r);
            }
        }
        return out;
    }

    /** Responders of a role at the node or above, nearest first. */
    public List<Responder> respondersFor(String id, ResponderRole role) {
        return respondersFor(id).stream().filter(r -> r.role() == role).toList();
    }

    public Optional<Team> team(String tierId) {
        return Optional.ofNullable(tierId == null ? null : teams.get(tierId));
    }

    public List<Team> teams() {
        return List.copyOf(teams.values());
    }

    /** A grid with only a district: what a hub has before a grid file is imported. */
    public static Grid empty(String districtId) {
        return new Grid(List.of(new GridNode(districtId, NodeKind.DISTRICT, districtId, null, null)), List.of(), List.of(),
                List.of());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && nodes().equals(g.nodes()) && residents.equals(g.residents)
                && responders.equals(g.responders) && teams.equals(g.teams);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        return "Grid[" + district.id() + ", " + nodes.size() + " nodes, " + residents.size() + " residents, "
                + responders.size() + " responders]";
    }
}
