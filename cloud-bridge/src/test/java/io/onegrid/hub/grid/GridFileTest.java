package io.onegrid.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The grid file reads the demo district and the small fixture, accepts JSON, and round-trips through export. */
class GridFileTest {
    @TempDir
    Path dir;

    /** The demo district has the shape docs/grid.md promises: tiers, bldg-7 with 302 and its areas, people, teams. */
    @Test
    void demoDistrictHasThePromisedShape() {
        // GIVEN the demo grid shipped in the hub jar WHEN it is read
        Grid g = GridFile.demo();
        // THEN one district with two streets and three communities, each with grids
        assertThat(g.district().id()).isEqualTo("xh");
        assertThat(g.district().name()).isEqualTo("西湖区");
        assertThat(kinds(g, NodeKind.STREET)).hasSizeGreaterThanOrEqualTo(2);
        List<GridNode> communities = kinds(g, NodeKind.COMMUNITY);
        assertThat(communities).hasSizeGreaterThanOrEqualTo(3);
        for (GridNode c : communities) assertThat(g.children(c.id())).extracting(GridNode::kind).contains(NodeKind.GRID);
        assertThat(kinds(g, NodeKind.SITE)).hasSizeGreaterThanOrEqualTo(4);
        // AND bldg-7 with flat 302, the pump room and the stairwell, in the Shuguang community
        assertThat(g.node("bldg-7/302")).get().extracting(GridNode::kind).isEqualTo(NodeKind.UNIT);
        assertThat(g.node("bldg-7/pump-room")).get().extracting(GridNode::kind).isEqualTo(NodeKind.AREA);
        assertThat(g.node("bldg-7/stairwell")).get().extracting(GridNode::kind).isEqualTo(NodeKind.AREA);
        assertThat(g.ancestor("bldg-7", NodeKind.COMMUNITY)).get().extracting(GridNode::id).isEqualTo("xh-bs-sg");
        // AND the elder in 302: alone, 12 h inactivity in the daytime window, two contacts, a social worker
        Resident r = g.resident("res-302").orElseThrow();
        assertThat(r.unitId()).isEqualTo("bldg-7/302");
        assertThat(r.livesAlone()).isTrue();
        assertThat(r.carePlan().inactivity()).isEqualTo(Duration.ofHours(12));
        assertThat(r.carePlan().activeWindow()).isEqualTo("06:00-22:00");
        assertThat(r.contacts()).hasSize(2);
        assertThat(g.responder(r.socialWorker())).get().extracting(Responder::role).isEqualTo(ResponderRole.SOCIAL_WORKER);
        // AND a grid worker per grid, property management of bldg-7, the community's fire station, duty officers
        for (GridNode grid : kinds(g, NodeKind.GRID)) {
            assertThat(g.respondersFor(grid.id(), ResponderRole.GRID_WORKER)).as(grid.id())
                    .anyMatch(p -> p.nodeId().equals(grid.id()));
        }
        assertThat(g.respondersFor("bldg-7", ResponderRole.PROPERTY_MANAGEMENT)).extracting(Responder::nodeId)
                .containsExactly("bldg-7");
        assertThat(g.respondersFor("bldg-7/302", ResponderRole.MICRO_FIRE_STATION)).extracting(Responder::nodeId)
                .containsExactly("xh-bs-sg");
        for (GridNode street : kinds(g, NodeKind.STREET)) {
            assertThat(g.respondersFor(street.id(), ResponderRole.STREET_DUTY)).as(street.id()).isNotEmpty();
        }
        assertThat(g.respondersFor("xh", ResponderRole.DISTRICT_DUTY)).isNotEmpty();
        // AND a team for every community, street and the district, whose members are responders
        for (GridNode n : g.nodes()) {
            if (!n.kind().isTier()) continue;
            Team t = g.team(n.id()).orElseThrow(() -> new AssertionError("no team for " + n.id()));
            assertThat(t.members()).isNotEmpty().allMatch(m -> g.responder(m).isPresent());
        }
    }

    /** The editable demo file in cloud-bridge/config is the very file the hub jar carries. */
    @Test
    void configFileIsTheDemoResource() throws Exception {
        // GIVEN the file users pass to 'grid import' WHEN compared with the class-path resource THEN they are equal
        Path config = Path.of("config/demo-grid.yaml");
        assertThat(config).exists();
        assertThat(Files.readString(config, StandardCharsets.UTF_8)).isEqualTo(GridFile.demoText());
        // AND reading it from disk gives the demo grid
        assertThat(GridFile.read(config)).isEqualTo(GridFile.demo());
    }

    /** Export writes block-style YAML that reads back to an equal grid, for the demo and the small fixture. */
    @Test
    void exportRoundTrips() {
        for (Grid g : List.of(GridFile.demo(), GridFile.parse(GridFiles.SMALL, GridFiles.SMALL_NAME))) {
            // GIVEN a grid WHEN exported and read again
            String yaml = GridFile.export(g);
            Grid back = GridFile.parse(yaml, "export.yaml");
            // THEN it is equal, written in block style without anchors, and a second export is identical
            assertThat(back).isEqualTo(g);
            assertThat(yaml).doesNotContain("{", "&id", "*id").startsWith("district:\n  id: ");
            assertThat(GridFile.export(back)).isEqualTo(yaml);
        }
    }

    /** Optional keys left out of the file take their documented defaults. */
    @Test
    void defaults() {
        // GIVEN a minimal file: a unit without a name, a resident with only id and unit
        Grid g = GridFile.parse("""
                district:
                  id: d
                  streets: [{id: s, communities: [{id: c, grids: [{id: g, sites: [{id: b, units: [{id: 1}]}]}]}]}]
                residents: [{id: r, unit: b/1}]
                """, "min.yaml");
        // THEN names default to the id as written, livesAlone to false, no care plan, contacts or teams
        assertThat(g.district().name()).isEqualTo("d");
        assertThat(g.node("b/1")).get().extracting(GridNode::name, GridNode::parentId).containsExactly("1", "b");
        Resident r = g.resident("r").orElseThrow();
        assertThat(r.livesAlone()).isFalse();
        assertThat(r.carePlan()).isEqualTo(CarePlan.NONE);
        assertThat(r.contacts()).isEmpty();
        assertThat(r.socialWorker()).isNull();
        assertThat(g.teams()).isEmpty();
        assertThat(GridFile.parse(GridFile.export(g), "again.yaml")).isEqualTo(g);
    }

    /** JSON, compact or pretty (with tabs), reads to the same grid as the YAML it was made from. */
    @Test
    void jsonIsAccepted() throws Exception {
        // GIVEN the small fixture as plain data, written as JSON the way an HTTP client would send it
        Object data = new Yaml(new SafeConstructor(new LoaderOptions())).load(GridFiles.SMALL);
        ObjectMapper json = new ObjectMapper();
        String compact = json.writeValueAsString(data);
        String pretty = json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(data).replace("  ", "\t");
        Grid expected = GridFile.parse(GridFiles.SMALL, GridFiles.SMALL_NAME);
        // WHEN read THEN the grid is the same
        assertThat(GridFile.parse(compact, "PUT /api/grid")).isEqualTo(expected);
        assertThat(GridFile.parse(pretty, "PUT /api/grid")).isEqualTo(expected);
        // AND a JSON problem is placed by line and column too
        String bad = compact.replace("\"livesAlone\":true", "\"livesAlone\":\"often\"");
        assertThat(GridFiles.problems(bad)).singleElement().asString()
                .matches("small\\.yaml:1:\\d+: 'livesAlone' in resident 'r1' must be true or false, got 'often'");
        // AND JSON's escapes are understood
        assertThat(GridFile.parse(compact.replace("Test district", "Test\\/\\u533a"), "j").district().name()).isEqualTo("Test/区");
        assertThat(GridFile.parse(compact.replace("Test district", "a\\\\/b"), "j").district().name()).isEqualTo("a\\/b");
    }

    /** A file on disk is named by its path; a byte-order mark is ignored; bytes that are not UTF-8 are refused. */
    @Test
    void readsFiles() throws Exception {
        // GIVEN the small grid on disk, behind a byte-order mark WHEN read THEN it is the same grid
        Path f = dir.resolve("grid.yaml");
        Files.writeString(f, "\uFEFF" + GridFiles.SMALL);
        assertThat(GridFile.read(f)).isEqualTo(GridFile.parse(GridFiles.SMALL, "x"));
        // GIVEN Latin-1 bytes, then no file at all WHEN read THEN the problem says so, naming the path
        Files.write(f, "district: {id: d, name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(catchProblems(f)).containsExactly(f + ":1:1: the file is not UTF-8 text; save it as UTF-8");
        Path missing = dir.resolve("missing.yaml");
        assertThat(catchProblems(missing)).singleElement().asString().startsWith(missing + ":1:1: cannot read the file");
    }

    private static List<String> catchProblems(Path f) {
        try {
            GridFile.read(f);
        } catch (GridException e) {
            return e.problems();
        }
        throw new AssertionError("read " + f + " without problems");
    }

    private static List<GridNode> kinds(Grid g, NodeKind kind) {
        return g.nodes().stream().filter(n -> n.kind() == kind).toList();
    }
}
