package io.onegrid.hub.grid;

import io.onegrid.profile.ProfileException;
import io.onegrid.profile.Problems;
import io.onegrid.profile.YamlDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The grid file: one readable YAML document that describes a district's grid (format: docs/grid.md). The same
 * reader takes the JSON of {@code PUT /api/grid}, since JSON is YAML. Reading reports every problem at once as a
 * {@link GridException} of {@code source:line:column: problem} lines; writing gives block-style YAML that reads
 * back to an equal {@link Grid}. Static and thread-safe.
 *
 * <p>Hostile input is bounded: at most {@link #MAX_BYTES} of text, {@value #MAX_VALUES} YAML values and
 * {@value #MAX_DEPTH} levels of nesting; no tags, anchors or aliases; at most {@value GridReader#MAX_PROBLEMS}
 * problems are listed.
 */
public final class GridFile {
    /** Largest grid file accepted (4 MiB); a district with thousands of sites and residents is well below. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;
    /** Most YAML values (scalars, lists, mappings) accepted; a unit costs about five. */
    public static final int MAX_VALUES = 250_000;
    /** Deepest nesting accepted; the format itself needs 12 (district to a unit's id). */
    public static final int MAX_DEPTH = 24;
    /** The demo district on the class path (the same file as cloud-bridge/config/demo-grid.yaml). */
    public static final String DEMO_RESOURCE = "io/onegrid/hub/grid/demo-grid.yaml";

    private static final YamlDocument DOCUMENT = new YamlDocument("grid file", MAX_BYTES, MAX_DEPTH, MAX_VALUES, true);

    private GridFile() { }

    /**
     * Reads a grid file (YAML or JSON); {@code sourceName} (a path, "PUT /api/grid", ...) starts every problem.
     *
     * @throws GridException listing every problem found
     */
    public static Grid parse(String text, String sourceName) {
        long size = text.length() <= MAX_BYTES / 4 ? text.length() : text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_BYTES) throw tooBig(sourceName, size);
        Node root;
        try {
            root = DOCUMENT.compose(sourceName, jsonAsYaml(text));
        } catch (ProfileException e) {
            throw new GridException(e.allProblems().stream().map(p -> format(sourceName, p)).toList());
        }
        if (root == null) {
            throw fail(sourceName, "the grid file is empty; it needs at least 'district:' with an id (see docs/grid.md)");
        }
        Problems problems = new Problems(sourceName);
        Grid grid = new GridReader(problems).read(root);
        if (grid == null) throw new GridException(listed(sourceName, problems.all()));
        return grid;
    }

    /** Reads a UTF-8 grid file from disk; its path (as given) names it in problems. */
    public static Grid read(Path file) {
        String text;
        try {
            text = DOCUMENT.readFile(file);
        } catch (ProfileException e) {
            throw new GridException(e.allProblems().stream().map(p -> format(file.toString(), p)).toList());
        }
        return parse(text, file.toString());
    }

    /** The demo district shipped with the hub ({@link #DEMO_RESOURCE}). */
    public static Grid demo() {
        return parse(demoText(), "classpath:" + DEMO_RESOURCE);
    }

    /** The text of the demo grid file, as shipped. */
    public static String demoText() {
        try (InputStream in = GridFile.class.getClassLoader().getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the hub jar lacks " + DEMO_RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The grid as a grid file: block-style YAML, no comments, that {@link #parse} reads back to an equal grid.
     * (A grid built in code rather than read from a file round-trips as long as its unit and area ids have the
     * form {@code site/unit} and each site lists its units before its areas.)
     */
    public static String export(Grid grid) {
        return GridWriter.write(grid);
    }

    /**
     * JSON is YAML except for two things JSON writers do: indent with tabs and escape '/' as "\/". In a
     * document that starts like JSON, a tab outside a string becomes a space (a raw tab cannot occur inside a
     * JSON string) and "\/" inside a string becomes "/", so the YAML reader sees the same values.
     */
    static String jsonAsYaml(String text) {
        int start = 0;
        while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\uFEFF')) start++;
        if (start == text.length() || (text.charAt(start) != '{' && text.charAt(start) != '[')) return text;
        if (text.indexOf('\t') < 0 && !text.contains("\\/")) return text;
        StringBuilder out = new StringBuilder(text.length());
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!inString) {
                inString = c == '"';
                out.append(c == '\t' ? ' ' : c);
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next != '/') out.append(c);
                out.append(next);
            } else {
                inString = c != '"';
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> listed(String sourceName, List<ProfileException> all) {
        List<String> out = new ArrayList<>();
        for (ProfileException p : all.subList(0, Math.min(all.size(), GridReader.MAX_PROBLEMS))) out.add(format(sourceName, p));
        if (all.size() >= GridReader.MAX_PROBLEMS) {
            ProfileException last = all.get(all.size() - 1);
            out.add(format(sourceName, new ProfileException(sourceName, last.line(), last.column(), "stopped after "
                    + GridReader.MAX_PROBLEMS + " problems; fix these and read the file again")));
        }
        return out;
    }

    /** "source:line:column: problem"; a problem of the whole document is placed at 1:1. */
    private static String format(String sourceName, ProfileException p) {
        return sourceName + ":" + Math.max(1, p.line()) + ":" + Math.max(1, p.column()) + ": " + p.problem();
    }

    private static GridException tooBig(String sourceName, long size) {
        return fail(sourceName, DOCUMENT.tooBig(sourceName, size).problem());
    }

    private static GridException fail(String sourceName, String problem) {
        return new GridException(List.of(sourceName + ":1:1: " + problem));
    }
}
