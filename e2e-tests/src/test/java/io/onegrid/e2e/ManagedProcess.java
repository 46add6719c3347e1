package io.onegrid.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * One OneGrid part (hub, simulator, gateway) running as its own operating-system process. Its output is
 * kept in memory for assertions and in a log file for diagnosis when a test fails.
 */
final class ManagedProcess implements AutoCloseable {
    /** A line of output and when the test read it (epoch ms), for tests that reason about when something happened. */
    record Printed(long atMs, String text) { }

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Printed> printed = new CopyOnWriteArrayList<>();
    private final Thread pump;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.pump = new Thread(() -> pump(log), "out-" + name);
        this.pump.setDaemon(true);
        this.pump.start();
    }

    static ManagedProcess start(String name, Path logDir, List<String> command, java.util.Map<String, String> env) {
        try {
            Files.createDirectories(logDir);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            return new ManagedProcess(name, pb.start(), logDir.resolve(name + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                printed.add(new Printed(System.currentTimeMillis(), line));
                lines.add(line);
                out.println(line);
            }
        } catch (IOException e) {
            // The process ended; what it printed so far is kept.
        }
    }

    /** Waits until the process prints a line matching {@code regex}; returns the first match's group 1 (or the line). */
    String awaitLine(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        String[] found = new String[1];
        Awaitility.await(name + " prints /" + regex + "/").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .failFast(name + " exited:\n" + tail(), () -> !process.isAlive())
                .until(() -> {
                    for (String l : lines) {
                        Matcher m = p.matcher(l);
                        if (m.find()) {
                            found[0] = m.groupCount() >= 1 ? m.group(1) : l;
                            return true;
                        }
                    }
                    return false;
                });
        return found[0];
    }

    boolean printed(String regex) {
        Pattern p = Pattern.compile(regex);
        return lines.stream().anyMatch(l -> p.matcher(l).find());
    }

    /** Everything printed so far, each line with the time it was read. */
    List<Printed> printedLines() {
        return List.copyOf(printed);
    }

    String tail() {
        int from = Math.max(0, lines.size() - 40);
        return String.join("\n", lines.subList(from, lines.size()));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit code of a process that has ended. */
    int exitCode() {
        return process.exitValue();
    }

    /** SIGKILL: the harshest stop, nothing gets a chance to flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * SIGTERM, then SIGKILL if it does not stop in time; returns once what it printed on the way out has been read,
     * so a test can assert on its last lines.
     */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            // SIGTERM through the handle: Process.destroy() would also close our end of its output, so the lines it
            // prints while stopping (a report, a last log line) would be lost and its writes would fail
            process.toHandle().destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        pump.join(5_000);
    }

    /** Ports handed out in this JVM: tests run side by side, and a port closed here is free for the next caller too. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A loopback port that was free a moment ago and not handed out before, for a process that cannot pick its own. */
    static int freePort() throws IOException {
        while (true) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) return s.getLocalPort();
            }
        }
    }

    /** The java launcher of the JVM running the tests, for the processes under test. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
