package io.onegrid.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process as Linux counts it: {@code /proc/PID/status} (VmRSS now, VmHWM the peak so far, threads),
 * {@code /proc/PID/smaps_rollup} (how much of the RSS is anonymous, i.e. the JVM's own, and how much is mapped
 * files the kernel may drop and re-read), {@code /proc/PID/stat} (CPU time), plus the JVM's own view through
 * {@code jcmd}. Reading {@code /proc} costs the process nothing; {@code jcmd} attaches and starts a thread in it, so
 * it is used last.
 */
final class ProcStats {
    /** One sample, in kB as the kernel reports them. */
    record Sample(long nanos, long rssKb, long hwmKb, int threads) { }

    /** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
    private static final int CLOCK_TICKS = 100;

    private ProcStats() { }

    static Sample sample(long pid) throws IOException {
        Map<String, Long> s = fields(Path.of("/proc", String.valueOf(pid), "status"));
        return new Sample(System.nanoTime(), s.getOrDefault("VmRSS", -1L), s.getOrDefault("VmHWM", -1L),
                s.getOrDefault("Threads", -1L).intValue());
    }

    /** {@code /proc/PID/smaps_rollup}: Rss, Anonymous, Private_Dirty, Shared_Clean, ... in kB. */
    static Map<String, Long> rollup(long pid) throws IOException {
        return fields(Path.of("/proc", String.valueOf(pid), "smaps_rollup"));
    }

    /** User plus system CPU seconds the process used so far (all its threads). */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        // fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and 15
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) CLOCK_TICKS;
    }

    private static Map<String, Long> fields(Path file) throws IOException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int colon = line.indexOf(':');
            if (colon <= 0) continue;
            String[] v = line.substring(colon + 1).trim().split("\\s+");
            try {
                out.put(line.substring(0, colon).trim(), Long.parseLong(v[0]));
            } catch (NumberFormatException e) {
                // a field that is not a number (State, Name, ...): not needed
            }
        }
        return out;
    }

    /** The output lines of {@code jcmd PID COMMAND}, or one line saying why there are none. */
    static List<String> jcmd(long pid, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith(pid + ":")).toList());
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                lines.add("(jcmd did not finish within 30 s)");
            }
            return lines;
        } catch (IOException e) {
            return List.of("(jcmd failed: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("(interrupted)");
        }
    }

    static String mb(long kb) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", kb / 1024.0);
    }
}
