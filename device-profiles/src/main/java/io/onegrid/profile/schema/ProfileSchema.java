package io.onegrid.profile.schema;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.ValidationLimitExceededException;
import com.networknt.schema.path.PathType;
import io.onegrid.profile.ProfileException;
import io.onegrid.profile.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The published profile schema ({@code schema/device-profile.schema.json} on the classpath) as a validator of
 * composed YAML documents: every schema error becomes a {@link ProfileException} at the line and column of the
 * YAML node it is about, with what is allowed there.
 *
 * <p>The schema is read from this module's classpath and nothing else: remote fetching is off and every other
 * location is blocked, so a {@code $ref} can never reach the network. The validator (networknt
 * json-schema-validator, on Jackson 3) is needed by the profile checker only; the gateway bundle imports it
 * optionally and never loads this class. Thread-safe.
 */
public final class ProfileSchema {
    /** Where the schema is published on the classpath. */
    public static final String RESOURCE = "schema/device-profile.schema.json";
    /** Bounds the work one document may cost the validator (a real profile takes a few thousand steps). */
    private static final long MAX_STEPS = 2_000_000;

    private final Schema schema;
    private final JsonNode schemaTree;
    private final SchemaMessages messages;

    private ProfileSchema(String id, String text) {
        this.schemaTree = JsonMapper.builder().build().readTree(text);
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER)
                .formatAssertionsEnabled(false).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b
                .schemaRegistryConfig(config)
                .schemas(Map.of(id, text))
                .schemaLoader(l -> l.fetchRemoteResources(false).block(iri -> !iri.toString().equals(id))));
        this.schema = registry.getSchema(SchemaLocation.of(id));
        this.schema.initializeValidators();
        this.messages = new SchemaMessages(schemaTree);
    }

    private static final class Holder {
        static final ProfileSchema INSTANCE = load();
    }

    /** The published schema, read once. */
    public static ProfileSchema published() {
        return Holder.INSTANCE;
    }

    private static ProfileSchema load() {
        try (InputStream in = ProfileSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String id = JsonMapper.builder().build().readTree(text).path("$id").asString();
            return new ProfileSchema(id, text);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** A validator for schema {@code text} whose {@code $id} is {@code id}; the published one is {@link #published()}. */
    static ProfileSchema of(String id, String text) {
        return new ProfileSchema(id, text);
    }

    /** The schema as a tree, for tests and tools that read its declarations. */
    public JsonNode tree() {
        return schemaTree;
    }

    /**
     * One schema error and the last line of the YAML node it is about (its first line is the problem's), so a
     * checker can tell whether another report already covers it.
     */
    public record Finding(ProfileException problem, int lastLine) { }

    /** Every schema error of the document {@code root} (composed from {@code sourceName}), in file order. */
    public List<ProfileException> check(String sourceName, Node root) {
        return findings(sourceName, root).stream().map(Finding::problem).toList();
    }

    /**
     * Every schema error of the document {@code root}, in file order, one per place and sentence, each with the
     * extent of the node it is about; empty when the document conforms.
     */
    public List<Finding> findings(String sourceName, Node root) {
        JsonTree tree = JsonTree.of(root);
        Problems problems = new Problems(sourceName);
        List<Error> errors;
        try {
            errors = schema.validate(tree.root(), ctx -> ctx.executionConfig(c -> c.maxEvaluationSteps(MAX_STEPS)));
        } catch (ValidationLimitExceededException e) {
            problems.add(root, "the schema check gave up after " + MAX_STEPS + " steps; a profile this complex is not"
                    + " a real device's (real ones take a few thousand)");
            return List.of(new Finding(problems.all().get(0), lastLine(root)));
        }
        Map<String, Finding> seen = new LinkedHashMap<>();
        Map<String, List<Error>> anyOfs = new LinkedHashMap<>();
        for (Error e : errors) {
            String pointer = e.getInstanceLocation().toString();
            String evaluation = String.valueOf(e.getEvaluationPath());
            int branch = evaluation.lastIndexOf("/anyOf/");
            if (branch >= 0) {
                anyOfs.computeIfAbsent(pointer + "\n" + evaluation.substring(0, branch), k -> new ArrayList<>()).add(e);
                continue;
            }
            report(problems, seen, at(tree, e, pointer), messages.describe(e, pointer));
        }
        for (Map.Entry<String, List<Error>> group : anyOfs.entrySet()) {
            String pointer = group.getKey().substring(0, group.getKey().indexOf('\n'));
            report(problems, seen, nearest(tree, pointer), messages.anyOf(pointer, group.getValue()));
        }
        List<Finding> out = new ArrayList<>(seen.values());
        out.sort(Comparator.comparingInt((Finding f) -> f.problem().line()).thenComparingInt(f -> f.problem().column()));
        return out;
    }

    private static void report(Problems problems, Map<String, Finding> seen, Node at, String text) {
        if (text == null) return;
        String key = Problems.lineOf(at) + ":" + Problems.columnOf(at) + ":" + text;
        if (seen.containsKey(key)) return;
        Problems one = new Problems(problems.file());
        one.add(at, text);
        seen.put(key, new Finding(one.all().get(0), lastLine(at)));
    }

    /** The last line {@code node} occupies (a block ends where the next token starts, often column 1 of the next line). */
    static int lastLine(Node node) {
        if (node == null || node.getEndMark() == null) return Problems.lineOf(node);
        int line = node.getEndMark().getLine() + 1;
        if (node.getEndMark().getColumn() == 0) line--;
        return Math.max(line, Problems.lineOf(node));
    }

    /** The key of the property an error names (unknown or misnamed keys), else the value it is about. */
    private static Node at(JsonTree tree, Error e, String pointer) {
        Node key = e.getProperty() == null ? null : tree.keys().get(child(pointer, e.getProperty()));
        return key != null && !e.getKeyword().equals("required") ? key : nearest(tree, pointer);
    }

    private static String child(String pointer, String property) {
        return pointer + "/" + JsonTree.escape(property);
    }

    private static Node nearest(JsonTree tree, String pointer) {
        String p = pointer;
        while (!tree.values().containsKey(p) && !p.isEmpty()) p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        return tree.values().get(p);
    }
}
