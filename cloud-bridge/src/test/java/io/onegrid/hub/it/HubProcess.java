package io.onegrid.hub.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The shaded hub jar running as its own process, its stdout and stderr captured line by line. */
final class HubProcess implements AutoCloseable {
    final Process process;
    final List<String> out = Collections.synchronizedList(new ArrayList<>());
    final List<String> err = Collections.synchronizedList(new ArrayList<>());

    HubProcess(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("hub.jar", "target/onegrid-hub.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("build the jar first (mvn package): " + jar);
        List<String> cmd = new ArrayList<>(List.of(javaBinary(), "-Xmx128m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("ONEGRID_"));
        pb.environment().putAll(env);
        process = pb.start();
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void pump(java.io.InputStream in, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) into.add(line);
            } catch (IOException e) {
                // process ended
            }
        }, "hub-process-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for a stdout line starting with {@code prefix} and returns it. */
    String awaitLine(String prefix) {
        await().atMost(Duration.ofSeconds(30)).until(() -> line(prefix).isPresent() || !process.isAlive());
        return line(prefix).orElseThrow(() -> new AssertionError("hub exited without '" + prefix + "'; stderr: " + err));
    }

    Optional<String> line(String prefix) {
        synchronized (out) {
            return out.stream().filter(l -> l.startsWith(prefix)).findFirst();
        }
    }

    int port(String prefix) {
        String l = awaitLine(prefix);
        return Integer.parseInt(l.substring(l.lastIndexOf(':') + 1).replaceAll("[^0-9].*$", ""));
    }

    /** SIGTERM through kill(1): Process.destroy() would also close our end of its stdout. */
    void sigterm() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("hub did not exit");
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
        }
    }
}
