package io.onegrid.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The grid's queries on the demo district: where a gateway location belongs, paths, scopes, tiers, responders. */
class GridQueriesTest {
    private final Grid g = GridFile.demo();

    /** A gateway location resolves to the unit if known, else the area, else the site; an unknown site to nothing. */
    @Test
    void resolve() {
        // GIVEN the locations a gateway sends WHEN resolved THEN the most precise known place is chosen
        assertThat(g.resolve("bldg-7", "302", null)).map(GridNode::id).contains("bldg-7/302");
        assertThat(g.resolve("bldg-7", null, "pump-room")).map(GridNode::id).contains("bldg-7/pump-room");
        assertThat(g.resolve("bldg-7", "999", "stairwell")).map(GridNode::id).contains("bldg-7/stairwell");
        assertThat(g.resolve("bldg-7", "999", "roof")).map(GridNode::id).contains("bldg-7");
        // AND a site the grid does not know, or an id that is not a site, goes to the district's unplaced queue
        assertThat(g.resolve("bldg-99", "302", null)).isEmpty();
        assertThat(g.resolve("xh-bs-sg", null, null)).isEmpty();
        assertThat(g.resolve(null, "302", null)).isEmpty();
    }

    /** Paths are materialised from the district down and end with a slash, so prefixes never match by accident. */
    @Test
    void path() {
        // GIVEN flat 302 and an unknown id WHEN their paths are asked THEN the full chain, or nothing
        assertThat(g.path("bldg-7/302")).contains("/xh/xh-bs/xh-bs-sg/xh-bs-sg-g1/bldg-7/bldg-7/302/");
        assertThat(g.path("xh")).contains("/xh/");
        assertThat(g.path("nowhere")).isEmpty();
        assertThat(g.path(null)).isEmpty();
    }

    /** A place is within itself and its ancestors only; ids that share a prefix are not nested. */
    @Test
    void isWithin() {
        // GIVEN flat 302 in Shuguang, street Beishan THEN it is within its community, street, district and itself
        assertThat(g.isWithin("bldg-7/302", "xh-bs-sg")).isTrue();
        assertThat(g.isWithin("bldg-7/302", "xh-bs")).isTrue();
        assertThat(g.isWithin("bldg-7/302", "xh")).isTrue();
        assertThat(g.isWithin("bldg-7/302", "bldg-7/302")).isTrue();
        // AND not within another community, a sibling street, or its own flat's neighbour
        assertThat(g.isWithin("bldg-7/302", "xh-bs-yq")).isFalse();
        assertThat(g.isWithin("bldg-7/302", "xh-ly")).isFalse();
        assertThat(g.isWithin("bldg-7/302", "bldg-7/301")).isFalse();
        assertThat(g.isWithin("xh-bs-sg", "bldg-7")).isFalse();
        // AND an unknown place is within nothing, and nothing is within it
        assertThat(g.isWithin("nowhere", "xh")).isFalse();
        assertThat(g.isWithin("xh", "nowhere")).isFalse();
    }

    /** The tier of a place is its nearest community, street or district; the tier above climbs one step. */
    @Test
    void tiers() {
        // GIVEN places at several depths WHEN their tier is asked THEN the nearest command tier is given
        assertThat(g.tierOf("bldg-7/302").id()).isEqualTo("xh-bs-sg");
        assertThat(g.tierOf("xh-ly-mjw-g1").id()).isEqualTo("xh-ly-mjw");
        assertThat(g.tierOf("xh-bs").id()).isEqualTo("xh-bs");
        assertThat(g.tierOf("nowhere").id()).isEqualTo("xh");
        // AND escalation goes community → street → district → nothing
        assertThat(g.tierAbove("xh-bs-sg")).map(GridNode::id).contains("xh-bs");
        assertThat(g.tierAbove("xh-bs")).map(GridNode::id).contains("xh");
        assertThat(g.tierAbove("xh")).isEmpty();
        assertThat(g.tierAbove("nowhere")).isEmpty();
    }

    /** Responders for a place are those at the place and above, nearest first, optionally of one role. */
    @Test
    void respondersFor() {
        // GIVEN flat 302 WHEN its responders are asked THEN property management, the grid worker, the community's
        // people, the street duty and the district duty come in that order
        assertThat(g.respondersFor("bldg-7/302")).extracting(Responder::id).containsExactly("pm-bldg-7", "gw-zhang",
                "sw-li", "mfs-sg", "duty-sg", "duty-bs", "duty-xh");
        // AND by role
        assertThat(g.respondersFor("bldg-7/302", ResponderRole.GRID_WORKER)).extracting(Responder::id).containsExactly("gw-zhang");
        assertThat(g.respondersFor("bldg-12", ResponderRole.GRID_WORKER)).extracting(Responder::id).containsExactly("gw-chen");
        assertThat(g.respondersFor("mjw-18/main", ResponderRole.SOCIAL_WORKER)).extracting(Responder::id).containsExactly("sw-zhou");
        assertThat(g.respondersFor("yq-3", ResponderRole.STREET_DUTY)).extracting(Responder::id).containsExactly("duty-bs");
        // AND an unknown place has none
        assertThat(g.respondersFor("nowhere")).isEmpty();
        assertThat(g.responder("gw-zhang").map(Responder::user)).isEqualTo(Optional.of("op-sg-g1"));
    }
}
