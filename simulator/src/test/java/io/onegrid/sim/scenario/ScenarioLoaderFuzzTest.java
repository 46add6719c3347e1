package io.onegrid.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.onegrid.profile.ProfileCatalog;
import io.onegrid.profile.ProfileCatalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Seeded, bounded fuzzing of the scenario loader: every input ends in a scenario or a clean ScenarioException. */
class ScenarioLoaderFuzzTest {
    private static final long SEED = 20261202L;
    private static final int MUTANTS_PER_FILE = 400;
    private static final int RANDOM_DOCUMENTS = 400;
    private static final String[] TOKENS = {":", "- ", "{", "}", "[", "]", ",", "\n", "  ", "&a ", "*a", "!!java.io.File ",
        "\"", "'", "#", "0x10", "-1", "1e400", "NaN", "true", "~", "behave: ", "ramp: ", "bus: ", "unit: ", "at: ",
        "10s", "1.5s", "{exception: 300}", "{delay: 0ms}", "corrupt-crc", "? ", "|", ">", "\t", "\u0000", "%YAML 1.1\n"};
    private static final ExecutorService RUNNER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz");
        t.setDaemon(true);
        return t;
    });

    private final ProfileCatalog catalog = ProfileCatalogs.withDirectory(Path.of("src/test/resources/profiles"), p -> { });
    private final ScenarioLoader loader = new ScenarioLoader(catalog);

    @AfterAll
    static void stopRunner() {
        RUNNER.shutdownNow();
    }

    /** Mutated copies of every shipped and test scenario (byte flips, token splices, cuts) never escape as another exception or hang. */
    @Test
    void mutatedScenariosEndCleanly() throws Exception {
        // GIVEN the shipped scenarios and the test scenarios as seeds
        List<String> seeds = new ArrayList<>();
        for (Path dir : List.of(Path.of("scenarios"), Path.of("src/test/resources/scenarios"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                    seeds.add(Files.readString(f));
                }
            }
        }
        assertThat(seeds).hasSizeGreaterThanOrEqualTo(3);
        Random random = new Random(SEED);
        int loaded = 0;
        // WHEN each is mutated many times THEN each mutant loads or is refused with a ScenarioException
        for (String seed : seeds) {
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                loaded += check(mutate(seed, random)) ? 1 : 0;
            }
        }
        assertThat(loaded).as("some mutants still load (the fuzzer is not only testing the parser)").isPositive();
    }

    /** Random YAML-ish documents built from YAML and scenario tokens end cleanly too. */
    @Test
    void randomDocumentsEndCleanly() throws Exception {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < RANDOM_DOCUMENTS; i++) {
            StringBuilder doc = new StringBuilder(random.nextBoolean() ? "name: f\ndevices:\n" : "");
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                doc.append(TOKENS[random.nextInt(TOKENS.length)]);
                if (random.nextInt(4) == 0) {
                    doc.append("k").append(random.nextInt(5));
                }
            }
            check(doc.toString());
        }
    }

    /** A deeply nested or alias-bombed document is refused within the time cap, not after exhausting memory. */
    @Test
    void hostileDocumentsAreRefusedQuickly() throws Exception {
        check("name: x\ndevices: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        check("a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b]\n");
        check("name: x\ndevices:\n" + "  - {id: d, profile: hydrant-pressure-modbus, modbus: {unit: 1}}\n".repeat(3000));
    }

    /** True when it loaded; fails the test on any other outcome than a ScenarioException, or after 5 s. */
    private boolean check(String text) throws Exception {
        Future<Boolean> result = RUNNER.submit(() -> {
            try {
                loader.parse("fuzz.yaml", text);
                return true;
            } catch (ScenarioException expected) {
                assertThat(expected.getMessage()).startsWith("fuzz.yaml");
                return false;
            }
        });
        try {
            return result.get(5, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            result.cancel(true);
            fail("the loader did not finish within 5 s on:\n" + text);
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the loader threw " + e.getCause() + " on:\n" + text, e.getCause());
        }
    }

    private static String mutate(String seed, Random random) {
        StringBuilder s = new StringBuilder(seed);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && s.length() > 0; e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                case 1 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(12)));
                default -> s.setLength(at);
            }
        }
        return s.toString();
    }
}
