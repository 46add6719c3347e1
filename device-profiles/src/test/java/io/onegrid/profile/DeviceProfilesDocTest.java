package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.onegrid.profile.schema.ProfileSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/device-profiles.md cannot drift from the schema or the catalog: its reference tables list exactly the
 * schema's keys, each with the schema's default and enumerated values, and every shipped profile has its row
 * and its own section.
 */
class DeviceProfilesDocTest {
    private static final Path DOC = Path.of("../docs/device-profiles.md");
    /** Reference heading -> where that block is declared in the schema. */
    private static final Map<String, String> BLOCKS = Map.of(
            "### Top level", "", "### `poll`", "/properties/poll", "### `report`", "/properties/report",
            "### Channels", "/$defs/channel", "### `modbus`", "/$defs/modbus", "### `gpio`", "/$defs/gpio",
            "### `coap`", "/$defs/coap", "### Alarm rules", "/$defs/rule", "#### Actions", "/$defs/action");

    private final JsonNode schema = ProfileSchema.published().tree();
    private final Map<String, List<String>> sections = sections();

    private static Map<String, List<String>> sections() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        try {
            for (String line : Files.readAllLines(DOC)) {
                if (line.startsWith("#")) {
                    current = new ArrayList<>();
                    out.put(line.strip(), current);
                } else if (current != null) {
                    current.add(line);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The first table of a section: its rows by the text of their first cell. */
    private Map<String, String> firstTable(String heading) {
        List<String> lines = sections.get(heading);
        assertThat(lines).as("section " + heading).isNotNull();
        Map<String, String> rows = new LinkedHashMap<>();
        int row = 0;
        for (String line : lines) {
            if (line.startsWith("|")) {
                String first = line.split("\\|", -1)[1].strip();
                if (row++ > 1) rows.put(first, line); // after the header and its |---| line
            } else if (row > 0) {
                break;
            }
        }
        return rows;
    }

    private static String row(Map<String, String> rows, String key) {
        return rows.entrySet().stream().filter(e -> List.of(e.getKey().split(" / ")).contains("`" + key + "`"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Every key of every block of the schema has a row in its reference table, with its default and its values. */
    @Test
    void everySchemaKeyIsDocumented() {
        for (Map.Entry<String, String> block : BLOCKS.entrySet()) {
            Map<String, String> rows = firstTable(block.getKey());
            JsonNode properties = schema.at(block.getValue()).path("properties");
            for (String key : properties.propertyNames()) {
                String row = row(rows, key);
                assertThat(row).as(block.getKey() + " documents '" + key + "'").isNotNull();
                JsonNode declared = properties.get(key);
                if (declared.has("default")) {
                    assertThat(row).as(block.getKey() + " '" + key + "' default").contains("`" + text(declared.get("default")) + "`");
                }
                for (JsonNode value : declared.path("enum")) {
                    assertThat(row).as(block.getKey() + " '" + key + "' value").contains("`" + text(value) + "`");
                }
            }
        }
    }

    /** No reference table documents a key the schema does not have. */
    @Test
    void noDocumentedKeyIsMissingFromTheSchema() {
        for (Map.Entry<String, String> block : BLOCKS.entrySet()) {
            JsonNode properties = schema.at(block.getValue()).path("properties");
            for (String cell : firstTable(block.getKey()).keySet()) {
                for (String key : cell.split(" / ")) {
                    assertThat(properties.has(key.replace("`", ""))).as(block.getKey() + " row " + key + " is in the schema").isTrue();
                }
            }
        }
    }

    /** Every shipped profile has a row in the catalog table and a section of its own. */
    @Test
    void everyCatalogProfileIsDocumented() {
        Map<String, String> table = firstTable("## The catalog");
        for (DeviceProfile p : ProfileCatalogs.builtin().all()) {
            assertThat(table).as("catalog table row").containsKey("`" + p.id() + "`");
            assertThat(table.get("`" + p.id() + "`")).as(p.id() + " protocol").contains("| " + p.protocol() + " |")
                    .contains("| " + p.channels().size() + " |");
            assertThat(sections).as("section of its own").containsKey("### `" + p.id() + "`");
        }
        assertThat(table).hasSize(ProfileCatalogs.builtin().all().size());
    }

    /** Every message placeholder is in the placeholder table. */
    @Test
    void everyPlaceholderIsDocumented() {
        Map<String, String> table = firstTable("#### Message placeholders");
        for (String p : AlarmRuleSpec.PLACEHOLDERS) assertThat(table).containsKey("`{" + p + "}`");
        assertThat(table).hasSameSizeAs(AlarmRuleSpec.PLACEHOLDERS);
    }

    private static String text(JsonNode v) {
        if (v.isString()) return v.asString();
        if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble())) return String.valueOf((long) v.asDouble());
        return v.toString();
    }
}
