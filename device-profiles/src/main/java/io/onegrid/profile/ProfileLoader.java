package io.onegrid.profile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads device-profile YAML (format: docs/device-profiles.md, schema: schema/device-profile.schema.json)
 * into a {@link DeviceProfile}. Every problem is a {@link ProfileException} with file, line and a sentence;
 * when a file has several, the first is thrown and carries them all.
 *
 * <p>The YAML is composed by {@link YamlDocument} (no tags, no aliases, bounded nesting) and walked, never
 * constructed into objects; files are limited to {@link #MAX_BYTES}, so a hostile file cannot exhaust memory
 * or loop forever. Methods are static and thread-safe; an instance may be created for callers that prefer one.
 */
public final class ProfileLoader {
    /** Largest profile accepted (1 MiB); real profiles are a few kilobytes. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_DEPTH = 20;
    /** Real profiles hold a few hundred values. */
    private static final int MAX_VALUES = 100_000;
    private static final YamlDocument DOCUMENT = new YamlDocument("profile", MAX_BYTES, MAX_DEPTH, MAX_VALUES, false);

    public ProfileLoader() {
        // stateless; kept so that new ProfileLoader().load(path) also reads naturally
    }

    /** Loads a profile file; its path (as given) names it in problems. */
    public static DeviceProfile load(Path file) {
        return parse(file.toString(), readFile(file));
    }

    /** Parses profile text; {@code sourceName} (a file name or "classpath:...") names it in problems. */
    public static DeviceProfile parse(String sourceName, String yaml) {
        Node root = compose(sourceName, yaml);
        if (root == null) throw empty(sourceName);
        return read(sourceName, root);
    }

    /** The problem of a file that holds no document. */
    static ProfileException empty(String sourceName) {
        return new ProfileException(sourceName, 1, "the file is empty; a profile needs at least id, name, category,"
                + " protocol and channels");
    }

    /** The UTF-8 text of a profile file, within the size limit (for tools that also check it against the schema). */
    static String readFile(Path file) {
        return DOCUMENT.readFile(file);
    }

    /** The composed document of profile text, null when it holds none; the nodes carry lines and columns. */
    static Node compose(String sourceName, String yaml) {
        long bytes = yaml.length() <= MAX_BYTES / 4 ? yaml.length() : yaml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) throw tooBig(sourceName, bytes);
        return DOCUMENT.compose(sourceName, yaml);
    }

    /** The profile a composed document describes. */
    static DeviceProfile read(String sourceName, Node root) {
        Problems problems = new Problems(sourceName);
        DeviceProfile profile = new ProfileReader(problems).read(root);
        problems.throwIfAny();
        return profile;
    }

    private static ProfileException tooBig(String name, long size) {
        return DOCUMENT.tooBig(name, size);
    }
}
