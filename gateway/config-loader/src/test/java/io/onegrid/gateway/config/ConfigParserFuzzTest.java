package io.onegrid.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.onegrid.profile.ProfileCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated copies of the shipped configuration files (seeded, so a failure names the seed and input that make it
 * again) and a few hostile documents: every input ends in a configuration or a {@link ConfigException} whose
 * every problem has a line, never another exception, a hang or exhausted memory.
 */
class ConfigParserFuzzTest {
    private static final long SEED = 20261202L;
    private static final int MUTANTS_PER_FILE = 1_000;
    private static final Path CONFIG_DIR = Path.of("..", "config");
    private static final String[] TOKENS = {":", ": ", " ", "\n", "\n  ", "-", "- ", "{", "}", "[", "]", ",", "'", "\"",
            "*a", "&a ", "!!java.lang.Runtime ", "!x ", "#", "\t", "0", "-1", "99999999999999999999", "~", "é", "\u0000",
            "%", "@", "`", "|", ">", "? ", "<<: *a", "...", "---\n", "0x1F", "1e400", "yes", "null", "coap://", "riser-b",
            "bus: riser-a\n    ", "unitId: 300", "overrides: {a.b: 1}", "  - name: x\n    kind: rtu\n", "64TB", "1h30m"};

    @TempDir
    Path dir;
    private GatewayConfigParser parser;
    private String example;
    private String demo;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("hub-password"), "secret\n");
        Files.writeString(dir.resolve("hub-ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        Files.writeString(dir.resolve("coap-psk"), "0123456789abcdef\n");
        FieldProfiles.writeTo(dir.resolve("profiles"));
        // the catalog is built once: the fuzzed text is the file, not the profiles folder
        ProfileCatalog catalog = GatewayConfigParser.catalog(dir.resolve("profiles"));
        parser = new GatewayConfigParser(dir, null, profiles -> catalog);
        example = Files.readString(CONFIG_DIR.resolve("example.yaml")).replace("/etc/onegrid/", dir + "/");
        demo = Files.readString(CONFIG_DIR.resolve("demo.yaml"));
    }

    /** GIVEN the unmutated files WHEN parsed THEN they are valid, so the mutants start from a good file. */
    @Test
    void theSeedsAreValid() throws Exception {
        assertThat(parser.parse("example.yaml", example).devices()).hasSize(5);
        assertThat(parser.parse("demo.yaml", demo).devices()).hasSize(2);
    }

    /** GIVEN a thousand seeded mutants of each shipped file WHEN parsed THEN each ends in a config or a located ConfigException. */
    @Test
    void everyMutantEndsInAConfigOrALocatedError() {
        Random random = new Random(SEED);
        int refused = 0;
        for (String[] source : new String[][] {{"example.yaml", example}, {"demo.yaml", demo}}) {
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                String mutant = mutate(source[1], random);
                if (!parsesOrIsLocated(source[0], mutant, "seed " + SEED + ", " + source[0] + " mutant " + i)) refused++;
            }
        }
        // a fuzzer whose mutants all parse (or all fail) tests nothing
        assertThat(refused).isBetween(MUTANTS_PER_FILE / 4, 2 * MUTANTS_PER_FILE - MUTANTS_PER_FILE / 10);
    }

    /**
     * GIVEN hostile documents (an alias bomb, deep nesting, a huge file, many values, custom tags) WHEN parsed THEN each
     * is refused with a located problem, quickly and without filling memory.
     */
    @Test
    void hostileDocumentsAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 0; i < 9; i++) {
            bomb.append((char) ('b' + i)).append(": &").append((char) ('b' + i)).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*" + (char) ('a' + i)))).append("]\n");
        }
        List<String> hostile = List.of(bomb.toString(), "gateway: " + "[".repeat(10_000), "gateway: " + "{a: ".repeat(5_000),
                "devices: [" + "1, ".repeat(600_000) + "1]\n", "x: " + "a".repeat(5 * 1024 * 1024) + "\n",
                "gateway: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                "\uFEFFgateway: {id: gw-1}\nhub: {uri: 'tcp://h:1'}\nstorage: {dir: d}\ndevices: {}\n");
        for (int i = 0; i < hostile.size(); i++) {
            assertThat(parsesOrIsLocated("hostile.yaml", hostile.get(i), "hostile document " + i)).as("hostile " + i).isFalse();
        }
    }

    /** True when {@code yaml} parsed; false when refused with every problem located; fails the test otherwise. */
    private boolean parsesOrIsLocated(String name, String yaml, String label) {
        return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                parser.parse(name, yaml);
                return true;
            } catch (ConfigException e) {
                assertThat(e.problems()).as(label + "\n" + yaml).isNotEmpty()
                        .allSatisfy(p -> {
                            assertThat(p.line()).as(label + ": " + p.message() + "\n" + yaml).isPositive();
                            assertThat(p.message()).isNotBlank();
                        });
                assertThat(e.getMessage()).startsWith("configuration file " + name);
                return false;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                fail(label + " threw " + e + " for:\n" + yaml, e);
                return false;
            }
        }, label);
    }

    private static String mutate(String text, Random random) {
        String out = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<String> lines = new ArrayList<>(Arrays.asList(out.split("\n", -1)));
            int at = random.nextInt(Math.max(1, out.length()));
            int line = random.nextInt(lines.size());
            switch (random.nextInt(7)) {
                case 0 -> out = out.substring(0, at) + out.substring(Math.min(out.length(), at + 1 + random.nextInt(5)));
                case 1 -> out = out.substring(0, at) + TOKENS[random.nextInt(TOKENS.length)] + out.substring(at);
                case 2 -> {
                    lines.add(line, lines.get(line));
                    out = String.join("\n", lines);
                }
                case 3 -> {
                    lines.remove(line);
                    out = String.join("\n", lines);
                }
                case 4 -> {
                    int other = random.nextInt(lines.size());
                    String t = lines.get(line);
                    lines.set(line, lines.get(other));
                    lines.set(other, t);
                    out = String.join("\n", lines);
                }
                case 5 -> {
                    String l = lines.get(line);
                    lines.set(line, random.nextBoolean() ? "  " + l : l.replaceFirst("^  ", ""));
                    out = String.join("\n", lines);
                }
                default -> {
                    String l = lines.get(line);
                    int colon = l.indexOf(": ");
                    if (colon > 0) lines.set(line, l.substring(0, colon + 2) + TOKENS[random.nextInt(TOKENS.length)]);
                    out = String.join("\n", lines);
                }
            }
        }
        return out;
    }
}
