package io.onegrid.hub.grid;

import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlMap;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Walks a composed grid file (format: docs/grid.md) into a {@link Grid}, reporting every problem with its
 * position. The place tree and the ids are read here; responders and residents by {@link GridPeopleReader}.
 * References (a responder's node, a resident's unit and social worker, team members) are checked once the
 * whole file is read, so the order of the sections does not matter. Messages name people by id only.
 */
final class GridReader {
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String ID_HINT = "an id of ASCII letters, digits, '.', '-' or '_' that starts with a letter or"
            + " digit (at most 64 characters)";
    /** Past this many problems the reader stops: the first ones are what the author fixes first anyway. */
    static final int MAX_PROBLEMS = 200;

    static final List<String> TOP = List.of("district", "responders", "residents");
    static final List<String> TEAM = List.of("name", "members");
    private static final Map<NodeKind, List<String>> KEYS = new EnumMap<>(Map.of(
            NodeKind.DISTRICT, List.of("id", "name", "address", "team", "streets"),
            NodeKind.STREET, List.of("id", "name", "address", "team", "communities"),
            NodeKind.COMMUNITY, List.of("id", "name", "address", "team", "grids"),
            NodeKind.GRID, List.of("id", "name", "address", "sites"),
            NodeKind.SITE, List.of("id", "name", "address", "units", "areas"),
            NodeKind.UNIT, List.of("id", "name", "address"),
            NodeKind.AREA, List.of("id", "name", "address")));
    /** The list key under each kind and the kind of its items; a site has two lists. */
    private static final Map<String, NodeKind> LISTS = new LinkedHashMap<>();

    static {
        LISTS.put("streets", NodeKind.STREET);
        LISTS.put("communities", NodeKind.COMMUNITY);
        LISTS.put("grids", NodeKind.GRID);
        LISTS.put("sites", NodeKind.SITE);
        LISTS.put("units", NodeKind.UNIT);
        LISTS.put("areas", NodeKind.AREA);
    }

    /** Where an id was first declared, to answer a duplicate with "first on line N". */
    private record Declared(String what, int line) { }

    final Problems problems;
    private final Map<String, Declared> declared = new HashMap<>();
    final Map<String, GridNode> nodes = new LinkedHashMap<>();
    final List<Team> teams = new ArrayList<>();
    /** Responder id to role (null when the role could not be read), for reference checks. */
    final Map<String, ResponderRole> roles = new HashMap<>();
    private final List<Runnable> later = new ArrayList<>();

    GridReader(Problems problems) {
        this.problems = problems;
    }

    /** The grid, or null when there were problems (all of them reported). */
    Grid read(Node root) {
        YamlMap top = mapping(root, "the grid file", TOP);
        if (top == null) return null;
        Node district = top.value("district");
        if (district == null) {
            top.missing("district", "the top of the tree: a district with an id, a name and its streets");
        } else {
            readNode(district, NodeKind.DISTRICT, null, null, "the district");
        }
        GridPeopleReader people = new GridPeopleReader(this);
        people.responders(items(top, "responders", "a list of responders"));
        people.residents(items(top, "residents", "a list of residents"));
        for (Runnable check : later) {
            if (full()) break;
            check.run();
        }
        if (!problems.isEmpty()) return null;
        try {
            return new Grid(List.copyOf(nodes.values()), people.residents, people.responders, teams);
        } catch (IllegalArgumentException e) {
            problems.add(root, "the grid is not consistent: " + e.getMessage()); // the checks above should prevent this
            return null;
        }
    }

    private void readNode(Node node, NodeKind kind, String parentId, String site, String fallbackWhere) {
        String peeked = YamlMap.peek(node, "id");
        String where = peeked == null ? fallbackWhere : label(kind, peeked, site);
        YamlMap m = mapping(node, where, KEYS.get(kind));
        if (m == null) return;
        String local = id(m, "id", true);
        boolean underSite = kind == NodeKind.UNIT || kind == NodeKind.AREA;
        // below a site whose id is unusable a unit's full id is unknown: nothing to claim, nothing to cascade
        String id = local == null || (underSite && site == null) ? null : underSite ? Grid.unitId(site, local) : local;
        boolean claimed = id != null && claim(id, m.value("id"), "the " + kind.wireName());
        String name = m.text("name", false, "a name people read, such as 7幢");
        String address = m.text("address", false, "a postal address, such as 曙光路7号");
        if (claimed) nodes.put(id, new GridNode(id, kind, name == null ? local : name, parentId, address));
        if (kind.isTier() && m.value("team") != null) team(m.value("team"), claimed ? id : null, "the team of " + where);
        for (Map.Entry<String, NodeKind> list : LISTS.entrySet()) {
            if (!KEYS.get(kind).contains(list.getKey())) continue;
            NodeKind childKind = list.getValue();
            // children of a duplicate are still read as its own, except a duplicate site's units, which would all
            // repeat the first site's ids
            String childSite = kind == NodeKind.SITE && claimed ? id : null;
            List<Node> children = items(m, list.getKey(), "a list of " + list.getKey());
            for (int i = 0; i < children.size() && !full(); i++) {
                readNode(children.get(i), childKind, id, childSite, childKind.wireName() + " " + (i + 1) + " of " + where);
            }
        }
    }

    private static String label(NodeKind kind, String id, String site) {
        String own = kind.wireName() + " '" + clip(id) + "'";
        return site == null ? own : own + " of site '" + site + "'";
    }

    private void team(Node node, String tierId, String where) {
        YamlMap t = mapping(node, where, TEAM);
        if (t == null) return;
        String name = t.text("name", false, "a name such as 曙光社区工作站");
        List<String> members = new ArrayList<>();
        for (Node n : items(t, "members", "a list of responder ids")) {
            String member = scalar(n, "a member of " + where, "a responder id");
            if (member == null) continue;
            if (members.contains(member)) {
                problems.add(n, where + " lists '" + member + "' twice; list each responder once");
                continue;
            }
            members.add(member);
            later(() -> {
                if (!roles.containsKey(member)) {
                    problems.add(n, where + " lists '" + member + "', which " + isNot(member, "a responder"));
                }
            });
        }
        if (tierId != null) teams.add(new Team(tierId, name, members));
    }

    // ---- shared by GridPeopleReader ----

    /** A mapping with known keys; a wrong shape is reported without echoing the value (it may be personal). */
    YamlMap mapping(Node node, String where, List<String> keys) {
        if (!(node instanceof MappingNode)) {
            problems.add(node, where + " must be a mapping of keys to values (key: value), not " + shape(node));
            return null;
        }
        return YamlMap.of(node, where, keys, problems);
    }

    /** The items of a list-valued key; empty when absent or not a list (reported). */
    List<Node> items(YamlMap m, String key, String whatItIs) {
        List<Node> items = m.list(key, whatItIs);
        return items == null ? List.of() : items;
    }

    /** A single value, or null (reported as not being {@code whatItIs}). */
    String scalar(Node n, String where, String whatItIs) {
        if (n instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) return s.getValue();
        problems.add(n, where + " must be " + whatItIs + ", not " + shape(n));
        return null;
    }

    /** A valid id from {@code key}, or null (reported when missing, if required, or malformed). */
    String id(YamlMap m, String key, boolean required) {
        String v = m.text(key, required, ID_HINT);
        if (v == null || ID.matcher(v).matches()) return v;
        String why = v.indexOf('/') >= 0 ? "; '/' is reserved: a unit's or area's id becomes site/unit by itself" : "";
        problems.add(m.value(key), "'" + key + "' of " + m.where() + " must be " + ID_HINT + ", got '" + clip(v) + "'" + why);
        return null;
    }

    /** Registers an id for the whole file; false (reported) when it is already taken. */
    boolean claim(String id, Node at, String what) {
        Declared first = declared.putIfAbsent(id, new Declared(what, at.getStartMark().getLine() + 1));
        if (first == null) return true;
        problems.add(at, "id '" + id + "' is already used by " + first.what() + " on line " + first.line()
                + "; ids must be unique in the whole file (places, responders and residents)");
        return false;
    }

    /** "is not ..." for a reference that is not {@code wanted}: names what the id is instead, if anything. */
    String isNot(String id, String wanted) {
        Declared d = declared.get(id);
        return d == null ? "is not declared in this file; it must be the id of " + wanted
                : "is " + d.what() + " on line " + d.line() + ", not " + wanted;
    }

    void later(Runnable check) {
        later.add(check);
    }

    boolean full() {
        return problems.size() >= MAX_PROBLEMS;
    }

    static String shape(Node n) {
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        if (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) return "an empty value";
        return "a single value";
    }

    static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
