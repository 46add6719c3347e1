package io.onegrid.hub.grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Fixtures of the grid-file tests: the small fixed grid and a way to see the problems of an edited copy. */
final class GridFiles {
    static final String SMALL_NAME = "small.yaml";
    static final String SMALL = resource("/io/onegrid/hub/grid/small-grid.yaml");

    private GridFiles() { }

    static String resource(String path) {
        try (InputStream in = GridFiles.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The small grid with {@code from} replaced by {@code to} (which must occur exactly once). */
    static String small(String from, String to) {
        assertThat(SMALL.split(java.util.regex.Pattern.quote(from), -1)).as("occurrences of " + from).hasSize(2);
        return SMALL.replace(from, to);
    }

    /** The problems reading {@code text} reports; fails when it reads without any. */
    static List<String> problems(String text) {
        GridException e = catchThrowableOfType(GridException.class, () -> GridFile.parse(text, SMALL_NAME));
        assertThat(e).as("a GridException").isNotNull();
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
        return e.problems();
    }
}
