package io.onegrid.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** A long-running installed program (the hub, the gateway), its output in a log file the test waits on. */
final class RunningProgram implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private RunningProgram(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static RunningProgram start(String name, Path log, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            return new RunningProgram(name, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Waits until a printed line matches {@code regex}; returns its group 1, or the line. */
    String awaitLine(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        String[] found = new String[1];
        Awaitility.await(name + " prints /" + regex + "/").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .failFast(name + " exited:\n" + output(), () -> !process.isAlive())
                .until(() -> {
                    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                        Matcher m = p.matcher(line);
                        if (m.find()) {
                            found[0] = m.groupCount() >= 1 ? m.group(1) : line;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, as systemd stops a service; SIGKILL if it does not stop in time. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
