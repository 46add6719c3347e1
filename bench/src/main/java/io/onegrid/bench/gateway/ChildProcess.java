package io.onegrid.bench.gateway;

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
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A OneGrid part (the gateway jar, the simulator jar) run as its own operating-system process, the way the
 * launcher runs it. Its output goes to a log file and is kept with the time each line was read, so a bench can
 * tell when the gateway printed its banner on the same clock as everything else it times.
 */
final class ChildProcess implements AutoCloseable {
    private record Line(long nanos, String text) { }

    private final String name;
    private final Process process;
    private final long startNanos;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private ChildProcess(String name, Process process, long startNanos, Path log) {
        this.name = name;
        this.process = process;
        this.startNanos = startNanos;
        Thread pump = new Thread(() -> pump(log), "out-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code command}, stdout and stderr merged into {@code log}. */
    static ChildProcess start(String name, List<String> command, Path log) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            long t0 = System.nanoTime();
            return new ChildProcess(name, pb.start(), t0, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void pump(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(new Line(System.nanoTime(), line));
                out.println(line);
            }
        } catch (IOException e) {
            // the process ended; what it printed so far is kept
        }
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until a line matches {@code regex}; returns the first match's group 1, or the whole line. */
    String awaitLine(String regex, Duration timeout) throws InterruptedException {
        Pattern p = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (true) {
            for (; seen < lines.size(); seen++) {
                Matcher m = p.matcher(lines.get(seen).text());
                if (m.find()) return m.groupCount() >= 1 ? m.group(1) : m.group();
            }
            if (!process.isAlive() && seen >= lines.size()) {
                throw new IllegalStateException(name + " exited (" + process.exitValue() + ") before printing /" + regex
                        + "/; last lines:\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not print /" + regex + "/ within " + timeout + "; last lines:\n"
                        + tail());
            }
            Thread.sleep(20);
        }
    }

    /** When the first line matching {@code regex} was read, if one was. */
    OptionalLong lineNanos(String regex) {
        Pattern p = Pattern.compile(regex);
        for (Line l : lines) {
            if (p.matcher(l.text()).find()) return OptionalLong.of(l.nanos());
        }
        return OptionalLong.empty();
    }

    /** Lines matching {@code regex}, for the report's notes (warnings the gateway logged during a run). */
    List<String> linesMatching(String regex) {
        Pattern p = Pattern.compile(regex);
        return lines.stream().map(Line::text).filter(t -> p.matcher(t).find()).toList();
    }

    String tail() {
        int from = Math.max(0, lines.size() - 30);
        return String.join("\n", lines.subList(from, lines.size()).stream().map(Line::text).toList());
    }

    /** SIGTERM (the gateway stops its framework cleanly), then SIGKILL if it takes longer than 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
