package io.onegrid.bench.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** Small things the gateway benches share for their reports and their pacing. */
final class Bench {
    private Bench() { }

    /** The three load averages, so a reader of a single bench's output sees how busy the machine was. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The flags of a java argument file as java reads them: one per line, '#' comments and blank lines left out. */
    static List<String> flags(Path argFile) {
        try {
            return Files.readAllLines(argFile, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String javaVersion() {
        return "JDK " + System.getProperty("java.vm.version") + " (" + System.getProperty("java.home") + ")";
    }

    static void sleepUntil(long nanos) {
        for (long now = System.nanoTime(); now < nanos; now = System.nanoTime()) LockSupport.parkNanos(nanos - now);
    }

    static String yes(boolean met) {
        return met ? "yes" : "**no**";
    }
}
