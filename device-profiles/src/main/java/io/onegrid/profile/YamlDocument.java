package io.onegrid.profile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns the text of one YAML (or JSON) document into SnakeYAML nodes for a reader built on {@link YamlMap}.
 * The text is only composed, never constructed into objects, so no tag can instantiate a class; custom tags
 * and aliases are refused where they are written, and size and nesting are bounded, so a hostile document
 * cannot exhaust memory or loop forever. Problems are {@link ProfileException}s with line and column.
 * Thread-safe.
 */
public final class YamlDocument {
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ, Tag.TIMESTAMP);

    private final String kind;
    private final int maxChars;
    private final int maxDepth;
    private final int maxValues;
    private final boolean refuseAnchors;

    /**
     * {@code kind} names the document in messages ("profile", "grid file"); {@code maxChars},
     * {@code maxDepth} and {@code maxValues} bound its size, nesting and number of nodes (scalars, lists and
     * mappings: each costs a few hundred bytes once composed, so a short "[1,1,1,...]" text could otherwise
     * take a hundred times its size in memory); {@code refuseAnchors} also refuses an anchor (&amp;name) that
     * no alias uses yet, for formats that never need one.
     */
    public YamlDocument(String kind, int maxChars, int maxDepth, int maxValues, boolean refuseAnchors) {
        this.kind = kind;
        this.maxChars = maxChars;
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
        this.refuseAnchors = refuseAnchors;
    }

    /**
     * The root node of {@code text}, or null when it holds no document (empty, blank or only comments). A
     * leading byte-order mark is ignored. Throws a {@link ProfileException} naming {@code sourceName} when the
     * text is not one plain YAML document.
     */
    public Node compose(String sourceName, String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(5);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(maxDepth);
        options.setCodePointLimit(maxChars);
        options.setProcessComments(false);
        Node root;
        PlainEvents events = new PlainEvents(new ParserImpl(new StreamReader(text), options), sourceName, kind, maxValues,
                refuseAnchors);
        try {
            Composer composer = new Composer(events, new Resolver(), options);
            root = composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw syntax(sourceName, mark, problem + context);
        } catch (YAMLException e) {
            // limits (nesting depth, size) are reported without a mark; the last event read is where it happened
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("Nesting Depth exceeded")) {
                Mark at = events.lastMark();
                throw new ProfileException(sourceName, at == null ? 0 : at.getLine() + 1, at == null ? 0 : at.getColumn() + 1,
                        "the " + kind + " is nested more than " + maxDepth + " levels deep");
            }
            throw syntax(sourceName, events.lastMark(), message);
        }
        if (root != null) {
            Problems problems = new Problems(sourceName);
            checkPlain(root, problems, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
            problems.throwIfAny();
        }
        return root;
    }

    /**
     * The text of a UTF-8 file of this kind, for {@link #compose}; its path (as given) names it in problems.
     * The size is checked before the file is read, so a huge file is refused without filling memory.
     *
     * @throws ProfileException when the file cannot be read, is larger than the document's size bound or is
     *         not UTF-8
     */
    public String readFile(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxChars) throw tooBig(name, size);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProfileException(name, 0, "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (bytes.length > maxChars) throw tooBig(name, bytes.length);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProfileException(name, 0, "the file is not UTF-8 text; save it as UTF-8");
        }
    }

    /** The problem for a text of {@code size} bytes over this document's size bound. */
    public ProfileException tooBig(String name, long size) {
        return new ProfileException(name, 0, "the file is " + size + " bytes, over the " + kind + " size limit of "
                + maxChars + " bytes");
    }

    private ProfileException syntax(String sourceName, Mark mark, String problem) {
        return new ProfileException(sourceName, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1,
                "not valid YAML: " + problem.trim().replaceAll("\\s+", " ")
                        + "; check indentation and quoting around this line (a " + kind + " is one YAML document)");
    }

    /** Refuses what plain data does not need: custom tags (!!java..., !foo) and aliases (*name). */
    private void checkPlain(Node node, Problems problems, Set<Node> seen, int depth) {
        if (!seen.add(node)) {
            problems.add(node, "YAML aliases (*name) are not allowed in " + kind + "s; write the value out in full");
            return;
        }
        if (depth > maxDepth) {
            problems.add(node, "the " + kind + " is nested more than " + maxDepth + " levels deep");
            return;
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            problems.add(node, "YAML tag '" + node.getTag().getValue() + "' is not allowed in " + kind + "s; write plain"
                    + " values (text, numbers, true/false, lists and mappings)");
            return;
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                checkPlain(t.getKeyNode(), problems, seen, depth + 1);
                checkPlain(t.getValueNode(), problems, seen, depth + 1);
            }
        } else if (node instanceof SequenceNode s) {
            for (Node child : s.getValue()) checkPlain(child, problems, seen, depth + 1);
        }
    }
}
