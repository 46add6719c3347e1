package io.onegrid.sim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar as a user runs it: java -jar target/onegrid-sim.jar in its own process. */
class SimJarIT {
    private static final Path JAR = Path.of("target/onegrid-sim.jar");

    private static Process launch(String... args) throws Exception {
        assertThat(JAR).exists();
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** The jar runs the demo on ephemeral ports at high speed, prints listening lines and steps, and exits 0. */
    @Test
    void runsTheDemoAndExitsAfterTheTimeline() throws Exception {
        Process p = launch("run", "scenarios/demo.yaml", "--modbus-port", "0", "--gpio-port", "0",
                "--speed", "100", "--exit-after-timeline");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (Exception ignored) {
                // process ended
            }
        });
        reader.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(l -> l.startsWith("GPIO lines listening on")));
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(String.join("\n", lines)).isTrue();
        reader.join(5000);
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        assertThat(lines).anyMatch(l -> l.matches("Modbus TCP listening on 127\\.0\\.0\\.1:\\d+"))
                .contains("t+10s smoke-302 smoke=true  (smoke in flat 302)",
                        "t+2m30s hydrant-b7 pressure=0.35  (pressure restored)");
    }

    /** A bad scenario makes the jar exit 2 with file:line:column. */
    @Test
    void exitsTwoOnABadScenario() throws Exception {
        Path bad = Files.createTempFile("bad", ".yaml");
        try {
            Files.writeString(bad, "name: x\ndevices:\n  - {id: a, profile: smoke-detector-gpio, initial: {smoke: maybe}}\n");
            Process p = launch("validate", bad.toString());
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(output).isEqualTo(2);
            assertThat(output).contains(bad + ":3:60: device a: channel 'smoke' is BOOL");
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
