package io.onegrid.hub.grid;

import io.onegrid.profile.Durations;
import io.onegrid.profile.YamlMap;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the responders and residents of a grid file for {@link GridReader}. These hold personal data (names,
 * phones, contacts, care notes), so no message here quotes a value other than an id, a role or a duration.
 */
final class GridPeopleReader {
    static final List<String> RESPONDER = List.of("id", "name", "role", "node", "phone", "user");
    static final List<String> RESIDENT = List.of("id", "name", "unit", "livesAlone", "phone", "carePlan", "contacts",
            "socialWorker");
    static final List<String> CARE_PLAN = List.of("inactivity", "window", "notes");
    static final List<String> CONTACT = List.of("name", "relation", "phone");
    static final Map<String, ResponderRole> ROLES;

    static {
        Map<String, ResponderRole> m = new LinkedHashMap<>();
        for (ResponderRole r : ResponderRole.values()) m.put(r.wireName(), r);
        ROLES = Collections.unmodifiableMap(m);
    }

    private final GridReader grid;
    final List<Responder> responders = new ArrayList<>();
    final List<Resident> residents = new ArrayList<>();

    GridPeopleReader(GridReader grid) {
        this.grid = grid;
    }

    void responders(List<Node> items) {
        for (int i = 0; i < items.size() && !grid.full(); i++) {
            YamlMap r = grid.mapping(items.get(i), where("responder", items.get(i), i), RESPONDER);
            if (r == null) continue;
            String id = grid.id(r, "id", true);
            if (id != null && !grid.claim(id, r.value("id"), "the responder")) id = null;
            String name = r.text("name", false, "the responder's name");
            ResponderRole role = r.choice("role", ROLES, true, null);
            String node = r.text("node", true, "the id of the place they work at (a grid for a grid worker, a site for"
                    + " property management, the tier for a duty officer)");
            String phone = r.text("phone", false, "a phone number");
            String user = r.text("user", false, "the hub user name that acts as this responder");
            if (node != null) {
                Node at = r.value("node");
                grid.later(() -> {
                    if (!grid.nodes.containsKey(node)) {
                        grid.problems.add(at, r.where() + " works at '" + node + "', which " + grid.isNot(node, "a place"));
                    }
                });
            }
            if (id == null) continue;
            grid.roles.put(id, role);
            if (role != null && node != null) responders.add(new Responder(id, name, role, node, phone, user));
        }
    }

    void residents(List<Node> items) {
        for (int i = 0; i < items.size() && !grid.full(); i++) {
            YamlMap r = grid.mapping(items.get(i), where("resident", items.get(i), i), RESIDENT);
            if (r == null) continue;
            String id = grid.id(r, "id", true);
            if (id != null && !grid.claim(id, r.value("id"), "the resident")) id = null;
            String name = r.text("name", false, "the resident's name");
            String unit = r.text("unit", true, "the id of their flat, site/unit such as bldg-7/302");
            Boolean alone = r.bool("livesAlone", false, "true or false");
            String phone = r.text("phone", false, "a phone number");
            CarePlan plan = carePlan(r);
            List<Contact> contacts = contacts(r);
            String socialWorker = r.text("socialWorker", false, "the id of a responder whose role is social-worker");
            if (unit != null) checkUnit(r, unit);
            if (socialWorker != null) checkSocialWorker(r, socialWorker);
            if (id != null && unit != null) {
                residents.add(new Resident(id, name, unit, alone != null && alone, phone, plan, contacts, socialWorker));
            }
        }
    }

    private String where(String what, Node item, int index) {
        String id = YamlMap.peek(item, "id");
        return id == null ? what + " " + (index + 1) : what + " '" + GridReader.clip(id) + "'";
    }

    private CarePlan carePlan(YamlMap r) {
        Node node = r.value("carePlan");
        YamlMap c = node == null ? null : grid.mapping(node, "the care plan of " + r.where(), CARE_PLAN);
        if (c == null) return CarePlan.NONE;
        Duration inactivity = c.duration("inactivity", false, true);
        LocalTime[] window = c.window("window", false);
        String notes = c.text("notes", false, "free text for the responder");
        return new CarePlan(inactivity, window == null ? null : Durations.formatWindow(window[0], window[1]), notes);
    }

    private List<Contact> contacts(YamlMap r) {
        List<Contact> out = new ArrayList<>();
        List<Node> items = grid.items(r, "contacts", "a list of contacts such as [{name: ..., relation: daughter, phone: ...}]");
        for (int i = 0; i < items.size(); i++) {
            YamlMap c = grid.mapping(items.get(i), "contact " + (i + 1) + " of " + r.where(), CONTACT);
            if (c == null) continue;
            String name = c.text("name", false, "the contact's name");
            String relation = c.text("relation", false, "how they relate to the resident, such as daughter or neighbour");
            String phone = c.text("phone", true, "a phone number to call");
            if (phone != null) out.add(new Contact(name, relation, phone));
        }
        return out;
    }

    private void checkUnit(YamlMap r, String unit) {
        Node at = r.value("unit");
        grid.later(() -> {
            GridNode u = grid.nodes.get(unit);
            if (u != null && u.kind() == NodeKind.UNIT) return;
            String problem;
            if (u == null) {
                problem = r.where() + " lives in '" + unit + "', which " + grid.isNot(unit, "a unit") + unitsOf(unit);
            } else {
                problem = r.where() + " lives in '" + unit + "', which is " + article(u.kind()) + ", not a unit"
                        + (u.kind() == NodeKind.SITE ? "; write site/unit, such as " + Grid.unitId(unit, firstUnit(u)) : "");
            }
            grid.problems.add(at, problem);
        });
    }

    /** "; site 'bldg-7' has units 301, 302" when the site part of a unknown unit id is a known site. */
    private String unitsOf(String unit) {
        int slash = unit.indexOf('/');
        GridNode site = slash < 0 ? null : grid.nodes.get(unit.substring(0, slash));
        if (site == null || site.kind() != NodeKind.SITE) return "";
        List<String> units = grid.nodes.values().stream()
                .filter(n -> n.kind() == NodeKind.UNIT && site.id().equals(n.parentId()))
                .map(n -> n.id().substring(site.id().length() + 1)).limit(11).toList();
        if (units.isEmpty()) return "; site '" + site.id() + "' has no units";
        String list = String.join(", ", units.subList(0, Math.min(10, units.size())));
        return "; site '" + site.id() + "' has units " + list + (units.size() > 10 ? ", ..." : "");
    }

    private String firstUnit(GridNode site) {
        return grid.nodes.values().stream().filter(n -> n.kind() == NodeKind.UNIT && site.id().equals(n.parentId()))
                .map(n -> n.id().substring(site.id().length() + 1)).findFirst().orElse("302");
    }

    private void checkSocialWorker(YamlMap r, String socialWorker) {
        Node at = r.value("socialWorker");
        grid.later(() -> {
            if (!grid.roles.containsKey(socialWorker)) {
                grid.problems.add(at, "socialWorker of " + r.where() + " is '" + socialWorker + "', which "
                        + grid.isNot(socialWorker, "a responder"));
                return;
            }
            ResponderRole role = grid.roles.get(socialWorker);
            if (role != null && role != ResponderRole.SOCIAL_WORKER) {
                grid.problems.add(at, "socialWorker of " + r.where() + " is '" + socialWorker + "', a " + role.wireName()
                        + "; it must be a responder whose role is social-worker");
            }
        });
    }

    private static String article(NodeKind kind) {
        return (kind == NodeKind.AREA ? "an " : "a ") + kind.wireName();
    }
}
