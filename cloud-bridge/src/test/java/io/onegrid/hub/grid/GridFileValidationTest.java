package io.onegrid.hub.grid;

import static io.onegrid.hub.grid.GridFiles.problems;
import static io.onegrid.hub.grid.GridFiles.small;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every mistake in a grid file is reported as small.yaml:line:column with a sentence that says what to fix. */
class GridFileValidationTest {
    /** An unknown key is reported where it is written, with a "did you mean" when a known key is close. */
    @Test
    void unknownKeys() {
        // GIVEN a misspelt address and a misspelt top-level section WHEN read THEN both are named with a suggestion
        String text = small("      address: 1 Test Road", "      adress: 1 Test Road") + "resident: []\n";
        assertThat(problems(text)).containsExactly(
                "small.yaml:17:19: unknown key 'adress' in site 'b1'; did you mean 'address'? Allowed keys: id, name,"
                        + " address, units, areas",
                "small.yaml:33:1: unknown key 'resident' in the grid file; did you mean 'residents'? Allowed keys:"
                        + " district, responders, residents");
    }

    /** Required keys: id everywhere, role and node for responders, unit for residents, phone for contacts. */
    @Test
    void missingRequiredKeys() {
        // GIVEN a unit without id, a responder with only an id, a resident without unit, a contact without phone
        String text = small("{id: \"102\", name: Flat 102}", "{name: Flat 102}")
                .replace("- {id: duty-d, role: district-duty, node: d, user: op-d}", "- {id: duty-d}")
                .replace("    unit: b1/101\n", "")
                .replace(", phone: \"+00 555 0102\"}", "}");
        // WHEN read THEN each is reported at the mapping that lacks it
        assertThat(problems(text)).containsExactly(
                "small.yaml:18:40: unit 2 of site 'b1' has no 'id'; it needs " + GridReader.ID_HINT,
                "small.yaml:23:5: responder 'duty-d' has no 'role'; it needs one of grid-worker, social-worker,"
                        + " property-management, micro-fire-station, community-duty, street-duty, district-duty",
                "small.yaml:23:5: responder 'duty-d' has no 'node'; it needs the id of the place they work at (a grid for"
                        + " a grid worker, a site for property management, the tier for a duty officer)",
                "small.yaml:25:5: resident 'r1' has no 'unit'; it needs the id of their flat, site/unit such as bldg-7/302",
                "small.yaml:30:16: contact 1 of resident 'r1' has no 'phone'; it needs a phone number to call");
    }

    /** An id used twice anywhere (places, responders, residents) names where it was first used. */
    @Test
    void duplicateIds() {
        // GIVEN a grid with the community's id, a responder with the resident's id, an area with a unit's id
        String text = small("            - id: g1", "            - id: c1")
                .replace("{id: pump-room}", "{id: \"102\"}")
                .replace("- {id: sw-1,", "- {id: r1,").replace("socialWorker: sw-1", "socialWorker: r1");
        // WHEN read THEN each second use is reported with the line of the first
        assertThat(problems(text)).contains(
                "small.yaml:14:19: id 'c1' is already used by the community on line 10; ids must be unique in the whole"
                        + " file (places, responders and residents)",
                "small.yaml:19:32: id 'b1/102' is already used by the unit on line 18; ids must be unique in the whole"
                        + " file (places, responders and residents)",
                "small.yaml:25:9: id 'r1' is already used by the responder on line 22; ids must be unique in the whole"
                        + " file (places, responders and residents)");
    }

    /** Ids allow ASCII letters, digits, '.', '-' and '_'; a '/' gets its own explanation. */
    @Test
    void badIdCharacters() {
        // GIVEN a site id with a space, a unit id with a slash and a responder id starting with a dot
        String text = small("          - id: b1\n", "          - id: b 1\n")
                .replace("{id: \"101\"}", "{id: \"1/01\"}").replace("- {id: duty-d,", "- {id: .duty,");
        // WHEN read THEN each id is refused with the rule
        List<String> problems = problems(text);
        assertThat(problems).contains(
                "small.yaml:16:23: 'id' of site 'b 1' must be " + GridReader.ID_HINT + ", got 'b 1'",
                "small.yaml:23:10: 'id' of responder '.duty' must be " + GridReader.ID_HINT + ", got '.duty'");
        // AND the unit under the refused site is still checked on its own
        assertThat(String.join("\n", problems)).contains(":18:32: 'id' of unit '1/01' must be " + GridReader.ID_HINT
                + ", got '1/01'; '/' is reserved: a unit's or area's id becomes site/unit by itself");
    }

    /** A responder must work at a place declared in the file. */
    @Test
    void responderAtUnknownNode() {
        // GIVEN a grid worker at a grid that does not exist WHEN read THEN the node is named
        assertThat(problems(small("node: g1,", "node: g9,"))).containsExactly(
                "small.yaml:21:60: responder 'gw-1' works at 'g9', which is not declared in this file; it must be the id"
                        + " of a place");
    }

    /** A resident must live in a unit: an unknown unit lists the site's units, a site or area is named as such. */
    @Test
    void residentUnitUnknownOrNotAUnit() {
        // GIVEN a resident in a unit the site does not have, in an area, in a site WHEN read THEN each is explained
        assertThat(problems(small("unit: b1/101", "unit: b1/103"))).containsExactly(
                "small.yaml:27:11: resident 'r1' lives in 'b1/103', which is not declared in this file; it must be the id"
                        + " of a unit; site 'b1' has units 101, 102");
        assertThat(problems(small("unit: b1/101", "unit: b1/pump-room"))).containsExactly(
                "small.yaml:27:11: resident 'r1' lives in 'b1/pump-room', which is an area, not a unit");
        assertThat(problems(small("unit: b1/101", "unit: b1"))).containsExactly(
                "small.yaml:27:11: resident 'r1' lives in 'b1', which is a site, not a unit; write site/unit, such as b1/101");
    }

    /** A social worker must be a declared responder whose role is social-worker. */
    @Test
    void socialWorkerUnknownOrOfAnotherRole() {
        // GIVEN a resident whose social worker is a grid worker, then nobody WHEN read THEN each is explained
        assertThat(problems(small("socialWorker: sw-1", "socialWorker: gw-1"))).containsExactly(
                "small.yaml:32:19: socialWorker of resident 'r1' is 'gw-1', a grid-worker; it must be a responder whose"
                        + " role is social-worker");
        assertThat(problems(small("socialWorker: sw-1", "socialWorker: sw-9"))).containsExactly(
                "small.yaml:32:19: socialWorker of resident 'r1' is 'sw-9', which is not declared in this file; it must"
                        + " be the id of a responder");
    }

    /** Team members must be responders, each listed once. */
    @Test
    void teamMembersMustBeResponders() {
        // GIVEN a team listing a resident, an unknown id and a responder twice WHEN read THEN each is reported
        assertThat(problems(small("members: [gw-1]", "members: [gw-1, r1, nobody, gw-1]"))).containsExactly(
                "small.yaml:12:34: the team of community 'c1' lists 'r1', which is the resident on line 25, not a responder",
                "small.yaml:12:38: the team of community 'c1' lists 'nobody', which is not declared in this file; it must"
                        + " be the id of a responder",
                "small.yaml:12:46: the team of community 'c1' lists 'gw-1' twice; list each responder once");
    }

    /** Durations, daily windows, booleans and roles use the project's one syntax and say what they expect. */
    @Test
    void badValues() {
        // GIVEN a worded duration, a window without minutes, a "maybe" and a misspelt role
        String text = small("inactivity: 12h", "inactivity: 12 hours").replace("\"06:00-22:00\"", "\"6-22\"")
                .replace("livesAlone: true", "livesAlone: maybe").replace("role: grid-worker", "role: grid-wroker");
        // WHEN read THEN each names the value and the expected form
        assertThat(problems(text)).containsExactly(
                "small.yaml:21:41: 'role' in responder 'gw-1' must be one of grid-worker, social-worker,"
                        + " property-management, micro-fire-station, community-duty, street-duty, district-duty, got"
                        + " 'grid-wroker'; did you mean 'grid-worker'?",
                "small.yaml:28:17: 'livesAlone' in resident 'r1' must be true or false, got 'maybe'",
                "small.yaml:30:28: 'inactivity' in the care plan of resident 'r1' must be a positive duration such as"
                        + " 250ms, 30s, 5m, 1h or 1h30m (units ms, s, m, h, d), got '12 hours'",
                "small.yaml:30:46: 'window' in the care plan of resident 'r1' must be a daily window \"HH:MM-HH:MM\" in"
                        + " 24-hour local time, such as \"22:00-07:00\" whose start and end differ, got '6-22'");
        // AND a zero inactivity is not a window at all
        assertThat(problems(small("inactivity: 12h", "inactivity: 0s"))).singleElement().asString()
                .contains("must be a positive duration");
    }

    /** Values of the wrong shape are reported; a mapping where a list belongs does not stop the rest. */
    @Test
    void wrongShapes() {
        // GIVEN streets written as a mapping and a team as a list WHEN read THEN both are reported
        String text = small("  streets:\n", "  streets: {}\n  x-streets:\n").replace("team: {members: [gw-1]}", "team: [gw-1]");
        assertThat(problems(text)).contains(
                "small.yaml:6:12: 'streets' in district 'd' must be a list of streets, got a mapping",
                "small.yaml:7:3: unknown key 'x-streets' in district 'd'; did you mean 'streets'? Allowed keys: id, name,"
                        + " address, team, streets");
    }

    /** Several problems in one file are all reported, in file order, and none quotes a name, phone or note. */
    @Test
    void everyProblemIsReportedWithoutPersonalData() {
        // GIVEN a file with many mistakes, some inside personal data
        String text = small("      address: 1 Test Road", "      adress: 1 Test Road")
                .replace("node: g1,", "node: g9,")
                .replace("name: Secret Name", "name: [Secret Name]")
                .replace("phone: \"+00 555 0101\"", "phone: {number: \"+00 555 0101\"}")
                .replace("notes: keys with the neighbour", "notes: [keys with the neighbour]")
                .replace("[{name: Secret Daughter, relation: daughter, phone: \"+00 555 0102\"}]", "[Secret Daughter +00 555 0102]")
                .replace("socialWorker: sw-1", "socialWorker: gw-1");
        // WHEN read
        List<String> problems = problems(text);
        // THEN every one is listed, sorted by line
        assertThat(problems).hasSize(7);
        assertThat(problems).extracting(p -> Integer.parseInt(p.split(":")[1])).isSorted();
        assertThat(problems).anyMatch(p -> p.startsWith("small.yaml:26:11: 'name' in resident 'r1' must be the resident's name"))
                .anyMatch(p -> p.startsWith("small.yaml:31:16: contact 1 of resident 'r1' must be a mapping"));
        // AND no message repeats what the file says about a person
        assertThat(String.join("\n", problems)).doesNotContain("Secret", "555", "neighbour");
    }
}
