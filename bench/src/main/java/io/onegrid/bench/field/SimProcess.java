package io.onegrid.bench.field;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The simulator jar playing a scenario in its own process, with its output in a log the bench waits on. */
final class SimProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private SimProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static SimProcess start(Path root, Path dir, Path scenario, Path profiles, String... options) throws IOException {
        Path jar = root.resolve("simulator/target/onegrid-sim.jar");
        if (!Files.isRegularFile(jar)) throw new IOException(jar + " is missing: build it first (see --help)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "run", scenario.toString(), "--profiles", profiles.toString(), "--gpio-port", "0"));
        command.addAll(List.of(options));
        Path log = dir.resolve("sim.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SimProcess(p, log);
    }

    /** Waits (at most 30 s) until the simulator printed a line containing {@code text}. */
    void awaitLine(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Pattern p = Pattern.compile(Pattern.quote(text));
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(l -> p.matcher(l).find())) return;
            if (!process.isAlive()) throw new IOException("the simulator exited: " + Files.readString(log));
            Thread.sleep(50);
        }
        throw new IOException("the simulator did not print '" + text + "' within 30 s: " + Files.readString(log));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
