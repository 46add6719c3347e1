package io.onegrid.hub.grid;

import io.onegrid.profile.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a {@link Grid} as a grid file (docs/grid.md) that {@link GridReader} reads back to an equal grid.
 * Optional keys are written only when they differ from what reading would assume (a name equal to the id,
 * livesAlone false, an empty care plan). Every mapping and list is a fresh object, so SnakeYAML never has a
 * reason to write an anchor, which the reader would refuse.
 */
final class GridWriter {
    private GridWriter() { }

    static String write(Grid grid) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("district", place(grid, grid.district()));
        List<Object> responders = new ArrayList<>();
        for (Responder r : grid.responders()) responders.add(responder(r));
        if (!responders.isEmpty()) doc.put("responders", responders);
        List<Object> residents = new ArrayList<>();
        for (Resident r : grid.residents()) residents.add(resident(r));
        if (!residents.isEmpty()) doc.put("residents", residents);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false);
        options.setAllowUnicode(true);
        return new Yaml(options).dump(doc);
    }

    private static Map<String, Object> place(Grid grid, GridNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        String local = localId(n);
        m.put("id", local);
        if (!n.name().equals(local)) m.put("name", n.name());
        put(m, "address", n.address());
        grid.team(n.id()).filter(t -> n.kind().isTier()).ifPresent(t -> m.put("team", team(t)));
        List<GridNode> children = grid.children(n.id());
        switch (n.kind()) {
            case DISTRICT -> list(grid, m, "streets", children, NodeKind.STREET);
            case STREET -> list(grid, m, "communities", children, NodeKind.COMMUNITY);
            case COMMUNITY -> list(grid, m, "grids", children, NodeKind.GRID);
            case GRID -> list(grid, m, "sites", children, NodeKind.SITE);
            case SITE -> {
                list(grid, m, "units", children, NodeKind.UNIT);
                list(grid, m, "areas", children, NodeKind.AREA);
            }
            default -> { }
        }
        return m;
    }

    /** A unit or area is written by its own part of {@code site/unit}; the reader puts the site back. */
    private static String localId(GridNode n) {
        boolean underSite = n.kind() == NodeKind.UNIT || n.kind() == NodeKind.AREA;
        String prefix = n.parentId() + "/";
        return underSite && n.id().startsWith(prefix) ? n.id().substring(prefix.length()) : n.id();
    }

    private static void list(Grid grid, Map<String, Object> m, String key, List<GridNode> children, NodeKind kind) {
        List<Object> items = new ArrayList<>();
        for (GridNode c : children) {
            if (c.kind() == kind) items.add(place(grid, c));
        }
        if (!items.isEmpty()) m.put(key, items);
    }

    private static Map<String, Object> team(Team t) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "name", t.name());
        if (!t.members().isEmpty()) m.put("members", new ArrayList<>(t.members()));
        return m;
    }

    private static Map<String, Object> responder(Responder r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        put(m, "name", r.name());
        m.put("role", r.role().wireName());
        m.put("node", r.nodeId());
        put(m, "phone", r.phone());
        put(m, "user", r.user());
        return m;
    }

    private static Map<String, Object> resident(Resident r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        put(m, "name", r.name());
        m.put("unit", r.unitId());
        if (r.livesAlone()) m.put("livesAlone", true);
        put(m, "phone", r.phone());
        CarePlan p = r.carePlan();
        if (!p.equals(CarePlan.NONE)) {
            Map<String, Object> plan = new LinkedHashMap<>();
            if (p.inactivity() != null) plan.put("inactivity", Durations.format(p.inactivity()));
            put(plan, "window", p.activeWindow());
            put(plan, "notes", p.notes());
            m.put("carePlan", plan);
        }
        List<Object> contacts = new ArrayList<>();
        for (Contact c : r.contacts()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            put(cm, "name", c.name());
            put(cm, "relation", c.relation());
            put(cm, "phone", c.phone());
            contacts.add(cm);
        }
        if (!contacts.isEmpty()) m.put("contacts", contacts);
        put(m, "socialWorker", r.socialWorker());
        return m;
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null) m.put(key, value);
    }
}
