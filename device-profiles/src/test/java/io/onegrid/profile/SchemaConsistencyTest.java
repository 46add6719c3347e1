package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.onegrid.profile.schema.ProfileSchema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The published JSON schema declares exactly what the loader accepts: the same keys and values, the same files valid, the same mistakes refused. */
@SuppressWarnings("unchecked")
class SchemaConsistencyTest {
    private final Map<String, Object> schema = load();

    private static Map<String, Object> load() {
        try (InputStream in = SchemaConsistencyTest.class.getClassLoader().getResourceAsStream("schema/device-profile.schema.json")) {
            assertThat(in).as("schema is published on the classpath").isNotNull();
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> def(String name) {
        return (Map<String, Object>) ((Map<String, Object>) schema.get("$defs")).get(name);
    }

    private static Map<String, Object> props(Map<String, Object> node) {
        return (Map<String, Object>) node.get("properties");
    }

    private static List<Object> enumOf(Map<String, Object> owner, String key) {
        return (List<Object>) ((Map<String, Object>) props(owner).get(key)).get("enum");
    }

    /** Each block's declared properties are exactly the loader's keys. */
    @Test
    void keysMatchTheLoader() {
        assertThat(props(schema).keySet()).containsExactlyInAnyOrderElementsOf(Keys.PROFILE);
        assertThat(props((Map<String, Object>) props(schema).get("poll")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.POLL);
        assertThat(props((Map<String, Object>) props(schema).get("report")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.REPORT);
        assertThat(props(def("channel")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.CHANNEL);
        assertThat(props(def("modbus")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.MODBUS);
        assertThat(props(def("gpio")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.GPIO);
        assertThat(props(def("coap")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.COAP);
        assertThat(props(def("rule")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.RULE);
        assertThat(props(def("action")).keySet()).containsExactlyInAnyOrderElementsOf(Keys.ACTION);
    }

    /** Enumerations list exactly the loader's spellings. */
    @Test
    void enumerationsMatchTheLoader() {
        assertThat(enumOf(schema, "protocol")).containsExactlyElementsOf(Names.PROTOCOLS.keySet());
        assertThat(enumOf(def("channel"), "type")).containsExactlyElementsOf(Names.DATA_TYPES.keySet());
        assertThat(enumOf(def("channel"), "access")).containsExactlyElementsOf(Names.ACCESS.keySet());
        assertThat(enumOf(def("modbus"), "table")).containsExactlyElementsOf(Names.TABLES.keySet());
        assertThat(enumOf(def("modbus"), "wordOrder")).containsExactlyElementsOf(Names.WORD_ORDERS.keySet());
        assertThat(enumOf(def("gpio"), "direction")).containsExactlyElementsOf(Names.DIRECTIONS.keySet());
        assertThat(enumOf(def("gpio"), "pull")).containsExactlyElementsOf(Names.PULLS.keySet());
        assertThat(enumOf(def("gpio"), "activeLevel")).containsExactlyElementsOf(Names.LEVELS.keySet());
        assertThat(enumOf(def("rule"), "kind")).containsExactlyElementsOf(Names.RULE_KINDS.keySet());
        assertThat(enumOf(def("rule"), "severity")).containsExactlyElementsOf(Names.SEVERITIES.keySet());
    }

    /** Each rule kind's allowed keys in the schema are the common keys plus that kind's parameters. */
    @Test
    void ruleKindsMatchTheLoader() {
        List<Map<String, Object>> branches = (List<Map<String, Object>>) def("rule").get("allOf");
        assertThat(branches).hasSize(RuleKind.values().length);
        for (Map<String, Object> b : branches) {
            Map<String, Object> kindConst = (Map<String, Object>) props((Map<String, Object>) b.get("if")).get("kind");
            RuleKind kind = Names.RULE_KINDS.get((String) kindConst.get("const"));
            Map<String, Object> then = (Map<String, Object>) b.get("then");
            List<String> allowed = (List<String>) ((Map<String, Object>) then.get("propertyNames")).get("enum");
            List<String> expected = new ArrayList<>(Keys.RULE_COMMON);
            expected.addAll(Keys.RULE_PARAMS.get(kind));
            assertThat(allowed).as(kind.name()).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The schema's id, duration and window patterns accept and refuse the same samples as the loader. */
    @Test
    void patternsMatchTheLoader() {
        Pattern id = Pattern.compile((String) def("id").get("pattern"));
        for (String s : List.of("pressure", "temperature-1", "a_b", "Pressure", "1st", "a.b", "", "x".repeat(65))) {
            assertThat(id.matcher(s).find()).as(s).isEqualTo(Ids.ID.matcher(s).matches());
        }
        Pattern duration = Pattern.compile((String) def("duration").get("pattern"));
        for (String s : List.of("250ms", "30s", "5m", "1h", "1h30m", "2d", "30", "1.5h", "5 s", "-1s", "PT5S", "0s")) {
            assertThat(duration.matcher(s).find()).as(s).isEqualTo(Durations.parse(s).isPresent());
        }
        Pattern window = Pattern.compile((String) def("window").get("pattern"));
        for (String s : List.of("22:00-07:00", "07:00 - 22:30", "7:00-22:00", "24:00-07:00", "22:00")) {
            assertThat(window.matcher(s).find()).as(s).isEqualTo(Durations.parseWindow(s).isPresent());
        }
        Pattern caseType = Pattern.compile((String) ((Map<String, Object>) props(def("rule")).get("caseType")).get("pattern"));
        for (String s : List.of("fire.smoke", "welfare.inactivity", "fire", "Fire.smoke", "fire..smoke", "fire.")) {
            assertThat(caseType.matcher(s).find()).as(s).isEqualTo(Ids.CASE_TYPE.matcher(s).matches());
        }
    }

    private static final YamlDocument YAML = new YamlDocument("profile", ProfileLoader.MAX_BYTES, 20, 100_000, false);

    /** Every shipped profile is valid under both the real schema validator and the loader. */
    @Test
    void everyShippedProfileIsValidUnderBoth() throws IOException {
        for (String name : ProfileCatalogs.builtinFileNames()) {
            String text = Files.readString(ProfileCatalogsTest.SHIPPED.resolve(name));

            assertThat(ProfileSchema.published().check(name, YAML.compose(name, text))).as(name).isEmpty();
            assertThat(ProfileLoader.parse(name, text).id()).isEqualTo(name.replace(".yaml", ""));
        }
    }

    /** Broken variants of shipped profiles, one mistake each, are rejected by the schema and by the loader alike. */
    @Test
    void brokenVariantsAreRejectedByBoth() throws IOException {
        String hydrant = Files.readString(ProfileCatalogsTest.SHIPPED.resolve("hydrant-pressure-modbus.yaml"));
        String door = Files.readString(ProfileCatalogsTest.SHIPPED.resolve("door-contact-gpio.yaml"));
        String smoke = Files.readString(ProfileCatalogsTest.SHIPPED.resolve("smoke-detector-gpio.yaml"));
        Map<String, String> variants = new java.util.LinkedHashMap<>();
        variants.put("unknown top-level key", hydrant.replace("manufacturer: generic", "maker: generic"));
        variants.put("missing required key", hydrant.replace("category: hydrant-pressure\n", ""));
        variants.put("unknown protocol", hydrant.replace("protocol: modbus-tcp", "protocol: bacnet"));
        variants.put("id with upper case", hydrant.replace("id: hydrant-pressure-modbus", "id: Hydrant"));
        variants.put("interval without unit", hydrant.replace("interval: 5s", "interval: 5"));
        variants.put("zero heartbeat", hydrant.replace("heartbeat: 5m", "heartbeat: 0s"));
        variants.put("negative deadband", hydrant.replace("deadband: {pressure: 0.01}", "deadband: {pressure: -0.01}"));
        variants.put("unknown data type", hydrant.replace("type: float32", "type: real"));
        variants.put("unknown access", hydrant.replace("    type: uint16\n", "    type: uint16\n    access: sometimes\n"));
        variants.put("unknown modbus key", hydrant.replace("wordOrder: big", "byteorder: big"));
        variants.put("address out of range", hydrant.replace("address: 10}", "address: 70000}"));
        variants.put("channel without its block", hydrant.replace("    modbus: {table: input, address: 10}\n", ""));
        variants.put("no channels", door.replace(door.substring(door.indexOf("channels:"), door.indexOf("alarms:")), "channels: []\n"));
        variants.put("unknown rule kind", hydrant.replace("kind: threshold", "kind: limit"));
        variants.put("threshold without a limit", hydrant.replace("    below: 0.10\n", ""));
        variants.put("a key of another kind", hydrant.replace("    below: 0.10\n", "    below: 0.10\n    inactivity: 1h\n"));
        variants.put("negative hysteresis", hydrant.replace("hysteresis: 0.02", "hysteresis: -0.02"));
        variants.put("limit as text", hydrant.replace("below: 0.10", "below: \"0.10\""));
        variants.put("unknown severity", hydrant.replace("severity: major", "severity: urgent"));
        variants.put("bad case type", hydrant.replace("caseType: fire.hydrant-pressure-low", "caseType: Fire..low"));
        variants.put("rule without severity", hydrant.replace("    severity: major\n", ""));
        variants.put("state rule without equals", smoke.replace("    equals: true\n", ""));
        variants.put("inactivity of zero", door.replace("inactivity: 12h", "inactivity: 0h"));
        variants.put("window without minutes", door.replace("inactivity: 12h", "inactivity: 12h\n    window: \"22-07\""));
        variants.put("action without value", smoke.replace("actions: [{channel: siren, value: true}]", "actions: [{channel: siren}]"));
        variants.put("gpio direction", smoke.replace("direction: out", "direction: both"));

        for (Map.Entry<String, String> v : variants.entrySet()) {
            assertThat(v.getValue()).as(v.getKey() + " changes the file").isNotIn(hydrant, door, smoke);
            assertThat(ProfileSchema.published().check("variant.yaml", YAML.compose("variant.yaml", v.getValue())))
                    .as("schema rejects: " + v.getKey()).isNotEmpty();
            assertThatThrownBy(() -> ProfileLoader.parse("variant.yaml", v.getValue())).as("loader rejects: " + v.getKey())
                    .isInstanceOf(ProfileException.class);
        }
    }

    /**
     * The schema is never stricter than the loader: over a seeded sample of one-value changes to every shipped
     * file (a value replaced by a number, a boolean, an empty value, text, a list, a mapping...), whatever the
     * loader loads conforms to the schema. (The loader refuses more: ids, references and types across keys.)
     */
    @Test
    void whatTheLoaderLoadsTheSchemaAccepts() throws IOException {
        String[] values = {"true", "off", "~", "\"\"", "-1", "0", "1.5", "70000", "\"0.10\"", "x", "0s", "5m", "/p",
                "\"22:00-07:00\"", "[1, 2]", "{a: 1}", "{0: normal}", "2026-12-02"};
        java.util.Random random = new java.util.Random(7);
        int loaded = 0;
        for (String name : ProfileCatalogs.builtinFileNames()) {
            String[] lines = Files.readString(ProfileCatalogsTest.SHIPPED.resolve(name)).split("\n", -1);
            for (int n = 0; n < 40; n++) {
                int i = random.nextInt(lines.length);
                int colon = lines[i].indexOf(": ");
                if (colon < 0 || lines[i].strip().startsWith("#")) continue;
                String[] changed = lines.clone();
                changed[i] = lines[i].substring(0, colon + 2) + values[random.nextInt(values.length)];
                String text = String.join("\n", changed);
                try {
                    ProfileLoader.parse(name, text);
                } catch (ProfileException e) {
                    continue;
                }
                loaded++;
                assertThat(ProfileSchema.published().check(name, YAML.compose(name, text)))
                        .as("the loader loads " + name + " with line " + (i + 1) + " as '" + changed[i].strip() + "'").isEmpty();
            }
        }
        assertThat(loaded).as("the sample has files the loader loads").isGreaterThan(50);
    }

    /** Every key used by every shipped profile is declared at its place in the schema. */
    @Test
    void everyShippedProfileKeyIsCovered() throws IOException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (String name : ProfileCatalogs.builtinFileNames()) {
            Object doc = yaml.load(Files.readString(ProfileCatalogsTest.SHIPPED.resolve(name)));
            List<String> uncovered = new ArrayList<>();
            walk(doc, schema, name, uncovered);
            assertThat(uncovered).as(name).isEmpty();
        }
    }

    private void walk(Object value, Map<String, Object> node, String path, List<String> uncovered) {
        node = resolve(node);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> properties = props(node);
            Object additional = node.get("additionalProperties");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (properties != null && properties.containsKey(key)) {
                    walk(e.getValue(), (Map<String, Object>) properties.get(key), path + "." + key, uncovered);
                } else if (additional instanceof Map<?, ?> extra) {
                    walk(e.getValue(), (Map<String, Object>) extra, path + "." + key, uncovered);
                } else {
                    uncovered.add(path + "." + key);
                }
            }
        } else if (value instanceof List<?> list && node.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) walk(list.get(i), (Map<String, Object>) items, path + "[" + i + "]", uncovered);
        }
    }

    private Map<String, Object> resolve(Map<String, Object> node) {
        Object ref = node.get("$ref");
        if (ref instanceof String r && r.startsWith("#/$defs/")) return resolve(def(r.substring("#/$defs/".length())));
        return node;
    }
}
