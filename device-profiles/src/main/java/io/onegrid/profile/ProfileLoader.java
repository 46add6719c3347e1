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
 * Reads device-profile YAML (format: docs/device-profiles.md, schema: schema/device-profile.schema.json)
 * into a {@link DeviceProfile}. Every problem is a {@link ProfileException} with file, line and a sentence;
 * when a file has several, the first is thrown and carries them all.
 *
 * <p>The YAML is only composed into nodes and walked, never constructed into objects, so no tag can
 * instantiate a class; files are limited to {@link #MAX_BYTES}, nesting depth is bounded and aliases are
 * refused, so a hostile file cannot exhaust memory or loop forever. Methods are static and thread-safe;
 * an instance may be created for callers that prefer one.
 */
public final class ProfileLoader {
    /** Largest profile accepted (1 MiB); real profiles are a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DEPTH = 20;
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP,
            Tag.SEQ, Tag.TIMESTAMP);

    public ProfileLoader() {
        // stateless; kept so that new ProfileLoader().load(path) also reads naturally
    }

    /** Loads a profile file; its path (as given) names it in problems. */
    public static DeviceProfile load(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) throw tooBig(name, size);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProfileException(name, 0, "cannot read the file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (bytes.length > MAX_BYTES) throw tooBig(name, bytes.length);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProfileException(name, 0, "the file is not UTF-8 text; save it as UTF-8");
        }
        return parse(name, text);
    }

    /** Parses profile text; {@code sourceName} (a file name or "classpath:...") names it in problems. */
    public static DeviceProfile parse(String sourceName, String yaml) {
        long bytes = yaml.length() <= MAX_BYTES / 4 ? yaml.length() : yaml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) throw tooBig(sourceName, bytes);
        if (!yaml.isEmpty() && yaml.charAt(0) == '\uFEFF') yaml = yaml.substring(1);
        Node root = compose(sourceName, yaml);
        if (root == null) {
            throw new ProfileException(sourceName, 1, "the file is empty; a profile needs at least id, name, category,"
                    + " protocol and channels");
        }
        Problems problems = new Problems(sourceName);
        checkPlain(root, problems, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        problems.throwIfAny();
        DeviceProfile profile = new ProfileReader(problems).read(root);
        problems.throwIfAny();
        return profile;
    }

    private static Node compose(String sourceName, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(5);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setProcessComments(false);
        try {
            Composer composer = new Composer(new PlainEvents(new ParserImpl(new StreamReader(yaml), options), sourceName),
                    new Resolver(), options);
            return composer.getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            return failSyntax(sourceName, mark == null ? 0 : mark.getLine() + 1, problem + context);
        } catch (YAMLException e) {
            return failSyntax(sourceName, 0, e.getMessage());
        }
    }

    private static Node failSyntax(String sourceName, int line, String problem) {
        throw new ProfileException(sourceName, line, "not valid YAML: " + problem.trim().replaceAll("\\s+", " ")
                + "; check indentation and quoting around this line (a profile is one YAML document)");
    }

    /** Refuses what plain data does not need: custom tags (!!java..., !foo) and aliases (*name). */
    private static void checkPlain(Node node, Problems problems, Set<Node> seen, int depth) {
        if (!seen.add(node)) {
            problems.add(node, "YAML aliases (*name) are not allowed in profiles; write the value out in full");
            return;
        }
        if (depth > MAX_DEPTH) {
            problems.add(node, "the profile is nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        if (!PLAIN_TAGS.contains(node.getTag())) {
            problems.add(node, "YAML tag '" + node.getTag().getValue() + "' is not allowed in profiles; write plain values"
                    + " (text, numbers, true/false, lists and mappings)");
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

    private static ProfileException tooBig(String name, long size) {
        return new ProfileException(name, 0, "the file is " + size + " bytes; profiles are limited to " + MAX_BYTES
                + " bytes (1 MiB), real ones are a few kilobytes");
    }
}
