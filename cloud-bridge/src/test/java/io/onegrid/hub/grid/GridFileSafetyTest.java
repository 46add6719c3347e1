package io.onegrid.hub.grid;

import static io.onegrid.hub.grid.GridFiles.problems;
import static io.onegrid.hub.grid.GridFiles.small;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Empty, broken and hostile documents get one clear problem each and are never expanded or half-read. */
class GridFileSafetyTest {
    /** An alias could build recursive or exponential structures: it is refused, and so is an unused anchor. */
    @Test
    void anchorsAndAliasesAreRefused() {
        // GIVEN a team that reuses another team's member list through an anchor and an alias
        String text = small("members: [duty-d]", "members: &m [duty-d]").replace("members: [gw-1]", "members: *m");
        // WHEN read THEN the anchor is refused where it is written
        assertThat(problems(text)).containsExactly("small.yaml:5:42: YAML anchors (&m) are not allowed in grid files;"
                + " write every value out in full, without anchors or aliases");
        // AND an alias on its own is refused too
        assertThat(problems("district: {id: d, name: *x}\n")).containsExactly(
                "small.yaml:1:25: YAML aliases (*x) are not allowed in grid files; write the value out in full");
    }

    /** A tag cannot construct anything: it is refused where it is written. */
    @Test
    void tagsAreRefused() {
        // GIVEN a Java type tag in a name WHEN read THEN it is refused on its line and column
        assertThat(problems(small("name: Test district", "name: !!java.net.URL [\"http://x/\"]"))).singleElement()
                .asString().startsWith("small.yaml:4:9: YAML tag '!!java.net.URL' is not allowed in grid files");
    }

    /** Empty text, comments only, a lone value, a list, control characters: each gets one sentence at 1:1. */
    @Test
    void emptyAndGarbageDocuments() {
        String empty = "small.yaml:1:1: the grid file is empty; it needs at least 'district:' with an id (see docs/grid.md)";
        // GIVEN nothing, or only comments WHEN read THEN the file is called empty
        assertThat(problems("")).containsExactly(empty);
        assertThat(problems("\n  # just a comment\n")).containsExactly(empty);
        // GIVEN a value or a list instead of the grid THEN the shape is named
        assertThat(problems("hello")).containsExactly(
                "small.yaml:1:1: the grid file must be a mapping of keys to values (key: value), not a single value");
        assertThat(problems("[1, 2]")).containsExactly(
                "small.yaml:1:1: the grid file must be a mapping of keys to values (key: value), not a list");
        // GIVEN control characters THEN it is not YAML
        assertThat(problems("\u0000\u0001garbage")).singleElement().asString().startsWith("small.yaml:1:1: not valid YAML");
        // GIVEN people but no district THEN the district is asked for
        assertThat(problems("responders: []\n")).containsExactly("small.yaml:1:1: the grid file has no 'district'; it"
                + " needs the top of the tree: a district with an id, a name and its streets");
    }

    /** A syntax error carries the parser's line and column; a second document in the same text is refused. */
    @Test
    void syntaxErrorsArePlaced() {
        // GIVEN an unclosed list on line 5 WHEN read THEN the problem is placed and explains itself
        assertThat(problems(small("members: [duty-d]}", "members: [duty-d}"))).singleElement().asString()
                .matches("small\\.yaml:5:\\d+: not valid YAML: .*; check indentation and quoting around this line \\(a grid"
                        + " file is one YAML document\\)");
        // GIVEN two documents THEN the second is refused
        assertThat(problems(GridFiles.SMALL + "---\n" + GridFiles.SMALL)).singleElement().asString()
                .startsWith("small.yaml:33:1: not valid YAML");
    }

    /** Size, number of values and nesting are bounded before anything large is built. */
    @Test
    void hostileSizesAreRefused() {
        // GIVEN more text than a grid file may hold
        assertThat(problems("# " + "x".repeat(GridFile.MAX_BYTES) + "\n")).singleElement().asString()
                .startsWith("small.yaml:1:1: the file is " + (GridFile.MAX_BYTES + 3) + " bytes, over the grid file size limit of " + GridFile.MAX_BYTES + " bytes");
        // GIVEN a short text with a huge number of tiny values
        assertThat(problems("district: [" + "1,".repeat(GridFile.MAX_VALUES) + "1]")).singleElement().asString()
                .contains("the grid file holds more than " + GridFile.MAX_VALUES + " values");
        // GIVEN deep nesting
        assertThat(problems("district: " + "[".repeat(200) + "]".repeat(200))).singleElement().asString()
                .startsWith("small.yaml:1:").contains("nested more than").contains("levels deep");
    }

    /** A file with thousands of mistakes lists the first ones and says it stopped. */
    @Test
    void problemListIsBounded() {
        // GIVEN 1000 responders with an unknown role
        StringBuilder sb = new StringBuilder(GridFiles.SMALL.substring(0, GridFiles.SMALL.indexOf("responders:")));
        sb.append("responders:\n");
        for (int i = 0; i < 1000; i++) sb.append("  - {id: p").append(i).append(", role: mayor, node: d}\n");
        // WHEN read THEN the first problems are listed, then one line saying the reader stopped
        List<String> problems = problems(sb.toString());
        assertThat(problems).hasSize(GridReader.MAX_PROBLEMS + 1);
        assertThat(problems.get(0)).startsWith("small.yaml:21:20: 'role' in responder 'p0' must be one of grid-worker,");
        assertThat(problems.get(problems.size() - 1)).endsWith("stopped after " + GridReader.MAX_PROBLEMS
                + " problems; fix these and read the file again");
    }
}
