package io.onegrid.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded, bounded fuzzing of the profile loader and the checker (loader + schema): mutated copies of every
 * catalog file and random YAML each end in a loaded profile or in ProfileExceptions that name the file and a
 * line, never in another exception, a hang or an out-of-memory error. The seed is fixed, so a failure
 * reproduces; the case it prints is the input.
 */
class ProfileLoaderFuzzTest {
    private static final long SEED = 20261202L;
    private static final int MUTANTS_PER_FILE = 20;
    private static final int RANDOM_DOCUMENTS = 200;
    private static final List<String> KEYS = new ArrayList<>();

    static {
        for (List<String> keys : List.of(Keys.PROFILE, Keys.POLL, Keys.REPORT, Keys.CHANNEL, Keys.MODBUS, Keys.GPIO,
                Keys.COAP, Keys.RULE, Keys.ACTION)) {
            KEYS.addAll(keys);
        }
    }

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);
    private int loaded;
    private int rejected;

    /** Every mutation of every shipped profile ends in a profile or located ProfileExceptions, from text and from files. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedCatalogFiles() throws IOException {
        List<Function<String, String>> mutations = List.of(this::deleteLine, this::duplicateLine, this::retype,
                this::swapScalars, this::deepNesting, this::hugeValue, this::aliases, this::tabs, this::truncate,
                this::randomBytes, text -> "\uFEFF" + text);
        for (String name : ProfileCatalogs.builtinFileNames()) {
            String original = Files.readString(ProfileCatalogsTest.SHIPPED.resolve(name));
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                String mutant = original;
                int rounds = 1 + random.nextInt(3);
                for (int r = 0; r < rounds; r++) mutant = mutations.get(random.nextInt(mutations.size())).apply(mutant);
                checkText(name + "#" + i, mutant);
            }
            byte[] bytes = original.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 5; i++) {
                byte[] broken = bytes.clone();
                broken[random.nextInt(broken.length)] = (byte) (0x80 + random.nextInt(0x80)); // not UTF-8 on its own
                checkFile(name + "-bytes" + i + ".yaml", broken);
            }
        }
        assertThat(loaded + rejected).isEqualTo(2 * ProfileCatalogs.builtinFileNames().size() * (MUTANTS_PER_FILE + 5));
        assertThat(rejected).as("most mutants are broken").isGreaterThan(loaded);
    }

    /** Random YAML built from the format's own keys and odd scalars ends in located ProfileExceptions (or a profile). */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void randomDocuments() {
        for (int i = 0; i < RANDOM_DOCUMENTS; i++) {
            StringBuilder yaml = new StringBuilder();
            randomMapping(yaml, 0, random.nextBoolean());
            checkText("random#" + i, yaml.toString());
        }
        assertThat(loaded + rejected).as("loader and checker each gave an outcome").isEqualTo(2 * RANDOM_DOCUMENTS);
    }

    private void checkText(String name, String text) {
        try {
            outcome(name, text, () -> ProfileLoader.parse(name, text));
            outcome(name, text, () -> checked(ProfileCheck.check(name, text)));
        } catch (OutOfMemoryError | StackOverflowError e) {
            fail(name + " exhausted the JVM (" + e + ") on:\n" + text);
        }
    }

    private void checkFile(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        outcome(name, "(bytes)", () -> ProfileLoader.load(f));
        outcome(name, "(bytes)", () -> checked(ProfileCheck.check(f)));
    }

    private static DeviceProfile checked(ProfileCheck.Checked c) {
        if (!c.problems().isEmpty()) throw new ProfileException(c.problems());
        assertThat(c.profile()).isNotNull();
        return c.profile();
    }

    private interface Attempt {
        DeviceProfile run();
    }

    private void outcome(String name, String text, Attempt attempt) {
        try {
            DeviceProfile p = attempt.run();
            assertThat(p.channels()).as(name).isNotEmpty();
            loaded++;
        } catch (ProfileException e) {
            rejected++;
            for (ProfileException each : e.allProblems()) {
                assertThat(each.file()).as(name).isNotBlank();
                assertThat(each.problem()).as(name).isNotBlank();
                boolean wholeFile = each.problem().contains("not UTF-8") || each.problem().contains("size limit");
                if (!wholeFile && each.line() <= 0) fail(name + ": a problem without a line: " + each.describe() + "\non:\n" + text);
            }
        } catch (RuntimeException e) {
            throw new AssertionError(name + " threw " + e + " instead of a ProfileException, on:\n" + text, e);
        }
        if (name.endsWith("#") || name.isEmpty()) fail("unnamed case");
    }

    // ---- mutations: each returns a changed copy -----------------------------------------------------------

    private String[] lines(String text) {
        return text.split("\n", -1);
    }

    private String deleteLine(String text) {
        List<String> l = new ArrayList<>(List.of(lines(text)));
        if (l.size() > 1) l.remove(random.nextInt(l.size()));
        return String.join("\n", l);
    }

    private String duplicateLine(String text) {
        List<String> l = new ArrayList<>(List.of(lines(text)));
        int i = random.nextInt(l.size());
        l.add(i, l.get(i));
        return String.join("\n", l);
    }

    private static final String[] ODD_SCALARS = {"true", "no", "~", "\"\"", "-1", "0", "1e309", ".nan", "0x7fffffff",
            "99999999999999999999", "[1, 2]", "{a: 1}", "\"0.10\"", "2026-12-02", "1:30", "!!str x", "'", "\"unterminated",
            "@x", "%LEL", "- x", "*undefined", "&a x", "? complex", "|", ">-", "\u0000", "\u202e", "ünïcødé"};

    private String retype(String text) {
        String[] l = lines(text);
        int i = random.nextInt(l.length);
        int colon = l[i].indexOf(": ");
        if (colon < 0) return text;
        l[i] = l[i].substring(0, colon + 2) + ODD_SCALARS[random.nextInt(ODD_SCALARS.length)];
        return String.join("\n", l);
    }

    private String swapScalars(String text) {
        String[] l = lines(text);
        int a = random.nextInt(l.length);
        int b = random.nextInt(l.length);
        int ca = l[a].indexOf(": ");
        int cb = l[b].indexOf(": ");
        if (ca < 0 || cb < 0) return text;
        String va = l[a].substring(ca + 2);
        l[a] = l[a].substring(0, ca + 2) + l[b].substring(cb + 2);
        l[b] = l[b].substring(0, cb + 2) + va;
        return String.join("\n", l);
    }

    private String deepNesting(String text) {
        String[] l = lines(text);
        int i = random.nextInt(l.length);
        int colon = l[i].indexOf(": ");
        if (colon < 0) return text;
        int depth = 5 + random.nextInt(200);
        boolean list = random.nextBoolean();
        l[i] = l[i].substring(0, colon + 2) + (list ? "[".repeat(depth) + "1" + "]".repeat(depth)
                : "{a: ".repeat(depth) + "1" + "}".repeat(depth));
        return String.join("\n", l);
    }

    private String hugeValue(String text) {
        String[] l = lines(text);
        int i = random.nextInt(l.length);
        int colon = l[i].indexOf(": ");
        if (colon < 0) return text;
        int size = random.nextBoolean() ? 50_000 : ProfileLoader.MAX_BYTES + 10; // long, or over the limit
        l[i] = l[i].substring(0, colon + 2) + (random.nextBoolean() ? "9".repeat(size) : "x".repeat(size));
        return String.join("\n", l);
    }

    private String aliases(String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text.replaceFirst("channels:\n", "channels: &c\n") + "\nextra: *c\n";
            case 1 -> "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b]\n"
                    + "d: [*c, *c, *c, *c, *c, *c, *c]\n" + text;
            default -> text.replaceFirst("(?m)^(\\s+)- id: ", "$1- &anchor id: ").replaceFirst("(?m)^(\\s+)type: (\\w+)", "$1type: *anchor");
        };
    }

    private String tabs(String text) {
        return random.nextBoolean() ? text.replace("    ", "\t") : text.replaceFirst("\n  ", "\n\t");
    }

    private String truncate(String text) {
        return text.substring(0, random.nextInt(text.length() + 1));
    }

    private String randomBytes(String text) {
        StringBuilder sb = new StringBuilder(text);
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            char c = switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(32);
                case 1 -> "{}[]:,&*!|>'\"%@`#-?".charAt(random.nextInt(19));
                case 2 -> (char) (0xD800 + random.nextInt(0x800)); // a lone surrogate
                default -> (char) (32 + random.nextInt(95));
            };
            sb.insert(random.nextInt(sb.length() + 1), c);
        }
        return sb.toString();
    }

    // ---- random documents ---------------------------------------------------------------------------------

    private void randomMapping(StringBuilder out, int depth, boolean flow) {
        int entries = 1 + random.nextInt(4);
        String indent = "  ".repeat(depth);
        if (flow) out.append('{');
        for (int i = 0; i < entries; i++) {
            String key = random.nextInt(10) == 0 ? "k" + random.nextInt(100) : KEYS.get(random.nextInt(KEYS.size()));
            if (flow) out.append(i == 0 ? "" : ", ").append(key).append(": ");
            else out.append(indent).append(key).append(':');
            randomValue(out, depth + 1, flow);
            if (!flow) out.append('\n');
        }
        if (flow) out.append('}');
    }

    private void randomValue(StringBuilder out, int depth, boolean flow) {
        int pick = depth > 4 ? 0 : random.nextInt(4);
        if (pick == 1) {
            if (!flow) out.append('\n');
            randomMapping(out, depth, flow);
        } else if (pick == 2) {
            int items = random.nextInt(4);
            if (flow || items == 0) {
                out.append(flow ? "" : " ").append('[');
                for (int i = 0; i < items; i++) {
                    out.append(i == 0 ? "" : ", ");
                    randomMapping(out, depth + 1, true);
                }
                out.append(']');
            } else {
                for (int i = 0; i < items; i++) {
                    out.append('\n').append("  ".repeat(depth)).append("- ");
                    randomMapping(out, 0, true);
                }
            }
        } else {
            out.append(flow ? "" : " ").append(scalar());
        }
    }

    private String scalar() {
        return switch (random.nextInt(8)) {
            case 0 -> String.valueOf(random.nextInt(70000) - 1000);
            case 1 -> String.valueOf(random.nextDouble() * 100);
            case 2 -> random.nextBoolean() ? "true" : "false";
            case 3 -> (1 + random.nextInt(90)) + List.of("ms", "s", "m", "h", "d", "x").get(random.nextInt(6));
            case 4 -> List.of("modbus-tcp", "modbus-rtu", "coap", "gpio", "threshold", "state", "holding", "bool",
                    "float32", "in", "out", "major").get(random.nextInt(12));
            case 5 -> "\"22:00-07:00\"";
            case 6 -> "/p" + random.nextInt(9);
            default -> "x" + random.nextInt(1000);
        };
    }
}
