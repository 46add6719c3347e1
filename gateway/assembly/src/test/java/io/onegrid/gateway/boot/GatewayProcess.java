package io.onegrid.gateway.boot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** The exported gateway jar running as a child JVM, its stdout and stderr collected line by line. */
final class GatewayProcess implements AutoCloseable {
    static final Path JAR = Path.of(System.getProperty("onegrid.gateway.jar", "../target/onegrid-gateway.jar"));
    /** The launcher's JVM flags, so the tests run the gateway as ./onegrid does (small heap included). */
    static final Path JVM_OPTIONS = Path.of(System.getProperty("onegrid.gateway.jvmOptions", "../config/jvm.options"));

    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();

    private GatewayProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), out, "gateway-stdout");
        pump(process.getErrorStream(), err, "gateway-stderr");
    }

    /** Starts {@code java @jvm.options -Dk=v... -jar onegrid-gateway.jar} in {@code workDir}. */
    static GatewayProcess start(Path workDir, String... systemProperties) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("@" + JVM_OPTIONS.toAbsolutePath());
        for (String p : systemProperties) cmd.add("-D" + p);
        cmd.add("-jar");
        cmd.add(JAR.toAbsolutePath().toString());
        return new GatewayProcess(new ProcessBuilder(cmd).directory(workDir.toFile()).start());
    }

    /** Starts {@code java -jar onegrid-gateway.jar ARGS...} in {@code workDir} (the jar's subcommands). */
    static GatewayProcess run(Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx128m");
        cmd.add("-jar");
        cmd.add(JAR.toAbsolutePath().toString());
        cmd.addAll(List.of(args));
        return new GatewayProcess(new ProcessBuilder(cmd).directory(workDir.toFile()).start());
    }

    List<String> out() {
        return out;
    }

    List<String> err() {
        return err;
    }

    boolean printed(String fragment) {
        return out.stream().anyMatch(l -> l.contains(fragment));
    }

    /** Waits for exit; returns the exit code, or -1 after the timeout (the process is then killed). */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    /** SIGTERM, as systemd would stop the gateway (through the handle: Process.destroy() would close our pipes). */
    void terminate() {
        process.toHandle().destroy();
    }

    String transcript() {
        return "stdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void pump(InputStream in, List<String> sink, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) sink.add(line);
            } catch (IOException e) {
                sink.add("<" + name + " closed: " + e + ">");
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }
}
